import { type KeyedRow, keyedRules } from './keyed';

/**
 * Web tools keyed by one value: scraping and screenshots, documents and PDFs, language and
 * vision, address and email verification. [provider, context words, value shape, env var, what it is]
 */
const ROWS: readonly KeyedRow[] = [
  // Scraping, screenshots, previews.
  ['ScraperAPI', 'scraperapi', 'lowalnum:32', 'SCRAPERAPI_KEY'],
  ['ScrapingBee', 'scrapingbee', 'upalnum:80', 'SCRAPINGBEE_API_KEY'],
  ['ScrapingAnt', 'scrapingant', 'lowalnum:32', 'SCRAPINGANT_API_KEY'],
  ['Scraper Box', 'scraperbox', 'upalnum:32', 'SCRAPERBOX_API_KEY'],
  ['WebScraping.AI', 'webscraping', 'uuid | alnum:32', 'WEBSCRAPING_AI_API_KEY'],
  ['Web Scraper', 'webscraper', 'alnum:60', 'WEBSCRAPER_API_TOKEN', 'API token'],
  ['Zenscrape', 'zenscrape', 'uuid', 'ZENSCRAPE_API_KEY'],
  ['Zenserp', 'zenserp', 'uuid', 'ZENSERP_API_KEY'],
  ['SerpHouse', 'serphouse', 'alnum:60', 'SERPHOUSE_API_KEY'],
  ['Crawlbase', 'crawlbase|proxycrawl', 'word:22', 'CRAWLBASE_TOKEN', 'token'],
  ['Diffbot', 'diffbot', 'lowalnum:32', 'DIFFBOT_TOKEN', 'token'],
  ['ApiFlash', 'apiflash', 'lowalnum:32', 'APIFLASH_ACCESS_KEY', 'access key'],
  ['Browshot', 'browshot', 'alnum:28', 'BROWSHOT_API_KEY'],
  ['Restpack', 'restpack', 'alnum:48', 'RESTPACK_ACCESS_TOKEN', 'access token'],
  ['html2pdf.app', 'html2pdf', 'alnum:64', 'HTML2PDF_API_KEY'],
  ['SelectPdf', 'selectpdf', 'uuid', 'SELECTPDF_API_KEY'],
  ['LinkPreview', 'linkpreview', 'alnum:32', 'LINKPREVIEW_API_KEY'],
  ['OpenGraphr', 'opengraphr', 'alnum:80', 'OPENGRAPHR_API_KEY'],
  ['Screenshot API', 'screenshotapi', '{upalnum:7}-{upalnum:7}-{upalnum:7}-{upalnum:7}', 'SCREENSHOTAPI_TOKEN', 'token'],

  // Language, vision, audio.
  ['AYLIEN', 'aylien', 'lowalnum:32', 'AYLIEN_APP_KEY', 'app key'],
  ['MeaningCloud', 'meaningcloud', 'lowalnum:32', 'MEANINGCLOUD_KEY', 'license key'],
  ['Dandelion', 'dandelion', 'lowalnum:32', 'DANDELION_TOKEN', 'token'],
  ['ParallelDots', 'paralleldots', 'alnum:43', 'PARALLELDOTS_API_KEY'],
  ['Detect Language', 'detectlanguage', 'lowalnum:32', 'DETECTLANGUAGE_API_KEY'],
  ['DeepAI', 'deepai', 'uuid', 'DEEPAI_API_KEY'],
  ['Deepgram', 'deepgram', 'hex:40', 'DEEPGRAM_API_KEY'],
  ['Text2Data', 'text2data', 'UUID', 'TEXT2DATA_API_KEY'],
  ['Aletheia', 'aletheiaapi|aletheia_api', 'upalnum:32', 'ALETHEIA_API_KEY'],
  ['Cloudmersive', 'cloudmersive', 'uuid', 'CLOUDMERSIVE_API_KEY'],
  ['Happy Scribe', 'happyscribe', 'alnum:24', 'HAPPYSCRIBE_API_KEY'],
  ['Shotstack', 'shotstack', 'alnum:40', 'SHOTSTACK_API_KEY'],
  ['Iconfinder', 'iconfinder', 'alnum:64', 'ICONFINDER_API_KEY'],
  ['Shutterstock', 'shutterstock', 'alnum:16 | alnum:32', 'SHUTTERSTOCK_CLIENT_SECRET', 'client secret'],
  ['Gyazo', 'gyazo', 'b64url:43', 'GYAZO_ACCESS_TOKEN', 'access token'],
  ['Brandfetch', 'brandfetch', 'alnum:40', 'BRANDFETCH_API_KEY'],

  // Verification and reference data.
  ['api.data.gov', 'datagov|data_gov', 'alnum:40', 'DATA_GOV_API_KEY'],
  ['UPC Database', 'upcdatabase', 'upalnum:32', 'UPCDATABASE_API_KEY'],
  ['Veriphone', 'veriphone', 'upalnum:32', 'VERIPHONE_API_KEY'],
  ['Verimail', 'verimail', 'upalnum:32', 'VERIMAIL_API_KEY'],
  ['ZeroBounce', 'zerobounce', 'lowalnum:32', 'ZEROBOUNCE_API_KEY'],
  ['Holiday API', 'holidayapi', 'uuid', 'HOLIDAYAPI_KEY'],
  ['Calendarific', 'calendarific', 'lowalnum:40', 'CALENDARIFIC_API_KEY'],
  ['Owlbot', 'owlbot', 'lowalnum:40', 'OWLBOT_TOKEN', 'token'],
  ['Hunter', 'hunterio|hunter_api', 'lowalnum:40', 'HUNTER_API_KEY'],
  ['People Data Labs', 'peopledatalabs|pdl_api', 'lowalnum:64', 'PEOPLEDATALABS_API_KEY'],
  ['Clearbit', 'clearbit', 'sk_{hex:32}', 'CLEARBIT_API_KEY', 'secret key'],
  ['Uplead', 'uplead', 'lowalnum:32', 'UPLEAD_API_KEY'],
  ['Skrapp', 'skrapp', 'alnum:42', 'SKRAPP_API_KEY'],
  ['Abyssale', 'abyssale|abbysale', 'alnum:40', 'ABYSSALE_API_KEY'],
  ['Cloudplan', 'cloudplan', 'upalnum:32', 'CLOUDPLAN_API_KEY'],
  ['Route4Me', 'route4me', 'upalnum:32', 'ROUTE4ME_API_KEY'],
  ['Rebrandly', 'rebrandly', 'alnum:32', 'REBRANDLY_API_KEY'],
  ['Bitly', 'bitly', 'alnum:40', 'BITLY_ACCESS_TOKEN', 'access token'],
  ['SSLMate', 'sslmate', 'alnum:36', 'SSLMATE_API_KEY'],
  ['BuddyNS', 'buddyns', 'lowalnum:40', 'BUDDYNS_API_KEY'],
  ['Pastebin', 'pastebin', 'word:32', 'PASTEBIN_API_DEV_KEY', 'developer key'],
  ['M3O', 'm3o', 'alnum:48', 'M3O_API_TOKEN', 'API token'],
  ['Passbase', 'passbase', 'alnum:128', 'PASSBASE_SECRET_KEY', 'secret key'],
  ['Quickmetrics', 'quickmetrics', 'b64url:22', 'QUICKMETRICS_API_KEY'],
  ['Unplugg', 'unplugg', 'lowalnum:64', 'UNPLUGG_API_KEY'],
  ['SigOpt', 'sigopt', 'upalnum:48', 'SIGOPT_API_TOKEN', 'API token'],
];

export const webToolRules = keyedRules(ROWS);
