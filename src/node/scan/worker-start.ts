// How a scan worker is started (scan-pool.ts starts its workers here), and workers started ahead of
// need: the CLI starts them as it loads (src/cli/early-start.ts), a pool takes them when it starts.
// This module loads nothing but `node:worker_threads`, so that the CLI can start them before its
// rules are built.
import { Worker } from 'node:worker_threads';
import type { WorkerData, WorkerInit } from './scan-worker';

/**
 * A worker's young generation, in MB: V8's default grows it to 48 MB in a scan (its semi-spaces to
 * 16 MB each), every page of it new memory, and a first touch of a page is a page fault (12 us where
 * memory is virtualised, as on CI machines). A scan's garbage is short-lived (a file's text, its
 * hits), so a small young generation costs few extra collections: on the 103 MB npm set, a scan's
 * page faults fell from 27.8k to 23.9k; a scan with one worker ran 0.970 of the time (11 interleaved
 * rounds; fastest round 1.16 -> 1.08 s).
 */
const WORKER_YOUNG_GENERATION_MB = 3;

/**
 * Starts a scan worker on `script` with `data`; with none, it loads its bundle and waits for
 * `{ init: WorkerData }` (see adoptEarly).
 */
export function startWorker(script: string, data?: WorkerData): Worker {
  return new Worker(script, {
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    // Not piped by Node to this process's stdout and stderr, which it then made as the worker
    // started (a pipe's stream loads `net`: 4 ms, on the way to the CLI's first files). A worker
    // prints nothing of its own; what it might (a warning) goes to stderr (see WorkerPool), never
    // into a report on stdout or a language server's messages.
    stdout: true,
    stderr: true,
    workerData: data ?? null,
  });
}

/** Workers started ahead of need, and the script each runs. */
const early: Array<{ worker: Worker; script: string }> = [];

/**
 * Starts `count` workers on `script` ahead of need, without their data. Unreferenced: a run that
 * never takes them exits without waiting for them. One that fails or exits before it is taken is
 * forgotten, and a pool starts its own instead.
 */
export function startEarly(script: string, count: number): void {
  for (let i = 0; i < count; i++) {
    const entry = { worker: startWorker(script), script };
    const forget = (): void => {
      const at = early.indexOf(entry);
      if (at >= 0) early.splice(at, 1);
    };
    entry.worker.on('error', forget);
    entry.worker.on('exit', forget);
    entry.worker.unref();
    early.push(entry);
  }
}

/** A worker started early on `script`, sent `data` and referenced again: the caller's from now on. */
export function adoptEarly(script: string, data: WorkerData): Worker | undefined {
  const at = early.findIndex(e => e.script === script);
  if (at < 0) return undefined;
  const [{ worker }] = early.splice(at, 1);
  worker.ref();
  worker.postMessage({ init: data } satisfies WorkerInit);
  return worker;
}

/** Stops the workers started early that no pool took: a scan that did without them. */
export function stopEarly(): void {
  for (const { worker } of early.splice(0)) void worker.terminate();
}
