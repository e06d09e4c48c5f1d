import { type KeyedRow, keyedRules } from './keyed';

/**
 * Tools for work and for engineers keyed by one value: tasks and time, support desks,
 * monitoring, CI and developer services. [provider, context words, value shape, env var, what it is]
 */
const ROWS: readonly KeyedRow[] = [
  // Tasks, notes, time.
  ['Todoist', 'todoist', 'lowalnum:40', 'TODOIST_API_TOKEN', 'API token'],
  ['Toggl Track', 'toggl_api|toggl_token|toggl_track|togglapi', 'lowalnum:32', 'TOGGL_API_TOKEN', 'API token'],
  ['Clockify', 'clockify', 'alnum:48', 'CLOCKIFY_API_KEY'],
  ['Everhour', 'everhour', '{hex:4}-{hex:4}-{hex:6}-{hex:6}-{hex:8}', 'EVERHOUR_API_KEY'],
  ['Worksnaps', 'worksnaps', 'alnum:40', 'WORKSNAPS_API_TOKEN', 'API token'],
  ['Beebole', 'beebole', 'lowalnum:40', 'BEEBOLE_API_TOKEN', 'API token'],
  ['GoodDay', 'goodday', 'lowalnum:32', 'GOODDAY_API_TOKEN', 'API token'],
  ['MeisterTask', 'meistertask', 'alnum:43', 'MEISTERTASK_TOKEN', 'access token'],
  ['MindMeister', 'mindmeister', 'alnum:43', 'MINDMEISTER_TOKEN', 'access token'],
  ['Dynalist', 'dynalist', 'b64url:128', 'DYNALIST_API_TOKEN', 'API token'],
  ['Zenkit', 'zenkit', '{lowalnum:8}-{alnum:32}', 'ZENKIT_API_KEY'],
  ['Workstack', 'workstack', 'alnum:60', 'WORKSTACK_API_TOKEN', 'API token'],
  ['Trello', 'trello', 'hex:64 | hex:32', 'TRELLO_API_TOKEN', 'API key or token'],
  ['Planview LeanKit', 'leankit|planview', 'hex:128', 'LEANKIT_API_TOKEN', 'API token'],
  ['Boost Note', 'boostnote', 'hex:64', 'BOOSTNOTE_API_TOKEN', 'API token'],
  ['TMetric', 'tmetric', 'upalnum:64', 'TMETRIC_API_TOKEN', 'API token'],
  ['Vyte', 'vyte', 'lowalnum:50', 'VYTE_API_KEY'],
  ['Runrun.it', 'runrunit|runrun_it', 'hex:32', 'RUNRUNIT_APP_KEY', 'app key'],
  ['Supernotes', 'supernotes', 'b64url:43', 'SUPERNOTES_API_KEY'],
  ['Paymo', 'paymoapp|paymo_api', 'alnum:44', 'PAYMO_API_KEY'],
  ['Planyo', 'planyo', 'lowalnum:62', 'PLANYO_API_KEY'],
  ['Hiveage', 'hiveage', 'b64url:20', 'HIVEAGE_API_KEY'],
  ['Flowlu', 'flowlu|flowflu', 'alnum:51', 'FLOWLU_API_KEY'],
  ['Deputy', 'deputy', 'hex:32', 'DEPUTY_ACCESS_TOKEN', 'access token'],

  // Support desks and chat.
  ['Freshdesk', 'freshdesk', 'alnum:20', 'FRESHDESK_API_KEY'],
  ['LiveAgent', 'liveagent', 'alnum:32', 'LIVEAGENT_API_KEY'],
  ['Sherpadesk', 'sherpadesk', 'lowalnum:32', 'SHERPADESK_API_TOKEN', 'API token'],
  ['Mattermost', 'mattermost', 'lowalnum:26', 'MATTERMOST_TOKEN', 'personal access token'],
  ['Gitter', 'gitter', 'lowalnum:40', 'GITTER_TOKEN', 'token'],
  ['Mesibo', 'mesibo', 'alnum:64', 'MESIBO_APP_TOKEN', 'app token'],
  ['Rownd', 'rownd', 'lowalnum:48', 'ROWND_APP_SECRET', 'app secret'],

  // Monitoring, CI, developer services.
  ['Airbrake', 'airbrake', 'hex:32 | hex:40', 'AIRBRAKE_PROJECT_KEY', 'project or user key'],
  ['Bugsnag', 'bugsnag', 'uuid', 'BUGSNAG_AUTH_TOKEN', 'auth token'],
  ['BugHerd', 'bugherd', 'lowalnum:22', 'BUGHERD_API_KEY'],
  ['Fastly', 'fastly', 'b64url:32', 'FASTLY_API_TOKEN', 'API token'],
  ['Sumo Logic', 'sumologic|sumo_access', 'alnum:64', 'SUMOLOGIC_ACCESS_KEY', 'access key'],
  ['Keen', 'keenio|keen_io|keen_master', 'HEX:64 | hex:64', 'KEEN_MASTER_KEY', 'master key'],
  ['Vultr', 'vultr', 'upalnum:36', 'VULTR_API_KEY'],
  ['Qubole', 'qubole', 'lowalnum:64', 'QUBOLE_API_TOKEN', 'API token'],
  ['Codacy', 'codacy', 'alnum:20', 'CODACY_API_TOKEN', 'API token'],
  ['Travis CI', 'travis', 'word:22', 'TRAVIS_API_TOKEN', 'API token'],
  ['Drone', 'droneci|drone_token', 'alnum:32', 'DRONE_TOKEN', 'token'],
  ['BlazeMeter', 'blazemeter|runscope', 'uuid', 'BLAZEMETER_API_KEY'],
  ['DronaHQ', 'dronahq', 'lowalnum:50', 'DRONAHQ_API_TOKEN', 'API token'],
  ['Caspio', 'caspio', 'lowalnum:50', 'CASPIO_CLIENT_SECRET', 'client secret'],
  ['Fulcrum', 'fulcrum', 'lowalnum:80', 'FULCRUM_API_TOKEN', 'API token'],
  ['AppSynergy', 'appsynergy', 'lowalnum:64', 'APPSYNERGY_API_KEY'],
  ['Dyspatch', 'dyspatch', 'upalnum:52', 'DYSPATCH_API_KEY'],
  ['dfuse', 'dfuse', 'web_{hex:32}', 'DFUSE_API_KEY'],
  ['Baremetrics', 'baremetrics', 'word:25', 'BAREMETRICS_API_KEY'],
  ['Artsy', 'artsy', 'alnum:32', 'ARTSY_CLIENT_SECRET', 'client secret'],
  ['Strava', 'strava', 'lowalnum:40', 'STRAVA_CLIENT_SECRET', 'client secret'],
  ['YNAB', 'ynab|youneedabudget', 'hex:64', 'YNAB_ACCESS_TOKEN', 'personal access token'],
  ['Blitapp', 'blitapp', 'b64url:39', 'BLITAPP_API_KEY'],
  ['Foursquare', 'foursquare', 'upalnum:48', 'FOURSQUARE_CLIENT_SECRET', 'client secret'],
  ['Smartsheet', 'smartsheet', 'alnum:37 | alnum:26', 'SMARTSHEET_ACCESS_TOKEN', 'access token'],
];

export const workToolRules = keyedRules(ROWS);
