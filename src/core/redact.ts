import { shannonEntropy } from './entropy';
import { isCodeLike, isHexDigest, isWordy } from './filters';
import { maskSecret } from './mask';
import { BUILTIN_RULES } from './rules';
import { createScanner, type Scanner } from './scanner';

let scanner: Scanner | undefined;

/**
 * Lends the redaction a scanner built already, one that runs every built-in rule (a project's with
 * none disabled: its own rules come on top): building another took 35-60 ms of a CLI run, after
 * its scan. A scanner that lacks a built-in rule is refused (false), so nothing goes unmasked.
 */
export function lendScannerForRedaction(lent: Scanner): boolean {
  const byId = new Map(lent.rules.map(r => [r.id, r]));
  const serves = BUILTIN_RULES.every(r => byId.get(r.id) === r);
  if (serves) scanner ??= lent;
  return serves;
}

/**
 * Text that came from a file or the command line, every secret the built-in rules find in it
 * masked: for file names and other text shown beside findings, where a random-looking name (a
 * hashed bundle, `main.3f2a9b7c.js`) is no secret. `between` rewrites the text between them.
 */
export function maskFoundSecrets(text: string, between: (gap: string) => string = gap => gap): string {
  scanner ??= createScanner(BUILTIN_RULES);
  let out = '';
  let at = 0;
  for (const f of scanner.scan(text)) {
    if (f.start < at) continue;
    out += between(text.slice(at, f.start)) + f.masked;
    at = f.end;
  }
  return out + between(text.slice(at));
}

/**
 * A message that quotes what a user or a repository wrote (a config field's name, a value, a
 * glob, a path), safe to print or log: what the rules find is masked, and so is any other long
 * random-looking run of characters (a key of a format no rule knows, a password in a field name).
 */
export function redactSecrets(message: string): string {
  return maskFoundSecrets(message, gap => gap.replace(/[A-Za-z0-9_+=~-]{12,}/g, token => (looksRandom(token) ? maskSecret(token) : token)));
}

/** Random, not words, code or a digest: what a key looks like when no rule knows its format. */
function looksRandom(token: string): boolean {
  if (!/\d/.test(token) && !/[a-z].*[A-Z]|[A-Z].*[a-z]/.test(token)) return false;
  if (isHexDigest(token) || isCodeLike(token) || isWordy(token)) return false;
  return shannonEntropy(token) >= 3;
}
