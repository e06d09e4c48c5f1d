import { jsonSyntaxError, redactSecrets, type BaselineEntry } from '../../core';
import { relativePosix } from '../paths';
import { readBoundedTextSync } from '../read-bounded';
import { KDF_NAME, keyedFingerprint } from './fingerprint';

/** The largest baseline read: about 200,000 findings. */
export const MAX_BASELINE_BYTES = 64 << 20;

/**
 * One accepted finding (core's BaselineEntry): the file it is in, its rule, its fingerprint (the
 * secret's keyed hash, see fingerprint.ts: it names the same secret wherever its line moves), and
 * the masked value for people reading the file, which must match too.
 */
export type { BaselineEntry };

/**
 * A baseline's entries and the salt its fingerprints were made with. Version 1 baselines stored
 * unsalted SHA-256 hashes (`salt` absent): still honoured, with a warning to rewrite them.
 */
export interface BaselineData {
  entries: BaselineEntry[];
  salt?: string;
}

export const BASELINE_VERSION = 2;

/** A baseline that cannot be read; the message names the file and what is wrong with it, secrets masked. */
export class BaselineError extends Error {
  constructor(message: string) {
    super(redactSecrets(message));
  }
}

/** Reads a baseline file. Throws a BaselineError with a clear message for a missing or malformed one. */
export function readBaseline(path: string): BaselineData {
  let text: string;
  try {
    text = readBoundedTextSync(path, MAX_BASELINE_BYTES, { regularOnly: true });
  } catch (error) {
    throw new BaselineError(
      `cannot read the baseline ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  return parseBaseline(text, path);
}

export function parseBaseline(text: string, path: string): BaselineData {
  let data: unknown;
  const source = text.replace(/^\uFEFF/, '');
  try {
    data = JSON.parse(source);
  } catch {
    // Where, not what: JSON.parse's message quotes the text around the error, which may be a key.
    throw new BaselineError(`the baseline ${path} is not JSON: ${jsonSyntaxError(source) ?? 'syntax error'}`);
  }
  const doc = data as { version?: unknown; findings?: unknown; salt?: unknown; kdf?: unknown };
  if (typeof doc !== 'object' || doc === null || !Array.isArray(doc.findings)) {
    throw new BaselineError(`the baseline ${path} has no "findings" list (write one with --write-baseline)`);
  }
  if (doc.version !== BASELINE_VERSION && doc.version !== 1) {
    throw new BaselineError(`the baseline ${path} has version ${JSON.stringify(doc.version)}; this secret-safe reads versions 1 and ${BASELINE_VERSION}`);
  }
  if (doc.version === BASELINE_VERSION && (typeof doc.salt !== 'string' || !/^[0-9a-f]{32}$/.test(doc.salt) || doc.kdf !== KDF_NAME)) {
    throw new BaselineError(`the baseline ${path} needs a 32-hex-digit "salt" and "kdf": "${KDF_NAME}" (write it again with --write-baseline)`);
  }
  const entries = doc.findings.map((raw, i) => {
    const e = raw as Partial<BaselineEntry>;
    if (typeof e?.file !== 'string' || typeof e.ruleId !== 'string' || typeof e.fingerprint !== 'string' || !/^[0-9a-f]{64}$/.test(e.fingerprint)) {
      throw new BaselineError(`the baseline ${path}: finding ${i + 1} needs "file", "ruleId" and a 64-hex-digit "fingerprint"`);
    }
    if (doc.version === BASELINE_VERSION && (typeof e.masked !== 'string' || e.masked === '')) {
      throw new BaselineError(`the baseline ${path}: finding ${i + 1} needs "masked", the masked value it accepts`);
    }
    return { file: e.file, ruleId: e.ruleId, fingerprint: e.fingerprint, masked: typeof e.masked === 'string' ? e.masked : '' };
  });
  return doc.version === BASELINE_VERSION ? { entries, salt: doc.salt as string } : { entries };
}

/**
 * The baseline file's text: sorted, so that rewriting it after a change gives a small diff. The
 * entries' fingerprints were made with `salt` (keep a rewritten baseline's salt: the diff stays small).
 */
export function baselineText(entries: readonly BaselineEntry[], salt: string): string {
  const sorted = [...entries].sort((a, b) => a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint));
  const doc = {
    version: BASELINE_VERSION,
    description:
      'Findings accepted by `secret-safe scan --write-baseline`: matched by file, rule, masked value and a salted, slow hash of the secret, not by line.',
    salt,
    kdf: KDF_NAME,
    findings: sorted.map(({ file, ruleId, fingerprint, masked }) => ({ file, ruleId, fingerprint, masked })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * A filter that answers whether the baseline accepts a finding in `file` (one entry's `file`).
 * The rule, the fingerprint and the masked value must all match: an entry whose masked value
 * shows one key cannot accept another. Each entry accepts one occurrence, so a second copy of an
 * accepted secret in the same file is still reported, and so is the same secret pasted into
 * another file. The slow fingerprint is made only for findings whose rule has an entry there.
 */
export function baselineFilter(
  entries: readonly BaselineEntry[],
  salt: string | undefined,
): (file: string, finding: { ruleId: string; masked: string }, secretHash: () => string) => boolean {
  const left = new Map<string, number>();
  const rules = new Set<string>();
  for (const e of entries) {
    const key = `${e.file}\0${e.ruleId}\0${e.fingerprint}\0${salt === undefined ? '' : e.masked}`;
    left.set(key, (left.get(key) ?? 0) + 1);
    rules.add(`${e.file}\0${e.ruleId}`);
  }
  return (file, f, secretHash) => {
    if (!rules.has(`${file}\0${f.ruleId}`)) return false;
    const fingerprint = salt === undefined ? secretHash() : keyedFingerprint(secretHash(), salt);
    const key = `${file}\0${f.ruleId}\0${fingerprint}\0${salt === undefined ? '' : f.masked}`;
    const n = left.get(key) ?? 0;
    if (n === 0) return false;
    left.set(key, n - 1);
    return true;
  };
}

/** A file's path as a baseline stores it: relative to the baseline file's folder, `/`-separated. */
export function baselinePath(dir: string, absolutePath: string): string {
  return relativePosix(dir, absolutePath);
}
