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

export interface WorkerReply {
  id: number;
  /**
   * Only the files with something to say, by their index in the job: most files have no finding,
   * and a reply that names none of them costs far less to copy between threads.
   */
  results: Array<[index: number, outcome: { skipped: SkipReason } | { findings: FingerprintedFinding[] }]>;
  /** A file that could not be read: the message, for the main thread to throw. */
  error?: string;
}

const { cwd, maxFileBytes } = workerData as { cwd: string; maxFileBytes: number };

void findProjectConfig(cwd).then(config => {
  const scanner = scannerFor(config.config);
  parentPort!.on('message', ({ id, files }: WorkerJob) => {
    const results: WorkerReply['results'] = [];
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
      parentPort!.postMessage({ id, results } satisfies WorkerReply);
    } catch (error) {
      parentPort!.postMessage({ id, results, error: (error as Error).message } satisfies WorkerReply);
    }
  });
});

/**
 * A file's bytes, read synchronously (this thread does nothing else, and that costs far less per
 * file) through one descriptor: open, the size from it, one read. Larger than `max`: not read.
 */
function readUpTo(file: string, max: number): Buffer | 'too-large' | 'unreadable' {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return 'unreadable'; // removed or locked since the walk listed it
  }
  try {
    const size = fstatSync(fd).size;
    if (size > max) return 'too-large';
    // One byte more than the size, to notice a file that grew since.
    const buffer = Buffer.allocUnsafe(size + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length <= size) return buffer.subarray(0, length);
    const whole = readFileSync(file); // it grew: all of it, or nothing if it is now too large
    return whole.length > max ? 'too-large' : whole;
  } catch {
    return 'unreadable';
  } finally {
    closeSync(fd);
  }
}
