// Reading and scanning a batch of files, synchronously: what a scan worker does with each job.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import type { Finding, Scanner } from '../../core';
import { secretFingerprint } from './baseline';
import { decodeText, type SkipReason } from './read-text';

/** What scanning one file gave. */
export type FileResult = { file: string; findings: FingerprintedFinding[] } | { file: string; skipped: SkipReason };

/** A finding with its fingerprint (rule and secret hashed): what baselines and SARIF match on. */
export type FingerprintedFinding = Finding & { fingerprint: string };

/**
 * What a batch gave: only the files with something to say, by their index in the batch. Most
 * files have no finding, and a reply that names none of them costs far less to copy between threads.
 */
export type BatchResults = Array<[index: number, outcome: { skipped: SkipReason } | { findings: FingerprintedFinding[] }]>;

/** Scans text (a file, a staged blob, standard input) and fingerprints each finding. `checkedText`: it came through `decodeText`, which ruled out binary already. */
export function scanText(scanner: Scanner, text: string, checkedText = false): FingerprintedFinding[] {
  return scanner.scan(text, { checkedText }).map(f => ({ ...f, fingerprint: secretFingerprint(f.ruleId, text.slice(f.start, f.end)) }));
}

/** Reads and scans each file in turn. */
export function scanBatch(scanner: Scanner, files: readonly string[], maxFileBytes: number): BatchResults {
  const results: BatchResults = [];
  files.forEach((file, index) => {
    const bytes = readUpTo(file, maxFileBytes);
    const text = typeof bytes === 'string' ? bytes : decodeText(bytes);
    if (text === 'binary' || text === 'too-large' || text === 'unreadable') {
      results.push([index, { skipped: text }]);
      return;
    }
    const findings = scanText(scanner, text, true);
    if (findings.length > 0) results.push([index, { findings }]);
  });
  return results;
}

/** Reused for every file that fits, which is nearly all: a buffer per file costs more than its read. */
const shared = Buffer.allocUnsafe(1 << 20);

/**
 * A file's bytes, read synchronously (a scanning thread does nothing else meanwhile, and that
 * costs far less per file) through one descriptor. A file that fits the shared buffer takes one
 * read, and its bytes are a view of that buffer, valid until the next call. Larger than `max`:
 * not read.
 */
function readUpTo(file: string, max: number): Buffer | 'too-large' | 'unreadable' {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return 'unreadable'; // removed or locked since the walk listed it
  }
  try {
    const want = Math.min(shared.length, max + 1);
    const first = readSync(fd, shared, 0, want, null);
    if (first > max) return 'too-large';
    // A regular file's read comes back short only at its end.
    if (first < want) return shared.subarray(0, first);
    const size = fstatSync(fd).size;
    if (size > max) return 'too-large';
    // The rest, from where the first read stopped, to the end (the file may have grown since).
    const bytes = Buffer.concat([shared.subarray(0, first), readFileSync(fd)]);
    return bytes.length > max ? 'too-large' : bytes;
  } catch {
    return 'unreadable';
  } finally {
    closeSync(fd);
  }
}
