// One queue of paths that this thread and the scan workers take files from, a file at a time, with
// no round trip through this thread's event loop: see scan-together.ts.
import { type MessagePort, receiveMessageOnPort } from 'node:worker_threads';
import type { BatchResults } from './scan-batch';

/** Slots of the queue's shared counters (an Int32Array over a SharedArrayBuffer). */
const NEXT = 0; // the next path's index to take
const PUBLISHED = 1; // paths sent to every taker so far
const WALKED = 2; // 1 once no path will follow
const STOPPED = 3; // 1 when the scan was given up: take nothing more
const STARTED = 4; // then one slot per worker: 1 once it takes from the queue

/** A worker's part of a queue: the shared counters, the port paths come in by and results leave by, and its slot. */
export interface QueueJob {
  counters: SharedArrayBuffer;
  port: MessagePort;
  worker: number;
}

/**
 * What a worker scanned since it last said: the index of every file it scanned (in the queue's
 * numbering), and the outcomes of those with something to say, by the same index.
 */
export interface QueueReport {
  scanned: number[];
  outcomes: BatchResults;
}

/** Files a worker scans between two reports, and outcomes it holds at most before it reports. */
const REPORT_EVERY = 64;
const REPORT_OUTCOMES = 16;

/** How long a worker waits for a path at once before it looks again (a wake-up is normally sent). */
const WAIT_MS = 50;

/** The counters for a queue taken from by `workers` workers and this thread. */
export function queueCounters(workers: number): Int32Array<SharedArrayBuffer> {
  return new Int32Array(new SharedArrayBuffer(4 * (STARTED + workers)));
}

/** The main thread's side of the counters: paths published, taken, and the end. */
export class QueueCounters {
  constructor(private readonly counters: Int32Array<SharedArrayBuffer>) {}

  /** Paths published and not yet taken (negative past the end: taken beyond it). */
  ahead(): number {
    return Atomics.load(this.counters, PUBLISHED) - Atomics.load(this.counters, NEXT);
  }

  published(): number {
    return Atomics.load(this.counters, PUBLISHED);
  }

  /** `count` more paths are in every worker's port: a waiting worker wakes. */
  publish(count: number): void {
    Atomics.add(this.counters, PUBLISHED, count);
    Atomics.notify(this.counters, PUBLISHED);
  }

  /** The index of the next path to scan here: perhaps one not published yet, or past the end. */
  take(): number {
    return Atomics.add(this.counters, NEXT, 1);
  }

  /** No path follows: a worker done with what it took reports and stops. */
  walked(): void {
    Atomics.store(this.counters, WALKED, 1);
    Atomics.notify(this.counters, PUBLISHED);
  }

  /** Nothing more is taken (the scan failed or its reader stopped). */
  stop(): void {
    Atomics.store(this.counters, STOPPED, 1);
    Atomics.notify(this.counters, PUBLISHED);
  }

  /** Whether worker `k` has taken from the queue: else it took nothing the scan waits on. */
  started(k: number): boolean {
    return Atomics.load(this.counters, STARTED + k) === 1;
  }
}

/**
 * A worker's side: takes paths one at a time until they run out, scans each with `scan` (given one
 * path), and reports through `job.port` as it goes. Returns the last report (for the job's reply).
 * Paths come through the port in runs, in the queue's order, each before it is published: a path
 * taken is in the port once its index is below the published count.
 */
export function takeFromQueue(job: QueueJob, scan: (files: string[]) => BatchResults): QueueReport {
  const counters = new Int32Array(job.counters);
  Atomics.store(counters, STARTED + job.worker, 1);
  // The paths received, from index `base` on; those before the last taken are dropped as it goes.
  let paths: string[] = [];
  let base = 0;
  let report: QueueReport = { scanned: [], outcomes: [] };
  const send = (): void => {
    if (report.scanned.length === 0) return;
    job.port.postMessage(JSON.stringify(report));
    report = { scanned: [], outcomes: [] };
  };
  for (;;) {
    if (Atomics.load(counters, STOPPED) === 1) break;
    const index = Atomics.add(counters, NEXT, 1);
    // Wait for the path: received already, in the port, or still to be walked.
    let path: string | undefined;
    for (;;) {
      if (index - base < paths.length) {
        path = paths[index - base];
        break;
      }
      const message = receiveMessageOnPort(job.port);
      if (message) {
        // One at a time: a folder of a few hundred thousand files spread as arguments overflows the stack.
        for (const received of message.message as string[]) paths.push(received);
        continue;
      }
      const published = Atomics.load(counters, PUBLISHED);
      if (index < published) continue; // published, its message on its way
      if (Atomics.load(counters, WALKED) === 1 || Atomics.load(counters, STOPPED) === 1) break;
      // Nothing to do until the walk goes on: what is scanned is reported meanwhile.
      send();
      Atomics.wait(counters, PUBLISHED, published, WAIT_MS);
    }
    if (path === undefined) break;
    if (index - base > 4096) {
      paths = paths.slice(index - base);
      base = index;
    }
    report.scanned.push(index);
    for (const [, outcome] of scan([path])) report.outcomes.push([index, outcome]);
    if (report.scanned.length >= REPORT_EVERY || report.outcomes.length >= REPORT_OUTCOMES) send();
  }
  return report;
}
