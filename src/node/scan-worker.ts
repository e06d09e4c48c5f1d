// A scan worker: reads files and scans them with the project's rules, off the main thread. Runs
// as its own bundle (dist/scan-worker.js), started by scan-pool.ts with the project's folder; it
// loads the same config there, so custom rules (which hold functions) never cross threads.
import { readFileSync, statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { findProjectConfig } from './project-config';
import { decodeText } from './read-text';
import { scannerFor } from './rule-set';
import { scanText, type FileResult } from './scan-files';

export interface WorkerJob {
  id: number;
  files: string[];
}

export interface WorkerReply {
  id: number;
  results: FileResult[];
  /** A file that could not be read: the message, for the main thread to throw. */
  error?: string;
}

const { cwd, maxFileBytes } = workerData as { cwd: string; maxFileBytes: number };

void findProjectConfig(cwd).then(config => {
  const scanner = scannerFor(config.config);
  parentPort!.on('message', ({ id, files }: WorkerJob) => {
    const results: FileResult[] = [];
    try {
      for (const file of files) {
        // Synchronous reads: this thread does nothing else, and they cost far less per file.
        let bytes: Buffer;
        try {
          if (statSync(file).size > maxFileBytes) {
            results.push({ file, skipped: 'too-large' });
            continue;
          }
          bytes = readFileSync(file);
        } catch {
          results.push({ file, skipped: 'unreadable' }); // removed or locked since the walk listed it
          continue;
        }
        if (bytes.length > maxFileBytes) {
          results.push({ file, skipped: 'too-large' }); // grew since the stat
          continue;
        }
        const text = decodeText(bytes);
        results.push(text === 'binary' ? { file, skipped: 'binary' } : { file, findings: scanText(scanner, text) });
      }
      parentPort!.postMessage({ id, results } satisfies WorkerReply);
    } catch (error) {
      parentPort!.postMessage({ id, results, error: (error as Error).message } satisfies WorkerReply);
    }
  });
  parentPort!.postMessage('ready');
});
