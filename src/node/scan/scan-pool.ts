import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { TransferListItem, Worker } from 'node:worker_threads';
import type { BlobBatch, BlobResult } from '../git/blob-scan';
import { type BatchResults, everyFile, type FileResult } from './scan-batch';
import type { QueueJob } from './path-queue';
import type { WorkerData, WorkerJob, WorkerReady, WorkerReply } from './scan-worker';
import { adoptEarly, startWorker } from './worker-start';

/** Files sent to a worker at once: enough to cover the message cost, few enough to keep workers even. */
const BATCH = 48;
/** Jobs a worker holds at once: the one it runs, and the next, so it never waits on this thread. */
const HELD_PER_WORKER = 2;

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
  /** Whether files are judged by the secret-file kinds known by content (see WorkerData). */
  keyFiles?: boolean;
  workerScript: string;
  /** Worker threads to start (default: one per core). */
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
  // The workers start (load the config, compile the rules) while this thread walks.
  const pool = new WorkerPool({ ...options, threads });
  const send = async (files: string[]): Promise<FileResult[]> => everyFile(files, await pool.run<BatchResults>({ files }));
  // Batches in the order they were sent, each with its outcome once its worker replied. Results
  // leave in that order, but a slow batch at the head does not stop the others: up to `busy`
  // batches are with the workers at once, and up to `held` wait, done, for the head.
  const inFlight: Array<{ done: boolean; outcome: Promise<FileResult[] | Error> }> = [];
  const busy = threads * 8;
  const held = threads * 32;
  let outstanding = 0;
  let settled: (() => void) | undefined;
  const dispatch = async (batch: string[]): Promise<void> => {
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
          await dispatch(batch);
          batch = [];
          // Hand on what is ready, and wait only while the workers are full or too much is held.
          yield* drain(() => outstanding < busy && inFlight.length < held && !(inFlight.length > 0 && inFlight[0].done));
        }
      }
    }
    if (batch.length > 0) await dispatch(batch);
    yield* drain(() => inFlight.length === 0);
  } finally {
    // Not waited for: a worker's isolate takes 20 ms to tear down, which the caller spends on what
    // follows the scan (the CLI's hygiene and exits checks) instead of idling.
    void pool.close();
  }
}

type JobBody = { files: string[] } | BlobBatch | { queue: QueueJob };
type Posting = { job: WorkerJob; transfer: readonly TransferListItem[] };

/**
 * Worker threads that each load the project's config and answer jobs, a job going to the least
 * busy. A worker gets jobs once it says it is ready (its config loaded): until then they wait
 * here (a fifth of a second, most of a small scan, which a thread that scans too does meanwhile:
 * see scan-together.ts). A worker that fails (at start-up, say) fails every job in flight and
 * every job after: no job waits on it forever.
 */
export class WorkerPool {
  private readonly workers: Worker[];
  private readonly load: Map<Worker, number>;
  /** Workers that have loaded their config: only these are given jobs. */
  private readonly ready = new Set<Worker>();
  private readonly waiting = new Map<number, { resolve(results: unknown): void; reject(e: Error): void }>();
  /** Jobs no worker has room for yet, oldest first: each goes to the first worker that replies. */
  private readonly queued: Posting[] = [];
  /** Jobs for one worker in particular (see runOnEach), posted once it is ready. */
  private readonly own = new Map<Worker, Posting[]>();
  private failed: Error | undefined;
  private nextId = 0;

  constructor(options: Omit<ScanPoolOptions, 'threads'> & { threads: number }) {
    this.workers = Array.from({ length: Math.max(1, options.threads) }, () => {
      const data = dataOf(options);
      return adoptEarly(options.workerScript, data) ?? startWorker(options.workerScript, data);
    });
    this.load = new Map(this.workers.map(w => [w, 0]));
    for (const worker of this.workers) {
      for (const stream of [worker.stdout, worker.stderr]) stream.on('data', (chunk: Buffer) => process.stderr.write(chunk));
      worker.on('message', (reply: WorkerReply | WorkerReady) => {
        if ('ready' in reply) {
          this.ready.add(worker);
          for (const mine of this.own.get(worker) ?? []) this.post(worker, mine.job, mine.transfer);
          this.own.delete(worker);
          while (this.queued.length > 0 && this.load.get(worker)! < HELD_PER_WORKER) {
            const next = this.queued.shift()!;
            this.post(worker, next.job, next.transfer);
          }
          return;
        }
        this.load.set(worker, this.load.get(worker)! - 1);
        const next = this.queued.shift();
        if (next) this.post(worker, next.job, next.transfer);
        const job = this.waiting.get(reply.id);
        if (!job) return; // failed already, with every job then waiting
        this.waiting.delete(reply.id);
        if (reply.error) job.reject(new Error(reply.error));
        else job.resolve(JSON.parse(reply.results));
      });
      worker.on('error', error => {
        this.failed = error;
        for (const job of this.waiting.values()) job.reject(error);
        this.waiting.clear();
        this.queued.length = 0;
        this.own.clear();
      });
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /**
   * `transfer`: buffers that move to the worker (no longer usable here). A worker holds at most
   * two jobs, the one it runs and the next; the rest wait here for whichever worker is free first.
   * (With eight each, dealt out by count, one worker was left with the heavy batches at the end
   * while the other idled: half a second of a 2 s scan of npm packages.)
   */
  run<T>(body: JobBody, transfer: readonly TransferListItem[] = []): Promise<T> {
    return this.expect<T>(body, job => {
      let least: Worker | undefined;
      for (const worker of this.ready) if (least === undefined || this.load.get(worker)! < this.load.get(least)!) least = worker;
      if (least !== undefined && this.load.get(least)! < HELD_PER_WORKER) this.post(least, job, transfer);
      else this.queued.push({ job, transfer });
    });
  }

  /**
   * One job on each worker, `make(k)` the k-th's, posted once that worker is ready: for a job that
   * lasts the whole scan (see scan-together.ts). The replies, by worker.
   */
  runOnEach<T>(make: (k: number) => { body: JobBody; transfer: readonly TransferListItem[] }): Array<Promise<T>> {
    return this.workers.map((worker, k) => {
      const { body, transfer } = make(k);
      return this.expect<T>(body, job => {
        if (this.ready.has(worker)) this.post(worker, job, transfer);
        else this.own.set(worker, [...(this.own.get(worker) ?? []), { job, transfer }]);
      });
    });
  }

  /** A job's reply: `send` posts the job (numbered) or queues it; a worker that failed fails it at once. */
  private expect<T>(body: JobBody, send: (job: WorkerJob) => void): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      if (this.failed) return reject(this.failed);
      this.waiting.set(id, { resolve: resolve as (results: unknown) => void, reject });
      send({ id, ...body } satisfies WorkerJob);
    });
  }

  private post(worker: Worker, job: WorkerJob, transfer: readonly TransferListItem[]): void {
    this.load.set(worker, this.load.get(worker)! + 1);
    worker.postMessage(job, transfer);
  }

  /** Scans blobs of the git history: for each, its findings with their secrets' hashes. */
  scanBlobs(batch: BlobBatch): Promise<BlobResult[]> {
    return this.run<BlobResult[]>(batch, [batch.bytes]);
  }

  close(): Promise<unknown> {
    return Promise.all(this.workers.map(w => w.terminate()));
  }
}

/** What a pool's workers are started with. */
function dataOf(options: Omit<ScanPoolOptions, 'threads'>): WorkerData {
  return {
    cwd: options.cwd,
    maxFileBytes: options.maxFileBytes,
    config: options.config,
    trusted: options.trusted,
    hashes: options.hashes,
    keyFiles: options.keyFiles,
  };
}

/** The worker bundle beside the running CLI bundle (dist/), or beside this file when run from out/. */
export function workerScriptBeside(dir: string): string {
  return join(dir, 'scan-worker.js');
}
