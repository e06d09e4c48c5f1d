import { type KeyedRow, keyedRules } from './keyed';

/**
 * Consumer platforms and money keyed by one value: social and media apps' client secrets,
 * payments, crypto exchanges, mobile attribution. [provider, context words, value shape, env var,
 * what it is]
 */
const ROWS: readonly KeyedRow[] = [
  // Social, media, identity.
  [
    'X (Twitter)',
    'twitter_api_secret|twitter_consumer_secret|twitter_secret|twitter_access_token_secret',
    'alnum:50 | alnum:45',
    'TWITTER_API_SECRET',
    'API secret',
  ],
  ['Meta', 'facebook_app_secret|facebook_secret|fb_app_secret|fb_secret', 'hex:32', 'FACEBOOK_APP_SECRET', 'app secret'],
  ['Spotify', 'spotify', 'hex:32', 'SPOTIFY_CLIENT_SECRET', 'client secret'],
  ['Steam', 'steam_api|steam_web|steamapi|steamwebapi', 'HEX:32', 'STEAM_API_KEY', 'Web API key'],
  ['Vimeo', 'vimeo', 'hex:32', 'VIMEO_ACCESS_TOKEN', 'access token'],
  ['Wistia', 'wistia', 'hex:64', 'WISTIA_API_TOKEN', 'API token'],
  ['Cloudinary', 'cloudinary', 'b64url:27', 'CLOUDINARY_API_SECRET', 'API secret'],
  ['Auth0', 'auth0', 'b64url:64', 'AUTH0_CLIENT_SECRET', 'client secret'],
  ['Zoom', 'zoom_client_secret|zoom_secret|zoom_api_secret', 'alnum:32', 'ZOOM_CLIENT_SECRET', 'client secret'],
  ['LinkedIn', 'linkedin', 'alnum:16', 'LINKEDIN_CLIENT_SECRET', 'client secret'],
  ['DocuSign', 'docusign', 'uuid', 'DOCUSIGN_SECRET_KEY', 'secret key'],
  ['Xero', 'xero', 'b64url:48', 'XERO_CLIENT_SECRET', 'client secret'],

  // Messaging and engagement.
  ['Vonage', 'vonage|nexmo', 'alnum:16', 'VONAGE_API_SECRET', 'API secret'],
  ['SparkPost', 'sparkpost', 'hex:40', 'SPARKPOST_API_KEY'],
  ['Pusher', 'pusher_secret|pusher_app_secret', 'hex:20', 'PUSHER_APP_SECRET', 'app secret'],
  ['Braze', 'braze', 'uuid', 'BRAZE_API_KEY'],
  ['Customer.io', 'customerio|customer_io', 'hex:20 | hex:32', 'CUSTOMERIO_API_KEY'],
  ['AppsFlyer', 'appsflyer', 'alnum:22', 'APPSFLYER_DEV_KEY', 'dev key'],

  // Payments and exchanges.
  ['Razorpay', 'razorpay', 'alnum:24', 'RAZORPAY_KEY_SECRET', 'key secret'],
  ['Recurly', 'recurly', 'hex:32', 'RECURLY_API_KEY'],
  ['Mollie', 'mollie', 'live_{alnum:30} | test_{alnum:30}', 'MOLLIE_API_KEY'],
  ['Binance', 'binance', 'alnum:64', 'BINANCE_API_SECRET', 'API secret'],
  ['OKX', 'okx_secret|okx_api', 'HEX:32', 'OKX_SECRET_KEY', 'secret key'],
  ['Bybit', 'bybit', 'alnum:36', 'BYBIT_API_SECRET', 'API secret'],
  ['KuCoin', 'kucoin', 'uuid', 'KUCOIN_API_SECRET', 'API secret'],
  ['Kraken', 'kraken_api|kraken_private|kraken_secret', '{b64:86}==', 'KRAKEN_PRIVATE_KEY', 'private key'],
];

export const platformRules = keyedRules(ROWS);
