import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileResult } from './scan-batch';
import type { BatchResults } from './scan-batch';
import type { WorkerData, WorkerJob, WorkerReply } from './scan-worker';

/** Files sent to a worker at once: enough to cover the message cost, few enough to keep workers even. */
const BATCH = 48;

export interface ScanPoolOptions {
  /** The folder whose config the workers load. */
  cwd: string;
  /**
   * Which config: the nearest one up to the repository root, as the CLI finds it (the default), or
   * only `cwd`'s own, as the editor's workspace folders have it.
   */
  config?: WorkerData['config'];
  /** With `config: 'own'`: whether the workspace is trusted (see ProjectScan.ofFolder). */
  trusted?: boolean;
  maxFileBytes: number;
  /** Whether findings carry their secret's hash (see WorkerData). */
  hashes?: boolean;
  workerScript: string;
  threads?: number;
}

/**
 * Scans files on every core: one worker thread per core reads and scans batches of paths while
 * the main thread walks the folders. Paths come in runs (a walk's step), and results leave a batch
 * at a time, in the order the paths came in, as they are ready, so a report can stream; at most a
 * few batches per worker are in flight, so memory stays bounded however many files there are.
 */
export async function* scanOnWorkers(paths: AsyncIterable<readonly string[]>, options: ScanPoolOptions): AsyncGenerator<FileResult[]> {
  const threads = Math.max(1, options.threads ?? availableParallelism());
  // Paths are sent while the workers still start (their port queues them): the walk and the
  // workers' start-up (loading the config, compiling the rules) overlap.
  const workers = Array.from(
    { length: threads },
    () =>
      new Worker(options.workerScript, {
        workerData: {
          cwd: options.cwd,
          maxFileBytes: options.maxFileBytes,
          config: options.config,
          trusted: options.trusted,
          hashes: options.hashes,
        } satisfies WorkerData,
      }),
  );
  const waiting = new Map<number, { resolve(r: BatchResults): void; reject(e: Error): void }>();
  let failed: Error | undefined;
  const load = new Map<Worker, number>(workers.map(w => [w, 0]));
  for (const worker of workers) {
    worker.on('message', (reply: WorkerReply) => {
      const { id, error } = reply;
      load.set(worker, load.get(worker)! - 1);
      const job = waiting.get(id)!;
      waiting.delete(id);
      if (error) job.reject(new Error(error));
      else job.resolve(JSON.parse(reply.results) as BatchResults);
    });
    worker.on('error', error => {
      // A worker that fails (at start-up, say) fails the scan: no batch waits on it forever.
      failed = error;
      for (const job of waiting.values()) job.reject(error);
      waiting.clear();
    });
  }
  let nextId = 0;
  const send = (files: string[]): Promise<FileResult[]> => {
    const worker = [...load].sort((a, b) => a[1] - b[1])[0][0];
    load.set(worker, load.get(worker)! + 1);
    const id = nextId++;
    return new Promise<BatchResults>((resolve, reject) => {
      if (failed) return reject(failed);
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, files } satisfies WorkerJob);
    }).then(outcomes => {
      // Every file of the batch, in order: the reply names only those with findings or skipped.
      const results: FileResult[] = files.map(file => ({ file, findings: [] }));
      for (const [index, outcome] of outcomes) results[index] = { file: files[index], ...outcome };
      return results;
    });
  };
  // Batches in the order they were sent, each with its outcome once its worker replied. Results
  // leave in that order, but a slow batch at the head does not stop the others: up to `busy`
  // batches are with the workers at once, and up to `held` wait, done, for the head.
  const inFlight: Array<{ done: boolean; outcome: Promise<FileResult[] | Error> }> = [];
  const busy = threads * 8;
  const held = threads * 32;
  let outstanding = 0;
  let settled: (() => void) | undefined;
  const dispatch = (batch: string[]): void => {
    outstanding++;
    const entry = { done: false, outcome: send(batch).catch((e: Error) => e) };
    void entry.outcome.then(() => {
      entry.done = true;
      outstanding--;
      settled?.();
    });
    inFlight.push(entry);
  };
  const nextSettled = (): Promise<void> => new Promise(resolve => (settled = resolve));
  async function* drain(until: () => boolean): AsyncGenerator<FileResult[]> {
    while (!until()) {
      if (inFlight.length > 0 && inFlight[0].done) {
        const r = await inFlight.shift()!.outcome;
        if (r instanceof Error) throw r;
        yield r;
      } else {
        await nextSettled();
      }
    }
  }
  try {
    let batch: string[] = [];
    for await (const run of paths) {
      for (const path of run) {
        batch.push(path);
        if (batch.length === BATCH) {
          dispatch(batch);
          batch = [];
          // Hand on what is ready, and wait only while the workers are full or too much is held.
          yield* drain(() => outstanding < busy && inFlight.length < held && !(inFlight.length > 0 && inFlight[0].done));
        }
      }
    }
    if (batch.length > 0) dispatch(batch);
    yield* drain(() => inFlight.length === 0);
  } finally {
    await Promise.all(workers.map(w => w.terminate()));
  }
}

/** The worker bundle beside the running CLI bundle (dist/), or beside this file when run from out/. */
export function workerScriptBeside(dir: string): string {
  return join(dir, 'scan-worker.js');
}
