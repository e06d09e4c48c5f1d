// A scan worker: reads files and scans them with the project's rules, off the main thread. Runs
// as its own bundle (dist/scan-worker.js), started by scan-pool.ts with the project's folder; it
// loads the same config there, so custom rules (which hold functions) never cross threads.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { findProjectConfig } from './project-config';
import { decodeText, type SkipReason } from './read-text';
import { scannerFor } from './rule-set';
import { scanText, type FingerprintedFinding } from './scan-files';

export interface WorkerJob {
  id: number;
  files: string[];
}

/** What a job found: the files with something to say, by their index in the job. */
export type WorkerResults = Array<[index: number, outcome: { skipped: SkipReason } | { findings: FingerprintedFinding[] }]>;

export interface WorkerReply {
  id: number;
  /**
   * Only the files with something to say, by their index in the job (most files have no finding,
   * and a reply that names none of them costs far less to copy between threads), as JSON: one
   * string crosses threads several times faster than the same findings as objects.
   */
  results: string;
  /** A file that could not be read: the message, for the main thread to throw. */
  error?: string;
}

const { cwd, maxFileBytes } = workerData as { cwd: string; maxFileBytes: number };

void findProjectConfig(cwd).then(config => {
  const scanner = scannerFor(config.config);
  parentPort!.on('message', ({ id, files }: WorkerJob) => {
    const results: WorkerResults = [];
    try {
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
      parentPort!.postMessage({ id, results: JSON.stringify(results) } satisfies WorkerReply);
    } catch (error) {
      parentPort!.postMessage({ id, results: '[]', error: (error as Error).message } satisfies WorkerReply);
    }
  });
});

/** Reused for every file that fits, which is nearly all: a buffer per file costs more than its read. */
const shared = Buffer.allocUnsafe(1 << 20);

/**
 * A file's bytes, read synchronously (this thread does nothing else, and that costs far less per
 * file) through one descriptor. A file that fits the shared buffer takes one read, and its bytes
 * are a view of that buffer, valid until the next call. Larger than `max`: not read.
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
