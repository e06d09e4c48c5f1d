import type { Rule } from '../../types';
import { tokenRule } from '../build';

/** Long-tail providers whose tokens carry a prefix of their own: found anywhere. */
export const prefixedRules: readonly Rule[] = [
  tokenRule({
    id: 'locationiq-access-token',
    provider: 'LocationIQ',
    description: 'access token',
    envVar: 'LOCATIONIQ_TOKEN',
    prefix: 'pk.',
    body: '[a-f0-9]{32}',
    gen: g => g.hex(32),
  }),
  tokenRule({
    id: 'ubidots-token',
    provider: 'Ubidots',
    description: 'token',
    envVar: 'UBIDOTS_TOKEN',
    prefix: 'BBFF-',
    body: '[A-Za-z0-9]{30}',
    gen: g => g.alnum(30),
  }),
  tokenRule({
    id: 'apify-api-token',
    provider: 'Apify',
    description: 'API token',
    envVar: 'APIFY_TOKEN',
    prefix: 'apify_api_',
    body: '[A-Za-z0-9]{36}',
    gen: g => g.alnum(36),
  }),
  tokenRule({
    id: 'clickup-personal-token',
    provider: 'ClickUp',
    description: 'personal API token',
    envVar: 'CLICKUP_API_TOKEN',
    prefix: 'pk_',
    // The user's numeric id, then 32 uppercase letters and digits.
    body: '\\d{6,10}_[A-Z0-9]{32}',
    gen: g => `${g.chars('123456789', 1)}${g.chars('0123456789', 7)}_${g.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 32)}`,
  }),
  tokenRule({
    id: 'fleetbase-api-key',
    provider: 'Fleetbase',
    description: 'live API key',
    envVar: 'FLEETBASE_API_KEY',
    prefix: 'flb_live_',
    body: '[A-Za-z0-9]{20}',
    gen: g => g.alnum(20),
  }),
];
