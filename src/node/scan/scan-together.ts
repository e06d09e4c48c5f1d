import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { monotonicMs } from '../clock';
import { QueueCounters, type QueueReport, queueCounters } from './path-queue';
import type { BatchResults, FileResult } from './scan-batch';
import { type ScanPoolOptions, WorkerPool } from './scan-pool';
import { stopEarly } from './worker-start';

export interface ScanTogetherOptions extends ScanPoolOptions {
  /** Scans files on this thread (one at a time), as a worker would. */
  here: (files: string[]) => BatchResults;
}

/** Paths published beyond those taken: the workers' supply while this thread scans a large file. */
const LOOKAHEAD = 1024;

/** A worker's start, in this thread's time it must save to pay: a fifth of a second of CPU time, and an exit that waits for it. */
const WORKERS_PAY_AFTER_MS = 300;

/** Files this thread scans between two looks for the workers' reports. */
const POLL_EVERY = 8;

/** Results handed on at once (the last ones fewer). */
const OUT_BATCH = 64;

/** Files this thread scans between two turns of its event loop, while a worker has not started. */
const TURN_STARTING = 4;

/** And once every worker has: a failed worker is noticed within this many. */
const TURN_RUNNING = 256;

/**
 * Scans files on this thread and on worker threads together, for a process with nothing else to
 * serve (the CLI): one queue of paths, fed by the walk here, that every thread takes from a file
 * at a time. A worker takes its next file itself, from shared counters, without waiting for this
 * thread to hand it a batch (which it can only do between two files of its own: a large one
 * left the worker idle), and no thread is left with a batch to finish while the other idles at
 * the end. This thread scans from the start, while the workers load, and starts them only when
 * they pay (see workersPay). Results leave in the order the paths came, a few dozen at a time,
 * as they are ready; the walk runs only a little ahead of the scan, so memory stays bounded
 * however many files there are.
 *
 * On the 103 MB npm set, against batches of 48 sent from this thread (which idled 0.14 s at the
 * end while the worker finished its last batches, and left the worker idle 0.12 s mid-scan):
 * 0.984 of the time (13 interleaved rounds), 0.94 on 820 MB (5 rounds); a one-file scan 0.82
 * (no worker started).
 */
export async function* scanTogether(paths: AsyncIterable<readonly string[]>, options: ScanTogetherOptions): AsyncGenerator<FileResult[]> {
  const threads = Math.max(1, options.threads ?? 1);
  const shared = queueCounters(threads);
  const counters = new QueueCounters(shared);
  // A port per worker, made now: the paths published before a worker starts wait in it.
  const channels = Array.from({ length: threads }, () => new MessageChannel());
  let failure: Error | undefined;
  let pool: WorkerPool | undefined;
  let replies: Array<Promise<QueueReport>> = [];
  const startWorkers = (): void => {
    pool = new WorkerPool({ ...options, threads });
    replies = pool.runOnEach<QueueReport>(k => ({
      body: { queue: { counters: shared.buffer, port: channels[k].port2, worker: k } },
      transfer: [channels[k].port2],
    }));
    for (const reply of replies) reply.catch((error: Error) => (failure ??= error));
  };
  // The paths from index `base` on, and the results not yet handed on, by index.
  let known: string[] = [];
  let base = 0;
  const results = new Map<number, FileResult>();
  let handedOn = 0;
  const record = (index: number, outcome: BatchResults[number][1] | undefined): void => {
    const file = known[index - base];
    results.set(index, outcome ? { file, ...outcome } : { file, findings: [] });
  };
  const receive = (report: QueueReport): void => {
    for (const index of report.scanned) record(index, undefined);
    for (const [index, outcome] of report.outcomes) record(index, outcome);
  };
  const poll = (): void => {
    for (const { port1 } of channels) {
      for (let message = receiveMessageOnPort(port1); message; message = receiveMessageOnPort(port1)) receive(JSON.parse(message.message as string));
    }
  };
  /** Moves the results ready in order, from where the last call stopped, to `out`. */
  const ready = (out: FileResult[]): void => {
    for (let result = results.get(handedOn); result; result = results.get(handedOn)) {
      out.push(result);
      results.delete(handedOn++);
    }
    if (handedOn - base > 4096) {
      known = known.slice(handedOn - base);
      base = handedOn;
    }
  };

  const walk = paths[Symbol.asyncIterator]();
  let walked = false;
  /** Walks one step: its paths to every worker's port, then published. */
  const step = async (): Promise<void> => {
    const next = await walk.next();
    if (next.done) {
      walked = true;
      counters.walked();
      return;
    }
    if (next.value.length === 0) return;
    const run = [...next.value];
    for (const path of run) known.push(path); // not spread: a folder may hold more files than a call takes arguments
    for (const { port1 } of channels) port1.postMessage(run);
    counters.publish(run.length);
  };

  const began = monotonicMs();
  let taken = 0;
  const out: FileResult[] = [];
  let sinceTurn = 0;
  /** Whether every worker has started taking from the queue. */
  let started = false;
  try {
    for (;;) {
      while (!walked && counters.ahead() < LOOKAHEAD) await step();
      if (!pool && workersPay(walked, taken, monotonicMs() - began, counters.ahead())) startWorkers();
      const index = counters.take();
      while (!walked && index >= counters.published()) await step();
      if (index >= counters.published()) break;
      const path = known[index - base];
      taken++;
      const [found] = options.here([path]);
      record(index, found?.[1]);
      // The workers' reports, looked for every few files (a call into Node each time).
      if (taken % POLL_EVERY === 0) {
        poll();
        ready(out);
        if (out.length >= OUT_BATCH) yield out.splice(0);
      }
      // A worker's messages to the pool (that it is ready, that it failed) come between turns.
      if (pool && !started) started = replies.every((_, k) => counters.started(k));
      if (pool && ++sinceTurn >= (started ? TURN_RUNNING : TURN_STARTING)) {
        sinceTurn = 0;
        await new Promise(resolve => setImmediate(resolve));
      }
      if (failure) throw failure;
    }
    // Every path is taken: what the workers took is waited for. A worker that took none (it was
    // still starting) has nothing the scan waits on.
    const finals = await Promise.all(replies.map((reply, k) => (counters.started(k) ? reply : undefined)));
    poll();
    for (const report of finals) if (report) receive(report);
    ready(out);
    if (out.length > 0) yield out;
    if (results.size > 0 || handedOn !== counters.published()) throw new Error(`scan: ${counters.published() - handedOn} files were taken and never reported`);
  } finally {
    counters.stop();
    for (const { port1 } of channels) port1.close();
    // Workers the CLI started ahead and this scan did without: stopped now, not at the exit.
    if (!pool) stopEarly();
    // Not waited for (see scanOnWorkers).
    void pool?.close();
  }
}

/**
 * Whether workers would pay for their start: a walk still going (`walked` false) after LOOKAHEAD
 * paths, or, of a walk done, the `left` files would keep this thread busy for longer than a
 * worker takes to start, judged by the `elapsedMs` its `taken` files took so far. A scan of a few
 * files (a commit's, say) never starts one, and does not wait at its end for one still starting.
 */
export function workersPay(walked: boolean, taken: number, elapsedMs: number, left: number): boolean {
  if (!walked) return true;
  return taken > 0 && (elapsedMs / taken) * left > WORKERS_PAY_AFTER_MS;
}
