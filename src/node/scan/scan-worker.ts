// A scan worker: reads files and scans them with the project's rules, off the main thread. Runs
// as its own bundle (dist/scan-worker.js), started by scan-pool.ts with the project's folder; it
// loads the same config there, so custom rules (which hold functions) never cross threads.
import { parentPort, workerData } from 'node:worker_threads';
import { type BlobBatch, scanBlobBatch } from '../git/blob-scan';
import { ProjectScan } from '../project-scan';
import { type QueueJob, takeFromQueue } from './path-queue';
import { scanBatch, scanText } from './scan-batch';

/**
 * Files to read and scan; a queue of them to take from with the main thread until it runs out
 * (see scan-together.ts); one text to scan (a large open document, off the server's main thread);
 * or blobs of the git history, read on the main thread from one stream (see blob-scan.ts).
 */
export type WorkerJob = { id: number; files: string[] } | { id: number; queue: QueueJob } | { id: number; text: string } | ({ id: number } & BlobBatch);

/** Posted once, when the worker has loaded its config and takes jobs without delay. */
export interface WorkerReady {
  ready: true;
}

export interface WorkerReply {
  id: number;
  /** The job's `BatchResults` as JSON: one string crosses threads several times faster than the same findings as objects. */
  results: string;
  /** A file that could not be read: the message, for the main thread to throw. */
  error?: string;
}

export interface WorkerData {
  cwd: string;
  maxFileBytes: number;
  /** `nearest`: the config found from `cwd` up to the repository root; `own`: only `cwd`'s own file. */
  config?: 'nearest' | 'own';
  /** With `own`: whether the workspace is trusted (else the config's own patterns are not run). */
  trusted?: boolean;
  /** Whether findings carry their secret's hash (a baseline is matched or written); by default they do. */
  hashes?: boolean;
  /** Whether each decoded file is judged by the project's secret-file kinds known by content (see scanBatch). */
  keyFiles?: boolean;
}

/** What a worker started ahead of need is sent first (see worker-start.ts). */
export interface WorkerInit {
  init: WorkerData;
}

// Started with its data, or ahead of need: then the data comes first, as a message.
if (workerData) start(workerData as WorkerData);
else parentPort!.once('message', (message: WorkerInit) => start(message.init));

function start({ cwd, maxFileBytes, config: which, trusted, hashes, keyFiles }: WorkerData): void {
  void (which === 'own' ? ProjectScan.ofFolder(cwd, { trusted: trusted !== false }) : ProjectScan.governing(cwd)).then(project => {
    const { scanner } = project;
    parentPort!.postMessage({ ready: true } satisfies WorkerReady);
    parentPort!.on('message', (job: WorkerJob) => {
      const { id } = job;
      const scan = (files: string[]) => scanBatch(scanner, files, maxFileBytes, hashes !== false, keyFiles ? project.secretFileKinds : undefined);
      try {
        const results =
          'queue' in job
            ? takeFromQueue(job.queue, scan)
            : 'ends' in job
              ? scanBlobBatch(scanner, job)
              : 'text' in job
                ? scanText(scanner, job.text, false, undefined, hashes !== false)
                : scan(job.files);
        parentPort!.postMessage({ id, results: JSON.stringify(results) } satisfies WorkerReply);
      } catch (error) {
        parentPort!.postMessage({ id, results: '[]', error: (error as Error).message } satisfies WorkerReply);
      }
    });
  });
}
