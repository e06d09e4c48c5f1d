import { type KeyedRow, keyedRules } from './keyed';

/**
 * Business software keyed by one value: CRM and sales, messaging and email, feedback,
 * documents and signatures, invoicing, sites and content. [provider, context words, value
 * shape, env var, what it is]
 */
const ROWS: readonly KeyedRow[] = [
  // CRM and sales.
  ['Pipedrive', 'pipedrive', 'alnum:40', 'PIPEDRIVE_API_TOKEN', 'API token'],
  ['Insightly', 'insightly', 'uuid', 'INSIGHTLY_API_KEY'],
  ['Kylas', 'kylas', 'uuid', 'KYLAS_API_KEY'],
  ['CentralStationCRM', 'centralstation', 'lowalnum:30', 'CENTRALSTATION_API_KEY'],
  ['ClinchPad', 'clinchpad', 'lowalnum:32', 'CLINCHPAD_API_KEY'],
  ['Salesflare', 'salesflare', 'word:45', 'SALESFLARE_API_KEY'],
  ['Sales Cookie', 'salescookie', 'alnum:32', 'SALESCOOKIE_API_KEY'],
  ['PandaDoc', 'pandadoc', 'alnum:40', 'PANDADOC_API_KEY'],
  ['Cloze', 'cloze', 'hex:32', 'CLOZE_API_KEY'],
  ['Nylas', 'nylas', 'alnum:30', 'NYLAS_CLIENT_SECRET', 'client secret'],
  ['MadKudu', 'madkudu', 'hex:32', 'MADKUDU_API_KEY'],
  ['Autoklose', 'autoklose', 'alnum:32', 'AUTOKLOSE_API_KEY'],
  ['Apideck', 'apideck', 'alnum:40', 'APIDECK_API_KEY'],
  ['API2Cart', 'api2cart', 'hex:32', 'API2CART_API_KEY'],

  // Messaging, email, SMS.
  ['Mailjet', 'mailjet|mj_apikey', 'hex:32', 'MJ_APIKEY_PRIVATE', 'secret key'],
  ['MailerLite', 'mailerlite', 'lowalnum:32', 'MAILERLITE_API_KEY'],
  ['Moosend', 'moosend', 'uuid', 'MOOSEND_API_KEY'],
  ['Mailmodo', 'mailmodo', '{upalnum:7}-{upalnum:7}-{upalnum:7}-{upalnum:7}', 'MAILMODO_API_KEY'],
  ['Pepipost', 'pepipost', 'alnum:32', 'PEPIPOST_API_KEY'],
  ['PostageApp', 'postageapp', 'alnum:32', 'POSTAGEAPP_API_KEY'],
  ['Mandrill', 'mandrill', 'b64url:22', 'MANDRILL_API_KEY'],
  ['Elastic Email', 'elasticemail|elastic_email', 'alnum:96', 'ELASTICEMAIL_API_KEY'],
  ['Campayn', 'campayn', 'lowalnum:64', 'CAMPAYN_API_KEY'],
  ['Mailsac', 'mailsac', 'k_{alnum:36-64}', 'MAILSAC_API_KEY'],
  ['Sendbird', 'sendbird', 'hex:40', 'SENDBIRD_API_TOKEN', 'API token'],
  ['MessageBird', 'messagebird', 'alnum:25', 'MESSAGEBIRD_ACCESS_KEY', 'access key'],
  ['Plivo', 'plivo', 'alnum:40', 'PLIVO_AUTH_TOKEN', 'auth token'],
  ['Sinch', 'sinch', 'lowalnum:32', 'SINCH_API_TOKEN', 'API token'],
  ['tyntec', 'tyntec', 'alnum:32', 'TYNTEC_API_KEY'],
  ['TextMagic', 'textmagic', 'alnum:30', 'TEXTMAGIC_API_KEY'],
  ['Clockwork SMS', 'clockworksms|clockwork_sms|textanywhere', 'alnum:24', 'CLOCKWORK_SMS_API_KEY'],
  ['SignalWire', 'signalwire', 'alnum:50', 'SIGNALWIRE_API_TOKEN', 'API token'],
  ['RingCentral', 'ringcentral', 'b64url:22', 'RINGCENTRAL_CLIENT_SECRET', 'client secret'],
  ['Agora', 'agora', 'hex:32', 'AGORA_APP_CERTIFICATE', 'app certificate'],
  ['Ayrshare', 'ayrshare', '{upper:7}-{upalnum:7}-{upalnum:7}-{upalnum:7}', 'AYRSHARE_API_KEY'],
  ['Pushbullet', 'pushbullet', 'o.{alnum:32}', 'PUSHBULLET_ACCESS_TOKEN', 'access token'],
  ['Smooch', 'smooch', 'b64url:86', 'SMOOCH_SECRET', 'secret'],
  ['Courier', 'trycourier|courier_auth|courier_api', 'pk_prod_{upalnum:28} | pk_test_{upalnum:28}', 'COURIER_AUTH_TOKEN', 'auth token'],

  // Feedback and surveys.
  ['Feedier', 'feedier', 'alnum:32', 'FEEDIER_API_KEY'],
  ['Delighted', 'delighted', 'alnum:32', 'DELIGHTED_API_KEY'],
  ['Nicereply', 'nicereply', 'hex:40', 'NICEREPLY_API_KEY'],
  ['Zonka Feedback', 'zonka', 'alnum:36', 'ZONKA_API_KEY'],
  ['Survicate', 'survicate', 'lowalnum:32', 'SURVICATE_API_KEY'],
  ['SurveySparrow', 'surveysparrow', 'b64url:88', 'SURVEYSPARROW_TOKEN', 'access token'],
  ['SurveyBot', 'surveybot', 'alnum:80', 'SURVEYBOT_API_KEY'],
  ['Simplesat', 'simplesat', 'lowalnum:40', 'SIMPLESAT_API_KEY'],
  ['Upwave', 'upwave', 'lowalnum:32', 'UPWAVE_API_TOKEN', 'API token'],
  ['SignUpGenius', 'signupgenius', 'alnum:32', 'SIGNUPGENIUS_USER_KEY', 'user key'],
  ['Jotform', 'jotform', 'lowalnum:32', 'JOTFORM_API_KEY'],

  // Documents, signatures, invoicing, payments.
  ['Juro', 'juro', 'alnum:40', 'JURO_API_KEY'],
  ['Signaturit', 'signaturit', 'alnum:86', 'SIGNATURIT_ACCESS_TOKEN', 'access token'],
  ['Yousign', 'yousign', 'lowalnum:32', 'YOUSIGN_API_KEY'],
  ['Dropbox Sign', 'hellosign|dropboxsign', 'hex:64', 'HELLOSIGN_API_KEY'],
  ['Invoice Ocean', 'invoiceocean', 'alnum:20', 'INVOICEOCEAN_API_TOKEN', 'API token'],
  ['Fusebill', 'fusebill', 'alnum:88', 'FUSEBILL_API_KEY'],
  ['FreshBooks', 'freshbooks', 'lowalnum:64', 'FRESHBOOKS_CLIENT_SECRET', 'client secret'],
  ['Axonaut', 'axonaut', 'lowalnum:32', 'AXONAUT_API_KEY'],
  ['Loyverse', 'loyverse', 'lowalnum:32', 'LOYVERSE_ACCESS_TOKEN', 'access token'],
  ['MoonClerk', 'moonclerk', 'lowalnum:32', 'MOONCLERK_API_KEY'],
  ['Dwolla', 'dwolla', 'alnum:50', 'DWOLLA_SECRET', 'secret'],
  ['Convier', 'convier', '{digits:2}|{alnum:40}', 'CONVIER_API_KEY'],

  // Sites, content, localisation.
  ['Bannerbear', 'bannerbear', '{alnum:22}tt', 'BANNERBEAR_API_KEY'],
  ['Storyblok', 'storyblok', '{alnum:22}tt', 'STORYBLOK_TOKEN', 'access token'],
  ['Siteleaf', 'siteleaf', 'lowalnum:32', 'SITELEAF_API_SECRET', 'API secret'],
  ['Simvoly', 'simvoly', 'lowalnum:33', 'SIMVOLY_API_KEY'],
  ['Squarespace', 'squarespace', 'uuid', 'SQUARESPACE_API_KEY'],
  ['Webflow', 'webflow', 'hex:64', 'WEBFLOW_API_TOKEN', 'API token'],
  ['ButterCMS', 'buttercms', 'lowalnum:40', 'BUTTERCMS_API_TOKEN', 'API token'],
  ['Thinkific', 'thinkific', 'hex:32', 'THINKIFIC_API_KEY'],
  ['Alconost', 'alconost', 'lowalnum:32', 'ALCONOST_API_KEY'],
  ['Crowdin', 'crowdin', 'alnum:80', 'CROWDIN_PERSONAL_TOKEN', 'personal access token'],
  ['Lokalise', 'lokalise', 'hex:40', 'LOKALISE_API_TOKEN', 'API token'],
  ['Clustdoc', 'clustdoc', 'alnum:60', 'CLUSTDOC_API_KEY'],
  ['Storecove', 'storecove', 'b64url:43', 'STORECOVE_API_KEY'],
  ['Chatfuel', 'chatfuel', 'alnum:128', 'CHATFUEL_TOKEN', 'token'],
];

export const businessRules = keyedRules(ROWS);
