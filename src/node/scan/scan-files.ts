import { type Stats, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { SecretFileKind } from '../../core/hygiene';
import type { ProjectScan } from '../project-scan';
import { walkFiles, type WalkOptions } from './gitignore-walk';
import { readTextFile, unreadable } from './read-text';
import { type BatchResults, everyFile, scanBatch, scanText, type FileResult, type FingerprintedFinding } from './scan-batch';
import { scanTogether } from './scan-together';

export { scanText, type FileResult, type FingerprintedFinding };

export interface ScanFilesOptions {
  /** The scanner, allowlist and the rest: the walk and the scan of one project. */
  project: ProjectScan;
  /** Files larger than this are skipped, not read. */
  maxFileBytes: number;
  /**
   * Scan on `threads` threads, this one and worker threads (dist/scan-worker.js) with the config
   * found from `cwd`: for large scans. One thread: this one alone, with no worker.
   */
  workers?: { script: string; cwd: string; threads: number };
  /** Whether findings carry their secret's hash (a baseline is matched or written); by default they do. */
  hashes?: boolean;
  /** An observer for the walk of each folder named (see WalkOptions.observer). */
  observe?: (folder: string) => WalkOptions['observer'];
  /**
   * The project's secret-file kinds (its `secretFileKinds`), to judge each file by while its text
   * is at hand (see scanBatch): the results' `judged`. Workers judge by their own project's.
   */
  keyFiles?: readonly SecretFileKind[];
  /**
   * What each path named is, looked up once by the caller (the CLI asks before the scan, to choose
   * its threads, and after it, for the hygiene checks); undefined for a path that is gone, which is
   * then looked up here to throw why. By default each is looked up here.
   */
  pathKind?: (path: string) => PathKind | undefined;
}

/** What a path named to scan is: a folder is walked, a file read, anything else (a pipe, a device) read here, bounded. */
export type PathKind = 'folder' | 'file' | 'other';

export function pathKind(info: Stats): PathKind {
  return info.isDirectory() ? 'folder' : info.isFile() ? 'file' : 'other';
}

/**
 * Files named one after another go on as one run of at most this many, as a walk's files do: a
 * run a file cost a step of the generator and a message to each worker for every file.
 */
const NAMED_RUN = 256;

/** Default size limit: larger files are almost always generated or data. */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

/**
 * Scans files and folders. Folders are walked with their `.gitignore` files honoured; a file
 * named explicitly is scanned even if ignored, since the user asked for it. Paths the config
 * allowlists are never read. Throws for a path that does not exist. Results come in walk order,
 * several at a time (a batch from the workers, one file without them). A relative path is
 * resolved against the process's working folder; an absolute one is taken as it is (normalised:
 * the CLI's come from `resolve`).
 */
export async function* scanPaths(paths: readonly string[], options: ScanFilesOptions): AsyncGenerator<FileResult[]> {
  const { project } = options;
  // Pipes and devices named on the command line: read here, bounded, never by a worker.
  const special: string[] = [];
  async function* files(): AsyncGenerator<string[]> {
    let run: string[] = [];
    for (const named of paths) {
      // The CLI's are resolved already: a second copy of 15,000 paths, alive to the end of the scan,
      // made each young-generation collection copy it (pauses of 30 to 50 ms).
      const path = isAbsolute(named) ? named : resolve(named);
      let kind: PathKind;
      try {
        // Blocking: a hook names thousands of files, and a round trip each to the thread pool cost more than the scan.
        kind = options.pathKind?.(path) ?? pathKind(statSync(path));
      } catch (error) {
        // On one thread the files named before it are scanned and reported first, as when each went alone.
        if (run.length > 0) yield run;
        throw error;
      }
      if (kind === 'folder') {
        if (run.length > 0) yield run;
        run = [];
        // Folders listed with blocking calls: this process (the CLI's) has nothing else to serve.
        yield* walkFiles(path, project.allowlistedBelow(path), {
          blocking: true,
          onUnreadable: (folder, error) => unreadableFolders.push({ file: folder, ...unreadable(error) }),
          observer: options.observe?.(path),
        });
      } else if (project.isAllowlisted(path)) {
        // never read
      } else if (kind === 'file' || !options.workers) {
        run.push(path);
        if (run.length >= NAMED_RUN) {
          yield run;
          run = [];
        }
      } else {
        special.push(path);
      }
    }
    if (run.length > 0) yield run;
  }
  // Folders the walk could not list: reported as skipped, and the walk goes on.
  const unreadableFolders: FileResult[] = [];
  // This thread scans a batch of files as the workers do: read whole into one buffer, synchronously.
  // Its results cross no thread, so they are copied as a worker's are: a finding's strings are views
  // of its file's whole text, which they would keep alive until the report is written.
  const here = (batch: string[]): BatchResults =>
    JSON.parse(JSON.stringify(scanBatch(project.scanner, batch, options.maxFileBytes, options.hashes !== false, options.keyFiles)));
  if (options.workers && options.workers.threads > 1) {
    const batches = scanTogether(files(), {
      cwd: options.workers.cwd,
      maxFileBytes: options.maxFileBytes,
      workerScript: options.workers.script,
      threads: options.workers.threads - 1,
      hashes: options.hashes,
      keyFiles: options.keyFiles !== undefined,
      here,
    });
    for await (const batch of batches) yield unreadableFolders.length > 0 ? [...unreadableFolders.splice(0), ...batch] : batch;
  } else if (options.workers) {
    // One thread for a walk of folders: each run of the walk read and scanned here, with blocking
    // calls (a callback read per file cost a thread-pool round trip each: six times the system
    // time on 100,000 small files).
    for await (const run of files()) {
      const results = everyFile(run, here([...run]));
      if (unreadableFolders.length > 0) yield unreadableFolders.splice(0);
      yield results;
    }
  } else {
    for await (const result of inOrder(oneByOne(files()), READS_IN_FLIGHT, file => scanFile(file, options))) {
      if (unreadableFolders.length > 0) yield unreadableFolders.splice(0);
      yield [result];
    }
  }
  if (unreadableFolders.length > 0) yield unreadableFolders.splice(0);
  for (const path of special) yield [await scanFile(path, options)];
}

/** The items of each run in turn: for a consumer that takes one item at a time. */
async function* oneByOne<T>(runs: AsyncIterable<readonly T[]>): AsyncGenerator<T> {
  for await (const run of runs) yield* run;
}

/** Files read at once: a read waits on the disk far longer than the scan of its text takes. */
const READS_IN_FLIGHT = 16;

/**
 * `fn` over the items, up to `limit` at once, results yielded in the items' order. A failure is
 * thrown when its turn comes, not earlier, so no rejection is left unhandled.
 */
export async function* inOrder<T, R>(items: AsyncIterable<T>, limit: number, fn: (item: T) => Promise<R>): AsyncGenerator<R> {
  type Settled = { ok: true; value: R } | { ok: false; error: unknown };
  const pending: Array<Promise<Settled>> = [];
  const settle = (item: T): Promise<Settled> =>
    fn(item).then(
      value => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
  const next = async (): Promise<R> => {
    const settled = await pending.shift()!;
    if (!settled.ok) throw settled.error;
    return settled.value;
  };
  for await (const item of items) {
    pending.push(settle(item));
    if (pending.length >= limit) yield await next();
  }
  while (pending.length > 0) yield await next();
}

async function scanFile(file: string, { project, maxFileBytes, hashes }: ScanFilesOptions): Promise<FileResult> {
  const text = await readTextFile(file, maxFileBytes);
  if (typeof text !== 'string') return { file, ...text };
  const stopped: string[] = [];
  const findings = scanText(project.scanner, text, true, stopped, hashes !== false, file);
  return stopped.length > 0 ? { file, findings, stopped } : { file, findings };
}
