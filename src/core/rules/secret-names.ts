import { commonBigramShare } from '../common-bigrams';
import { shannonEntropy } from '../entropy';
import { isCodeLike, isHexDigest, isPublicData, isRepetitive, isWordy } from '../filters';
import { toEnvVarName } from '../fix/env-name';
import type { MatchContext, Refinement, Rule } from '../types';
import { isDefaultPassword } from './connection-strings';

/**
 * The kit of the generic rules: which names say "secret" and how a value bound to one is judged.
 * The three rules in generic.ts are only their shapes (assignment, quoted pair, XML); everything
 * about names and values is decided here, once.
 */

/** Words in a name that say it holds a secret. */
export const KEYWORD =
  'passw(?:or)?d|passphrase|pwd|secret|token|api[_.-]?key|apikey|auth[_.-]?(?:key|token)|credentials?|access[_.-]?key|private[_.-]?key|signing[_.-]?key|encryption[_.-]?key|master[_.-]?key|client[_.-]?secret';

/** Two-word keywords in every spelling: `api_key`, `api-key`, `api.key`, `apikey`. */
const joined = (first: string, seconds: string[]): string[] => seconds.flatMap(second => ['_', '-', '.', ''].map(sep => `${first}${sep}${second}`));

/**
 * Every spelling KEYWORD matches, as literal prefilter keywords: the anchors the scanner runs
 * the rules at. Spelt out in full, so `authority` and `clientId` do not wake the rules.
 */
export const KEYWORDS = [
  'password',
  'passwd',
  'passphrase',
  'pwd',
  'secret',
  'token',
  'credential',
  ...joined('api', ['key']),
  ...joined('auth', ['key', 'token']),
  ...['access', 'private', 'signing', 'encryption', 'master'].flatMap(w => joined(w, ['key'])),
  ...joined('client', ['secret']),
];

/**
 * Words after the keyword that make a secret-sounding name a label, a setting or a digest:
 * `tokenUrl`, `passwordField`, `secret_name`, `api_key_header`, `password_hash`, `max_tokens`.
 */
const NOT_SECRET_AFTER = new Set(
  (
    'id ids name names type types url urls uri uris endpoint endpoints path paths file files filename dir dirs header headers ' +
    'field fields param params label labels placeholder placeholders prompt prompts hint hints message messages msg text ' +
    'title length len size count min max minlength maxlength format pattern regex regexp policy mode enabled enable disabled ' +
    'required expires expire expiry expiration ttl timeout prefix suffix hash hashed digest checksum sha sha1 sha256 md5 salt ' +
    'nonce version index column kind scope scopes usage provider strategy method algorithm algo encoding location source ref ' +
    'reference arn template env variable var at on date time timestamp created updated validator validation error errors ' +
    'input form button icon class style route keyname lookup manager service store storage handler callback listener event ' +
    'schema dto request response limit limits rule rules length policy'
  ).split(' '),
);

/** Words just before the keyword that make it not a credential: `public_key`, `csrf_token`, `next_page_token`. */
const NOT_SECRET_BEFORE =
  /(?:^|_)(?:public|publishable|pub|csrf|xsrf|page|next|prev|cursor|continuation|max|min|num|total|prompt|completion|input|output|sort|cache|primary|foreign|lookup|idempotency|correlation|sync|pagination)_?$/;

const PASSWORD_NAME = /passw(?:or)?d|passphrase|pwd/i;

type Kind = 'password' | 'secret';

/** `dbPassword` -> `db_password`, `API-Key` -> `api_key`: one form for the name tests. */
const normalise = (name: string): string => normalised(name);

function normalForm(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toLowerCase()
    .replace(/^_+|_+$/g, '');
}

/** The keyword must end a segment of the name: `tokenizer` and `secretary` are not secrets. */
function keywordEndsSegment(name: string, keywordEnd: number): boolean {
  const next = name.charAt(keywordEnd);
  const prev = name.charAt(keywordEnd - 1);
  return next === '' || /[^A-Za-z]/.test(next) || (/[a-z]/.test(prev) && /[A-Z]/.test(next)) || /^s(?:$|[^a-z])/.test(name.slice(keywordEnd));
}

/** One base64url segment of JSON (`eyJhbGciOi…`): a JWT header or payload alone, not a credential. */
function isJsonSegment(value: string): boolean {
  return /^eyJ[\w-]+={0,2}$/.test(value);
}

/** Whether a value bound to a secret-sounding name looks like a real secret of that kind. */
export function looksLikeSecretValue(value: string, kind: Kind, quoted = false): boolean {
  // Too short for its kind: the cheapest answer first (a line of `X_API_KEY=short` per hit).
  if (value.length < (kind === 'password' ? 6 : 12)) return false;
  // A quoted password of words, capitals and digits (`Quartz_River774`, `blue.Falcon.42`) is a
  // passphrase, not an identifier: code does not quote its identifiers.
  const passphrase =
    kind === 'password' &&
    quoted &&
    /[a-z]/.test(value) &&
    /[A-Z]/.test(value) &&
    /\d/.test(value) &&
    value.length <= 40 &&
    // Not a member path (`PublicApiId.JIT_V2_ENROLL`) or a constant's name.
    !/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value) &&
    !/[A-Z]{2,}_[A-Z\d]/.test(value);
  if (
    /\s/.test(value) ||
    (!passphrase && (isCodeLike(value) || isWordy(value))) ||
    isPublicData(value) ||
    isRepetitive(value) ||
    /^\d+$/.test(value) ||
    isJsonSegment(value)
  ) {
    return false;
  }
  if (kind === 'password') {
    // A lone word ("Passwort", "Contraseña") is a UI label far more often than a password.
    const lettersOnly = /^\p{L}+$/u.test(value);
    return value.length >= 6 && !isDefaultPassword(value) && shannonEntropy(value) >= 2.2 && !(lettersOnly && value.length < 12);
  }
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter(c => c.test(value)).length;
  if (value.length < 12 || shannonEntropy(value) < 3) {
    return false;
  }
  // Letters only must be long and varied to be more than words run together.
  return classes >= 2 || isHexDigest(value) || (value.length >= 20 && shannonEntropy(value) >= 3.8);
}

/** Shared by the three generic rules: recover the full name, then judge name and value. */
export function judge(
  text: string,
  nameStart: number,
  nameEnd: number,
  keywordStart: number,
  keywordEnd: number,
  value: string,
  quoted = false,
): Refinement | undefined {
  const name = text.slice(nameStart, nameEnd).replace(/^[$@:&*.]+/, '');
  if (!keywordEndsSegment(text.slice(nameStart, nameEnd), keywordEnd - nameStart) || !isSecretName(text, nameStart, keywordStart, keywordEnd, nameEnd)) {
    return undefined;
  }
  const kind: Kind = PASSWORD_NAME.test(name) ? 'password' : 'secret';
  if (!looksLikeSecretValue(value, kind, quoted)) {
    return undefined;
  }
  const description = kind === 'password' ? 'password' : /token/i.test(name) ? 'token' : /key/i.test(name) ? 'key' : 'secret';
  return { name, description, envVar: envVarOf(name), confidence: kind === 'password' ? 'medium' : 'low' };
}

/**
 * A small cache of what is worked out from a name (its env var, its normal form): code names the
 * same setting again and again, and a file packed with them asked each time. Cleared when full.
 */
function memo(compute: (name: string) => string): (name: string) => string {
  const cache = new Map<string, string>();
  return name => {
    let value = cache.get(name);
    if (value === undefined) {
      if (cache.size >= 1024) cache.clear();
      value = compute(name);
      // Kept as its own string: a name cut from a file's text is a view of the whole text, and
      // the cache would keep a thousand files alive (100 MB of a scan's heap on npm packages).
      cache.set(JSON.parse(JSON.stringify(name)) as string, value);
    }
    return value;
  };
}

const envVarOf = memo(name => toEnvVarName(name, 'SECRET'));
const normalised = memo(normalForm);
const apiKeyEnvVarOf = memo(name => toEnvVarName(name, 'API_KEY'));

/** Judges the words around the keyword: what follows it (`Url`, `_hash`) and what precedes it (`public_`, `max_`). */
function isSecretName(text: string, nameStart: number, keywordStart: number, keywordEnd: number, nameEnd: number): boolean {
  if (hasLabelWord(text, keywordEnd, nameEnd)) {
    return false;
  }
  // Only the last dotted part counts before the keyword: `config.api_key` is fine, `public_key` is not.
  const before =
    text
      .slice(nameStart, keywordStart)
      .split(/[.[\]]/)
      .pop() ?? '';
  return !NOT_SECRET_BEFORE.test(normalise(before) + (before.length > 0 ? '_' : ''));
}

/** The longest label word, with a plural `s`: longer words need no lookup. */
const LONGEST_LABEL = Math.max(...[...NOT_SECRET_AFTER].map(w => w.length)) + 1;

/**
 * Whether `text[from, to)`, the rest of a name after its keyword, has a word that makes it a label
 * or a setting (`Key`, `_name`, `Header`). Its words are those of `normalise`: runs of letters and
 * digits, split where a lower-case letter or digit meets an upper-case letter, compared in lower
 * case, singular or plural. Read in place: this runs at every keyword hit of `generic-secret`.
 */
function hasLabelWord(text: string, from: number, to: number): boolean {
  let start = from;
  for (let i = from; i <= to; i++) {
    const c = i < to ? text.charCodeAt(i) : 0;
    const upper = c >= 0x41 && c <= 0x5a;
    const alnum = upper || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
    const split = !alnum || (upper && i > start && isLowerOrDigit(text.charCodeAt(i - 1)));
    if (!split) continue;
    if (i > start && i - start <= LONGEST_LABEL && isLabelWord(text.slice(start, i).toLowerCase())) return true;
    start = alnum ? i : i + 1;
  }
  return false;
}

function isLowerOrDigit(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

function isLabelWord(word: string): boolean {
  return NOT_SECRET_AFTER.has(word) || (word.endsWith('s') && NOT_SECRET_AFTER.has(word.slice(0, -1)));
}

/**
 * `generic-secret` at a keyword hit, before its pattern runs: the name's rest is the run of
 * `[\w-]` after the keyword (the pattern's second group, which always takes all of it), so a
 * label word there (`tokenKey`, `secret_name`) rejects the match as `isSecretName` would, without
 * running the pattern and judging it. Most matches in code are such labels.
 */
export function labelEnd(text: string, keywordEnd: number): number {
  let from = keywordEnd;
  // The pattern's `credentials?` takes an s after "credential".
  if ((text.charCodeAt(from) | 0x20) === 0x73 && text.slice(from - 10, from).toLowerCase() === 'credential') from++;
  let end = from;
  while (end < text.length && end - from <= 30 && isNameChar(text.charCodeAt(end))) end++;
  if (end === from || end - from > 30) return -1;
  return hasLabelWord(text, from, end) ? end : -1;
}

/** `[\w-]` without the u flag: ASCII letters, digits, `_` and `-`. */
function isNameChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d;
}

/** Walks left from `from` over the characters of a name (`db.password`, `$apiKey`, `@token`). */
function nameStartBefore(text: string, from: number): number {
  let i = from;
  // An escaped line break (`\nSESSION_SECRET=` in a JSON string holding a .env) ends the name too.
  while (i > 0 && /[\w.$@-]/.test(text[i - 1]) && from - i < 80 && !(i > 1 && text[i - 2] === '\\' && /[nrt]/.test(text[i - 1]))) i--;
  return i;
}

export const assignment: Rule['refine'] = ({ text, match, secret }: MatchContext) => {
  const keywordStart = match.indices![1][0];
  const keywordEnd = match.indices![1][1];
  const nameEnd = match.indices![2][1];
  // Group 4 is the quoted form's value, group 5 the bare one's.
  return judge(text, nameStartBefore(text, keywordStart), nameEnd, keywordStart, keywordEnd, secret, match[4] !== undefined);
};

export const pair: Rule['refine'] = ({ match, secret }: MatchContext) => {
  const [nameStart] = match.indices![1];
  const [keywordStart, keywordEnd] = match.indices![2];
  const [, nameEnd] = match.indices![3];
  if (inListOfNames(match.input, nameStart, match.index + match[0].length, secret)) return undefined;
  // A quoted pair is often a table of constants (`("RESET_PASSWORD", "…METHOD")`): no passphrases here.
  return judge(match.input, nameStart, nameEnd, keywordStart, keywordEnd, secret);
};

/**
 * Two strings in the middle of a list of them, the second a name made of words
 * (`"readToken_lt","readToken_gt"` in a source map's `names`, a table of identifiers): not a name
 * and its value. A command line's arguments (`['-u', 'root', '--password', '…']`) are kept: there
 * the name is a flag; and so is a value of letters and digits in a flat list of names and values,
 * which reads as words about once in 150 for 20 random characters (once in 700 for 32).
 */
function inListOfNames(text: string, nameStart: number, end: number, value: string): boolean {
  if (!/^[A-Za-z_$#][\w$]*$/.test(value) || text[nameStart] === '-' || !madeOfWords(value)) return false;
  let before = nameStart - 2; // the name's opening quote is at nameStart - 1
  while (before >= 0 && (text[before] === ' ' || text[before] === '\t')) before--;
  let after = end;
  while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
  return text[before] === ',' && text[after] === ',';
}

/** Capitals alone, or most of the value words of two letters or more (split at case changes and non-letters) in the letter pairs of English. */
function madeOfWords(value: string): boolean {
  // A keyword or constant of capitals alone (`ENCRYPTBYASYMKEY` in a list of SQL's): random keys hold digits and small letters.
  if (/^[A-Z_]+$/.test(value)) return true;
  const words = value.split(/[^A-Za-z]+|(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/).filter(w => w.length >= 2);
  const letters = words.reduce((n, w) => n + w.length, 0);
  return letters >= value.length * 0.6 && commonBigramShare(words) >= 0.8;
}

/**
 * Words before a trailing `key` that make the name something other than a credential: database and
 * cache keys, map and sort keys, keys the browser or the public may see.
 */
const NOT_CREDENTIAL_KEY =
  /(?:^|_)(?:public|publishable|pub|site|primary|foreign|sort|partition|range|row|column|table|result|cache|redis|storage|object|s3|lookup|idempotency|dedupe|unique|composite|hash|map|dict|route|query|translation|i18n|locale|message|label|field|prop|react|list|item|node|registry|license|instrumentation|hot|short|cut|shortcut|keyboard|access|ssh|gpg|pgp|rsa|host|known|trusted|env|config|setting|meta|data|index|id|state|session_storage|local_storage)_?$/;

/**
 * `generic-key`: a name that ends in `key` with no other secret word (`ALGOLIA_ADMIN_KEY`,
 * `analyticsWriteKey`, `"segment-key"`), whose quoted value looks random. The name is looked
 * behind the keyword (group 1), the value is group 3.
 */
export const keySuffix: Rule['refine'] = ({ match, secret }: MatchContext) => {
  const before = normalise(match[1] ?? '');
  if (before.length < 2 || NOT_CREDENTIAL_KEY.test(before) || !looksLikeSecretValue(secret, 'secret')) return undefined;
  const name = `${match[1]}${match.input.slice(match.index, match.index + 3)}`;
  return { name, description: 'key', envVar: apiKeyEnvVarOf(name), confidence: 'low' };
};
