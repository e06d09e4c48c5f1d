import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FingerprintedFinding } from '../node/scan/scan-batch';
import type { WorkerData, WorkerJob, WorkerReady, WorkerReply } from '../node/scan/scan-worker';

/** From this size, an open document is scanned on a worker thread, not on the server's own. */
export const LARGE_DOCUMENT_CHARS = 256 * 1024;

/** How long a large document's scan may take before it is given up (SECRET_SAFE_DOCUMENT_BUDGET_MS). */
function budgetMs(): number {
  const value = Number(process.env.SECRET_SAFE_DOCUMENT_BUDGET_MS);
  return Number.isFinite(value) && value > 0 ? value : 10_000;
}

interface Lane {
  worker: Worker;
  waiting: Map<number, (results: FingerprintedFinding[] | 'stopped') => void>;
}

/**
 * Large open documents, scanned on a worker thread per workspace folder, each under a time budget:
 * the server's thread stays free to check the other files and to answer the editor, and a scan
 * that runs over its budget is stopped (the worker ended, a new one started on the next scan).
 */
export class LargeDocuments {
  private readonly lanes = new Map<string, Lane>();
  private nextId = 1;

  /** The document's findings, or 'stopped' when its scan ran out of time. */
  scan(folder: string | undefined, trusted: boolean, text: string): Promise<FingerprintedFinding[] | 'stopped'> {
    const key = `${folder ?? ''}\0${trusted}`;
    const lane = this.lanes.get(key) ?? this.start(key, folder, trusted);
    const id = this.nextId++;
    return new Promise(resolve => {
      const timer = setTimeout(() => {
        // The regex engine cannot be interrupted: the thread is ended, with every scan waiting on it.
        this.lanes.delete(key);
        for (const done of lane.waiting.values()) done('stopped');
        lane.waiting.clear();
        void lane.worker.terminate();
      }, budgetMs());
      lane.waiting.set(id, results => {
        clearTimeout(timer);
        resolve(results);
      });
      lane.worker.postMessage({ id, text } satisfies WorkerJob);
    });
  }

  private start(key: string, folder: string | undefined, trusted: boolean): Lane {
    // A document outside every folder gets the built-in rules only: the worker reads the config of
    // this bundle's own folder, which has none.
    const workerData: WorkerData = { cwd: folder ?? __dirname, maxFileBytes: Number.MAX_SAFE_INTEGER, config: 'own', trusted };
    const worker = new Worker(join(__dirname, 'scan-worker.js'), { workerData });
    worker.unref();
    const lane: Lane = { worker, waiting: new Map() };
    worker.on('message', (reply: WorkerReply | WorkerReady) => {
      if ('ready' in reply) return;
      const done = lane.waiting.get(reply.id);
      lane.waiting.delete(reply.id);
      done?.(reply.error ? [] : (JSON.parse(reply.results) as FingerprintedFinding[]));
    });
    worker.on('error', () => {
      this.lanes.delete(key);
      for (const done of lane.waiting.values()) done('stopped');
      lane.waiting.clear();
    });
    this.lanes.set(key, lane);
    return lane;
  }

  dispose(): void {
    for (const lane of this.lanes.values()) void lane.worker.terminate();
    this.lanes.clear();
  }
}
