/**
 * What is not a secret, whatever rule matched it: placeholders, templates, values marked as
 * examples, and strings with too little variety to be random. Each test is cheap and runs only on
 * a match, never on the whole text.
 */

/** Template and placeholder syntaxes: `${VAR}`, `{{ var }}`, `%(var)s`, `$VAR`, `<YOUR_KEY>`, `[key]`. */
const TEMPLATE = /\$\{[^}]*\}|\{\{[^}]*\}\}|%\([\w.]+\)[sd]|^\$[A-Za-z_]\w*$|^<[^<>]+>$|^\[[^\]]+\]$|\{[A-Za-z_]\w*\}|%[A-Z_]{3,}%/;

/** Words that mark a value as made up. `test` counts only as a whole word (`sk_test_`, `test-key`). */
const MARKERS =
  /example|sample|dummy|fake|placeholder|changeme|change[_-]me|redacted|replace[_-]?me|insert[_-]|your[_-]|(?:^|[^a-z])(?:test|mock|demo|xxx+)(?:[^a-z]|$)|^(?:null|none|nil|undefined|true|false|empty|secret|password|passwd|token|apikey|api_key|string|value|todo|fixme|tbd)$/i;

/**
 * Runs of mask characters: `xxxx`, `****`, `....`, `••••`, `######`, `000000`. Dashes and
 * underscores need longer runs: PEM armour has five dashes, and random base64url has short runs.
 */
const MASK_RUN = /([xX*.#•])\1{3,}|([_-])\2{7,}|0{6,}/;

/** A value that a person typed to stand for a secret, not a secret. */
export function isPlaceholder(value: string): boolean {
  return TEMPLATE.test(value) || MARKERS.test(value) || MASK_RUN.test(value);
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
  if (new Set(value).size <= Math.min(3, n / 3)) {
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

/**
 * Code, not data: a camelCase or snake_case identifier, a dotted member path, a call, or a read
 * of the environment (`process.env.X`, `os.environ["X"]`, `ENV.fetch`, `getenv(...)`).
 */
export function isCodeLike(value: string): boolean {
  return (
    // Segments of two or more letters: random strings seldom fall into them.
    /^[a-z]{2,}(?:[A-Z][a-z]{2,})+\d{0,3}$/.test(value) || // camelCase
    /^(?:[A-Z][a-z]{2,}){2,}\d{0,3}$/.test(value) || // PascalCase
    /^[a-z]{2,}(?:_[a-z\d]{2,})+$/.test(value) || // snake_case
    /^[a-z]{2,}(?:-[a-z\d]{2,})+$/.test(value) || // kebab-case, an id or a slug
    /^[A-Z]{2,}(?:_[A-Z\d]{2,})+$/.test(value) || // UPPER_SNAKE, an env var's name
    /^!*[A-Za-z_$][\w$]*(?:[?!]?\.[A-Za-z_$][\w$]*)+$/.test(value) || // member path, optional chaining
    /[A-Za-z_$][\w$]*\s*\(/.test(value) || // a call
    /process\.env|os\.environ|getenv|ENV\[|ENV\.fetch|System\.getenv|Environment\.GetEnvironmentVariable|env::var|Deno\.env/.test(value)
  );
}

/** Data that is public by nature: digests, SRI strings, UUIDs, data URIs, URLs without credentials, paths. */
export function isPublicData(value: string): boolean {
  return (
    /^(?:sha(?:1|256|384|512)|md5)[-:]/i.test(value) || // SRI integrity, prefixed digests
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) || // UUID
    /^data:[\w/+.-]+;base64,/.test(value) ||
    /^(?:https?|ftp|wss?):\/\/[^\s:@/]+(?:[:/][^\s@]*)?$/.test(value) || // URL without user:pass@
    /^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)[\w./\\-]*$/.test(value) || // a file path
    /^(?:file:)?[\w.@/-]+\.(?:tgz|tar|gz|zip|jar|json|ya?ml|txt|pem|key|crt|cer|p12|pfx|jks|js|mjs|cjs|ts|py|rb|go|java|sh|md|html|css|xml|env|ini|toml|conf|cfg|log|lock|png|jpe?g|svg)$/i.test(value) || // a file name
    /^[~^<>=v]{0,2}\d+\.\d+(?:\.\d+)?(?:[-+][\w.]+)?$/.test(value) // a version
  );
}

/** A hex digest's length: 32 (MD5), 40 (SHA-1, git), 56, 64 (SHA-256), 96, 128. */
export function isHexDigest(value: string): boolean {
  return /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{56}|[0-9a-f]{64}|[0-9a-f]{96}|[0-9a-f]{128})$/i.test(value);
}

/** A run of five consonants: common in random strings, rare inside words. */
const CONSONANT_RUN = /[bcdfghjklmnpqrstvwxz]{5}/i;

/**
 * Made of words: `AccessToken_With_AuthScheme`, `acquireTokenByCode`, `Get-AzAccessToken`,
 * `msal:acquireTokenStart`. Each segment (split at case changes, separators and digits) is a
 * word-like run of letters with vowels; random strings break into consonant clusters and lone
 * letters instead. Such values are labels, identifiers and messages, not secrets.
 */
export function isWordy(value: string): boolean {
  if (!/^[A-Za-z0-9_\-.:/$@]+$/.test(value)) {
    return false;
  }
  const segments = value.split(/[_\-.:/$@]+|\d+|(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/).filter(Boolean);
  const single = segments.filter(s => s.length === 1).length;
  // Lone letters (the V of V2, the k of kEnumerable) are fine now and then; random text is full of them.
  if (segments.length === 0 || single * 3 > segments.length) {
    return false;
  }
  return segments.every(segment => {
    if (segment.length === 1 || /^[A-Z]{2,5}$/.test(segment)) {
      return true; // a lone letter, or an acronym: ML, SAS, PEM, URL
    }
    const vowels = segment.replace(/[^aeiouy]/gi, '').length;
    return vowels > 0 && (segment.length <= 6 || vowels / segment.length >= 0.2) && !CONSONANT_RUN.test(segment);
  });
}
