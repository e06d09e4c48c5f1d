import { decodeBase64 } from './base64';
import { commonBigramShare } from './common-bigrams';

/**
 * What is not a secret, whatever rule matched it: placeholders, templates, values marked as
 * examples, and strings with too little variety to be random. Each test is cheap and runs only on
 * a match, never on the whole text.
 */

/** Template and placeholder syntaxes: `${VAR}`, `{{ var }}`, `%(var)s`, `$VAR`, `<YOUR_KEY>`, `[key]`. */
const TEMPLATE = /\$\{[^}]*\}|\{\{[^}]*\}\}|%\([\w.]+\)[sd]|^\$[A-Za-z_]\w*$|^<[^<>]+>$|^\[[^\]]+\]$|\{[A-Za-z_]\w*\}|%[A-Z_]{3,}%/;

/**
 * Words that mark a value as made up. Long words count anywhere, in one case (random text has
 * "fAKe" often enough, "example" practically never); short ones only as whole words.
 */
const MARKER_WORDS = ['example', 'sample', 'dummy', 'placeholder', 'changeme', 'redacted', 'replaceme', 'notreal', 'not_real', 'not-real'];
const LONG_MARKER = new RegExp(
  [
    ...MARKER_WORDS,
    ...MARKER_WORDS.map(w => w.toUpperCase()),
    ...MARKER_WORDS.map(w => w[0].toUpperCase() + w.slice(1)),
    'your[_-]',
    'YOUR[_-]',
    'insert[_-]',
    'INSERT[_-]',
    'change[_-]me',
    'CHANGE[_-]ME',
    'replace[_-]me',
    'REPLACE[_-]ME',
  ].join('|'),
);
const SHORT_MARKER = /(?:^|[^A-Za-z0-9])(?:test|TEST|Test|fake|FAKE|Fake|mock|MOCK|demo|DEMO|todo|TODO|fixme|FIXME|xxx+|XXX+)(?:[^A-Za-z0-9]|$)/;
const EXACT_MARKER = /^(?:null|none|nil|undefined|true|false|empty|secret|password|passwd|token|apikey|api_key|string|value|tbd|n\/a)$/i;

/**
 * Runs of mask characters: six of `x`, `X`, `.`, `#` or `•`, three stars, eight dashes or
 * underscores, six zeros. Random base62 seldom repeats a character six times; PEM armour has
 * five dashes, and random base64url has short runs of `-` and `_`. The `•` is written `\u2022`:
 * one character outside ASCII made each bundle's whole source a two-byte string as Node loaded
 * it (867 KB for the CLI's, not 434).
 */
const MASK_RUN = /([xX*.#\u2022])\1{5,}|\*{3,}|([_-])\2{7,}|^0{6,}|0{12,}/;

/** A value cut short to hide it: `sk-proj-abc…`, `ghp_AbC...xyz` (an ellipsis, or three dots). */
const REDACTED = /\u2026|\.\.\./;

/** HTML's escapes of `<`, `>`, `"` and `&`, as a placeholder shows in documentation pages (`&lt;password&gt;`). */
function unescapeHtml(value: string): string {
  return value.replace(/&(lt|gt|quot|amp|#39|#x27);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&', '#39': "'", '#x27': "'" })[e] ?? '');
}

/** A value that a person typed to stand for a secret, not a secret. */
export function isPlaceholder(value: string): boolean {
  const v = value.includes('&') ? unescapeHtml(value) : value;
  return TEMPLATE.test(v) || LONG_MARKER.test(v) || SHORT_MARKER.test(v) || EXACT_MARKER.test(v) || MASK_RUN.test(v) || REDACTED.test(v);
}

/**
 * Too regular to be random: few distinct characters, a short unit repeated (`abcabcabc`), or a
 * run up or down the alphabet (`abcdefgh`, `987654321`).
 */
export function isRepetitive(value: string): boolean {
  const n = value.length;
  if (n < 4) {
    return true;
  }
  if (distinctChars(value, 4) <= Math.min(3, n / 3)) {
    return true;
  }
  for (let period = 1; period <= 4 && period * 2 <= n; period++) {
    let periodic = true;
    for (let i = period; i < n && periodic; i++) {
      periodic = value.charCodeAt(i) === value.charCodeAt(i - period);
    }
    if (periodic) {
      return true;
    }
  }
  let steps = 0;
  for (let i = 1; i < n; i++) {
    if (Math.abs(value.charCodeAt(i) - value.charCodeAt(i - 1)) === 1) {
      steps++;
    }
  }
  return steps >= (n - 1) * 0.8;
}

const seen = new Uint8Array(65536);

/** The number of distinct characters in `value`, counting no further than `limit`. */
function distinctChars(value: string, limit: number): number {
  let distinct = 0;
  for (let i = 0; i < value.length && distinct < limit; i++) {
    const c = value.charCodeAt(i);
    if (seen[c] === 0) {
      seen[c] = 1;
      distinct++;
    }
  }
  for (let i = 0; i < value.length; i++) seen[value.charCodeAt(i)] = 0;
  return distinct;
}

/** A camelCase or PascalCase identifier of words (`fireworksApiKey`, `OpenAiKeyFromVault`): segments of two or more letters. */
export function isIdentifierWord(value: string): boolean {
  return /^[a-z]{2,}(?:[A-Z][a-z]{2,})+\d{0,3}$/.test(value) || /^(?:[A-Z][a-z]{2,}){2,}\d{0,3}$/.test(value);
}

/**
 * Code, not data: a camelCase or snake_case identifier, a dotted member path, a call, or a read
 * of the environment (`process.env.X`, `os.environ["X"]`, `ENV.fetch`, `getenv(...)`).
 */
export function isCodeLike(value: string): boolean {
  // A private or internal name is a name too: `__ngDebugHydrationInfo__`, `#decodeUser`, `$store`.
  const name = value.replace(/^[_#$]+|_+$/g, '');
  return (
    // Segments of two or more letters: random strings seldom fall into them.
    isIdentifierWord(name) || // camelCase, PascalCase
    /^[a-z]{2,}(?:_[a-z\d]{2,})+$/.test(value) || // snake_case
    /^[a-z]{2,}(?:-[a-z\d]{2,})+$/.test(value) || // kebab-case, an id or a slug
    /^[A-Z]{2,}(?:_[A-Z\d]{2,})+$/.test(value) || // UPPER_SNAKE, an env var's name
    // UPPER_SNAKE with digits in its first word (`EC2_INSTANCE_ARN`), with two words of letters at least.
    isUpperSnakeName(name) ||
    // The code between two strings, read as a value: `"…token: "+e)…`, `" Credential="+e.accessKeyId+"/"`,
    // `"…token =",DuplicateBinding:"…"`. A character base64 never holds tells it from a key that starts with `+`.
    (/^[+,][\w$.]+[+:)]/.test(value) && /[^A-Za-z0-9+/=]/.test(value)) ||
    /^!*[A-Za-z_$][\w$]*(?:[?!]?\.[A-Za-z_$][\w$]*)+$/.test(value) || // member path, optional chaining
    /^[\w$.]{1,80}\s*\(/.test(value) || // a call
    /process\.env|os\.environ|getenv|ENV\[|ENV\.fetch|System\.getenv|Environment\.GetEnvironmentVariable|env::var|Deno\.env/.test(value)
  );
}

/**
 * UPPER_SNAKE with digits in a word (`EC2_INSTANCE_ARN`, `S3_BUCKET_NAME`): two words of letters
 * at least, made of the letter pairs of English, and two digits at most.
 */
function isUpperSnakeName(value: string): boolean {
  if (!/^[A-Z][A-Z\d]{1,11}(?:_[A-Z\d]{1,12}){1,5}$/.test(value) || (value.match(/\d/g)?.length ?? 0) > 2) return false;
  const words = value.split('_').filter(w => /^[A-Z]{3,}$/.test(w));
  return words.length >= 2 && commonBigramShare(words) >= 0.8;
}

/** Data that is public by nature: digests, SRI strings, UUIDs, data URIs, URLs without credentials, paths. */
export function isPublicData(value: string): boolean {
  return (
    /^(?:sha(?:1|256|384|512)|md5)[-:]/i.test(value) || // SRI integrity, prefixed digests
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) || // UUID
    /^data:[\w/+.-]+;base64,/.test(value) ||
    /^(?:https?|ftp|wss?):\/\/[^\s:@/]+(?:[:/][^\s@]*)?$/.test(value) || // URL without user:pass@
    /^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)[\w./\\-]*(?::[\w.-]+)?$/.test(value) || // a file path, or an API's (`/v1/accounts:signUp`)
    /^!?(?:file:)?[\w.@/*-]+\.(?:tgz|tar|gz|zip|jar|json|ya?ml|txt|pem|key|crt|cer|p12|pfx|jks|js|mjs|cjs|ts|py|rb|go|java|sh|md|html|css|xml|env|ini|toml|conf|cfg|log|lock|png|jpe?g|svg)$/i.test(
      value,
    ) || // a file name, a glob of them, or an ignore file's `!` line (`!secrets/.env`, `**/*.pem`)
    /^[~^<>=v]{0,2}\d+\.\d+(?:\.\d+)?(?:[-+][\w.]+)?$/.test(value) || // a version
    isEncodedText(value)
  );
}

/**
 * Base64 of words (`SGVsbG8gZnJvbSBHb29nbGUgQ2xvdWQgUGxhdGZvcm0=`, "Hello from Google Cloud
 * Platform", a documentation example): printable text with spaces. A key's bytes are random, and
 * 16 random bytes are all printable about once in a billion billion.
 */
function isEncodedText(value: string): boolean {
  if (value.length < 16 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  const bytes = decodeBase64(value);
  return bytes !== undefined && /^[\x20-\x7e\t\r\n]+$/.test(bytes) && bytes.includes(' ');
}

/** A hex digest's length: 32 (MD5), 40 (SHA-1, git), 56, 64 (SHA-256), 96, 128. */
export function isHexDigest(value: string): boolean {
  return /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{56}|[0-9a-f]{64}|[0-9a-f]{96}|[0-9a-f]{128})$/i.test(value);
}

/**
 * Made of words: `AccessToken_With_AuthScheme`, `acquireTokenByCode`, `Get-AzAccessToken`,
 * `msal:acquireTokenStart`. Split at case changes, separators and digits, words are long runs
 * whose letter pairs are the common pairs of English identifiers; random text breaks into short
 * runs at every change of case, is sprinkled with digits, and uses rare pairs (`jb`, `xq`) freely.
 * Such values are labels, identifiers and messages, not secrets.
 */
export function isWordy(value: string): boolean {
  if (!/^[A-Za-z0-9_\-.:/$@#]+$/.test(value)) {
    return false;
  }
  // Identifiers carry a version or an index at most.
  const digitRuns = value.match(/\d+/g) ?? [];
  if (digitRuns.length > 2 || digitRuns.join('').length * 4 > value.length) {
    return false;
  }
  const all = value.split(/[_\-.:/$@#]+|\d+|(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/).filter(Boolean);
  // A one-letter prefix (kEnumerable, IProps) is a convention, not noise.
  const segments = all.length > 1 && all[0].length === 1 ? all.slice(1) : all;
  if (segments.length === 0) {
    return false;
  }
  const letters = segments.reduce((n, s) => n + s.length, 0);
  const single = segments.filter(s => s.length === 1).length;
  const acronyms = segments.filter(s => /^[A-Z]{2,5}$/.test(s));
  if (letters / segments.length < 3.5 || single * 4 > segments.length || acronyms.length * 2 > segments.length) {
    return false;
  }
  const words = segments.filter(s => s.length > 1 && !/^[A-Z]{2,5}$/.test(s));
  // A word of three letters or more has a vowel; two-letter ones are often abbreviations (`ts`, `db`, `fn`, `ng`).
  return commonBigramShare(words) >= 0.8 && words.every(w => w.length < 3 || /[aeiouy]/i.test(w));
}
