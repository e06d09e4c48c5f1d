import { createHash } from 'node:crypto';
import { jsonSyntaxError, redactSecrets } from '../../core';
import { relativePosix } from '../paths';
import { readBoundedTextSync } from '../read-bounded';

/** The largest baseline read: about 200,000 findings. */
export const MAX_BASELINE_BYTES = 64 << 20;

/**
 * A finding's fingerprint: SHA-256 of its rule and the secret itself. It names the same secret
 * wherever its line moves, and SARIF's `partialFingerprints` carries the same value, so code
 * scanning and the baseline agree. The hash reveals nothing a reader of the file does not
 * already have: the secret sits in that file.
 */
export function secretFingerprint(ruleId: string, secret: string): string {
  return createHash('sha256').update(`${ruleId}\0${secret}`).digest('hex');
}

/** One accepted finding: the file it is in, its rule and fingerprint, and the masked value for people reading the file. */
export interface BaselineEntry {
  file: string;
  ruleId: string;
  fingerprint: string;
  masked: string;
}

export const BASELINE_VERSION = 1;

/** A baseline that cannot be read; the message names the file and what is wrong with it, secrets masked. */
export class BaselineError extends Error {
  constructor(message: string) {
    super(redactSecrets(message));
  }
}

/** Reads a baseline file. Throws a BaselineError with a clear message for a missing or malformed one. */
export function readBaseline(path: string): BaselineEntry[] {
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

export function parseBaseline(text: string, path: string): BaselineEntry[] {
  let data: unknown;
  const source = text.replace(/^\uFEFF/, '');
  try {
    data = JSON.parse(source);
  } catch {
    // Where, not what: JSON.parse's message quotes the text around the error, which may be a key.
    throw new BaselineError(`the baseline ${path} is not JSON: ${jsonSyntaxError(source) ?? 'syntax error'}`);
  }
  const doc = data as { version?: unknown; findings?: unknown };
  if (typeof doc !== 'object' || doc === null || !Array.isArray(doc.findings)) {
    throw new BaselineError(`the baseline ${path} has no "findings" list (write one with --write-baseline)`);
  }
  if (doc.version !== BASELINE_VERSION) {
    throw new BaselineError(`the baseline ${path} has version ${JSON.stringify(doc.version)}; this secret-safe reads version ${BASELINE_VERSION}`);
  }
  return doc.findings.map((raw, i) => {
    const e = raw as Partial<BaselineEntry>;
    if (typeof e?.file !== 'string' || typeof e.ruleId !== 'string' || typeof e.fingerprint !== 'string' || !/^[0-9a-f]{64}$/.test(e.fingerprint)) {
      throw new BaselineError(`the baseline ${path}: finding ${i + 1} needs "file", "ruleId" and a 64-hex-digit "fingerprint"`);
    }
    return { file: e.file, ruleId: e.ruleId, fingerprint: e.fingerprint, masked: typeof e.masked === 'string' ? e.masked : '' };
  });
}

/** The baseline file's text: sorted, so that rewriting it after a change gives a small diff. */
export function baselineText(entries: readonly BaselineEntry[]): string {
  const sorted = [...entries].sort((a, b) => a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint));
  const doc = {
    version: BASELINE_VERSION,
    description: 'Findings accepted by `secret-safe scan --write-baseline`: matched by file, rule and a hash of the secret, not by line.',
    findings: sorted.map(({ file, ruleId, fingerprint, masked }) => ({ file, ruleId, fingerprint, masked })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * A filter that answers whether a finding is accepted by the baseline. Each entry accepts one
 * occurrence, so a second copy of an accepted secret in the same file is still reported, and so
 * is the same secret pasted into another file.
 */
export function baselineFilter(entries: readonly BaselineEntry[]): (file: string, ruleId: string, fingerprint: string) => boolean {
  const left = new Map<string, number>();
  for (const e of entries) {
    const key = `${e.file}\0${e.ruleId}\0${e.fingerprint}`;
    left.set(key, (left.get(key) ?? 0) + 1);
  }
  return (file, ruleId, fingerprint) => {
    const key = `${file}\0${ruleId}\0${fingerprint}`;
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

/**
 * The one check every caller makes (the editor, Scan Workspace, the CLI): whether a loaded
 * baseline accepts a finding in the file at `absolutePath`. Each call consumes an entry, so make
 * one per scan (or per document check).
 */
export function baselineMatcher(baseline: {
  entries: readonly BaselineEntry[];
  dir: string;
}): (absolutePath: string, ruleId: string, fingerprint: string) => boolean {
  const accepted = baselineFilter(baseline.entries);
  return (absolutePath, ruleId, fingerprint) => accepted(baselinePath(baseline.dir, absolutePath), ruleId, fingerprint);
}
