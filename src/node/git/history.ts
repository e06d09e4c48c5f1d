import { nodeChildProcess } from '../lazy-builtins';
import type { Scanner } from '../../core';
import type { FingerprintedFinding } from '../scan/scan-batch';
import { type BlobBatch, type BlobResult, EMPTY_BLOB, scanBlob } from './blob-scan';
import { GitError, gitOutput } from './git-content';
import { GIT_ENV, safeGitOptions } from './safe-git';

/**
 * The history scan (`secret-safe scan --history`): every blob reachable from every ref and the
 * reflogs (or added since a revision) read once, through one `git cat-file --batch`, however many
 * commits hold it; then each secret attributed to the commit that first brought it, and marked
 * as still in HEAD or not. Git runs none of the repository's programs: blobs are read raw (no
 * filters), the log shows names and object ids only (no textconv, no diff), hooks are off.
 */

/** A secret found in history: where it first came in, and whether HEAD still holds it. */
export interface HistoryFinding {
  /** The path where it first came in, relative to the repository root. */
  path: string;
  /** The finding in that blob (its line and column there). */
  finding: FingerprintedFinding;
  /** The commit that first brought it (empty when no commit's change lists its blob: a stash, say). */
  commit: string;
  /** The commit's author's name, and its date (ISO 8601). */
  author: string;
  date: string;
  inHead: boolean;
}

/** An env file some commit held with values: the keys it named, never their values. */
export interface CommittedEnvFile {
  path: string;
  commit: string;
  author: string;
  date: string;
  /** The variables whose values a rule found to be secrets. */
  names: string[];
}

export interface HistoryScan {
  findings: HistoryFinding[];
  /** Env files (not templates) committed with secrets in them, each at the commit that first brought one. */
  envFiles: CommittedEnvFile[];
  /** Unique blobs read and scanned, and their size. */
  blobs: number;
  bytes: number;
  /** Blobs too large to scan, by path. */
  tooLarge: string[];
}

export interface HistoryOptions {
  /** Only what was added since this revision (`REV..HEAD`); otherwise every ref and reflog. */
  since?: string;
  /** Paths (relative to the root) never scanned: the config's allowlist. */
  allowlisted?: (path: string) => boolean;
  maxBlobBytes: number;
  /**
   * What earlier scans found per blob (a blob never changes): blobs in it are not read again, and
   * each blob read now is added. For a scan run again as commits come (the editor's).
   */
  known?: Map<string, BlobResult>;
  /**
   * Worker threads to scan on: the main thread reads the one git stream, the workers decode and
   * scan. Without it, the blobs are scanned here. A function is asked once the number of blobs to
   * read is known (a few are not worth a worker's start).
   */
  pool?: BlobScanner | ((unreadBlobs: number) => BlobScanner | undefined);
}

/** What scans blobs off the main thread (scan-pool's WorkerPool). */
export interface BlobScanner {
  readonly size: number;
  scanBlobs(batch: BlobBatch): Promise<BlobResult[]>;
}

/** Blobs sent to a worker at once, and the most bytes a batch holds: enough to cover a message's cost. */
const BATCH_BLOBS = 64;
const BATCH_BYTES = 512 << 10;

export type { BlobResult } from './blob-scan';

export async function scanHistory(root: string, scanner: Scanner, options: HistoryOptions): Promise<HistoryScan> {
  const git = await safeGitOptions(root);
  const range = options.since !== undefined ? [`${options.since}..HEAD`] : ['--all', '--reflog'];
  // Blobs with the path they were first met at (commits come without one).
  const listing = await gitOutput(root, [...git, 'rev-list', '--objects', '--filter=object:type=blob', ...range, '--']);
  const paths = new Map<string, string>();
  for (const line of listing.toString('utf8').split('\n')) {
    const space = line.indexOf(' ');
    if (space === 40 || space === 64) {
      const path = line.slice(space + 1);
      if (!options.allowlisted?.(path)) paths.set(line.slice(0, space), path);
    }
  }
  const found = new Map<string, FingerprintedFinding[]>();
  const result: HistoryScan = { findings: [], envFiles: [], blobs: 0, bytes: 0, tooLarge: [] };
  // An env file's blob: the names of the variables whose values hold a finding.
  const envNames = new Map<string, string[]>();
  const known = options.known;
  const take = (oid: string, blob: BlobResult): void => {
    if (blob.findings.length === 0) return;
    found.set(oid, blob.findings);
    if (blob.envNames) envNames.set(oid, blob.envNames);
  };
  const unread: string[] = [];
  for (const oid of paths.keys()) {
    const before = known?.get(oid);
    if (before) take(oid, before);
    else unread.push(oid);
  }
  const nameOf = (oid: string): string => {
    const path = paths.get(oid)!;
    return path.slice(path.lastIndexOf('/') + 1);
  };
  const settle = (oid: string, blob: BlobResult): void => {
    known?.set(oid, blob.findings.length > 0 ? blob : EMPTY_BLOB);
    take(oid, blob);
  };
  const pool = typeof options.pool === 'function' ? options.pool(unread.length) : options.pool;
  const batches = pool ? new Batches(pool, settle) : undefined;
  await readBlobs(root, git, unread, options.maxBlobBytes, (oid, bytes) => {
    if (bytes === 'too-large') {
      result.tooLarge.push(paths.get(oid)!);
      return;
    }
    result.blobs++;
    result.bytes += bytes.length;
    if (batches) return batches.add(oid, bytes, nameOf(oid));
    settle(oid, scanBlob(scanner, bytes, nameOf(oid)));
  });
  await batches?.finish();
  if (found.size === 0) return result;
  const introduced = await introductions(root, git, range, new Set(found.keys()));
  const head = await headBlobs(root, git);
  // One finding per secret: the blob that brought it first, in the log's order (oldest first).
  const bySecret = new Map<string, { oid: string; finding: FingerprintedFinding; order: number; inHead: boolean }>();
  for (const [oid, findings] of found) {
    const order = introduced.get(oid)?.order ?? Number.MAX_SAFE_INTEGER;
    for (const finding of findings) {
      const key = `${finding.ruleId}\0${finding.secretHash}`;
      const seen = bySecret.get(key);
      const inHead = (seen?.inHead ?? false) || head.has(oid);
      if (!seen || order < seen.order) bySecret.set(key, { oid, finding, order, inHead });
      else seen.inHead = inHead;
    }
  }
  const byPath = new Map<string, CommittedEnvFile & { order: number }>();
  for (const [oid, names] of envNames) {
    const at = introduced.get(oid);
    const path = at?.path ?? paths.get(oid)!;
    const order = at?.order ?? Number.MAX_SAFE_INTEGER;
    const seen = byPath.get(path);
    if (seen && seen.order <= order) {
      seen.names = [...new Set([...seen.names, ...names])];
      continue;
    }
    byPath.set(path, {
      path,
      commit: at?.commit ?? '',
      author: at?.author ?? '',
      date: at?.date ?? '',
      names: [...new Set([...(seen?.names ?? []), ...names])],
      order,
    });
  }
  result.envFiles = [...byPath.values()].map(({ order: _, ...file }) => file);
  const pathOf = (oid: string): string => introduced.get(oid)?.path ?? paths.get(oid)!;
  const sorted = [...bySecret.values()].sort(
    (a, b) => a.order - b.order || (pathOf(a.oid) < pathOf(b.oid) ? -1 : pathOf(a.oid) > pathOf(b.oid) ? 1 : a.finding.start - b.finding.start),
  );
  for (const { oid, finding, inHead } of sorted) {
    const at = introduced.get(oid);
    result.findings.push({ path: at?.path ?? paths.get(oid)!, finding, commit: at?.commit ?? '', author: at?.author ?? '', date: at?.date ?? '', inHead });
  }
  return result;
}

/**
 * Blobs on their way to the workers: gathered into batches, their bytes copied end to end into one
 * buffer that moves to the worker without a copy; the worker decodes and scans. A few batches per
 * worker are in flight: `add` answers a promise when the workers are full, for the reader to pause
 * the git stream until one is free, so memory holds a bounded number of blobs however large the
 * history.
 */
class Batches {
  private oids: string[] = [];
  private blobs: Buffer[] = [];
  private names: string[] = [];
  private bytes = 0;
  private inFlight = 0;
  private failed: Error | undefined;
  private readonly limit: number;
  private freed: (() => void) | undefined;
  private readonly all: Promise<void>[] = [];

  constructor(
    private readonly pool: BlobScanner,
    private readonly settle: (oid: string, blob: BlobResult) => void,
  ) {
    this.limit = pool.size * 4;
  }

  add(oid: string, bytes: Buffer, name: string): Promise<void> | undefined {
    this.oids.push(oid);
    this.blobs.push(bytes);
    this.names.push(name);
    this.bytes += bytes.length;
    if (this.oids.length < BATCH_BLOBS && this.bytes < BATCH_BYTES) return undefined;
    this.send();
    return this.inFlight >= this.limit ? new Promise<void>(resolve => (this.freed = resolve)) : undefined;
  }

  async finish(): Promise<void> {
    if (this.oids.length > 0) this.send();
    await Promise.all(this.all);
    if (this.failed) throw this.failed;
  }

  private send(): void {
    const { oids, blobs, names } = this;
    const bytes = new ArrayBuffer(this.bytes);
    const view = new Uint8Array(bytes);
    const ends: number[] = [];
    let at = 0;
    for (const blob of blobs) {
      view.set(blob, at);
      at += blob.length;
      ends.push(at);
    }
    this.oids = [];
    this.blobs = [];
    this.names = [];
    this.bytes = 0;
    this.inFlight++;
    this.all.push(
      this.pool.scanBlobs({ bytes, ends, names }).then(
        results => {
          results.forEach((blob, i) => this.settle(oids[i], blob));
          this.done();
        },
        (error: Error) => {
          this.failed ??= error;
          this.done();
        },
      ),
    );
  }

  private done(): void {
    this.inFlight--;
    const freed = this.freed;
    this.freed = undefined;
    freed?.();
  }
}

/**
 * Reads the blobs through one `git cat-file --batch`, handing each to `each` as it arrives (a
 * blob over `max` bytes is skipped unread, as `too-large`): memory holds one blob at a time, not
 * the history, or what `each` holds until the promise it answers settles.
 */
function readBlobs(
  root: string,
  git: string[],
  oids: string[],
  max: number,
  each: (oid: string, bytes: Buffer | 'too-large') => Promise<void> | undefined | void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = nodeChildProcess().spawn('git', [...git, 'cat-file', '--batch=%(objectname) %(objectsize)'], { cwd: root, env: GIT_ENV });
    let pending: Buffer = Buffer.alloc(0);
    // The blob being read: its id, size, and how much of it is still to come (skipped when too large).
    let current: { oid: string; size: number; parts: Buffer[]; got: number; skip: boolean } | undefined;
    let stderr = '';
    const take = (chunk: Buffer): void => {
      let data = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
      pending = Buffer.alloc(0);
      for (;;) {
        if (!current) {
          const eol = data.indexOf(10);
          if (eol < 0) {
            pending = data;
            return;
          }
          const [oid, size] = data.toString('latin1', 0, eol).split(' ');
          data = data.subarray(eol + 1);
          current = { oid, size: Number(size), parts: [], got: 0, skip: Number(size) > max };
          continue;
        }
        // The blob's bytes and the newline after them.
        const want = current.size + 1 - current.got;
        const part = data.subarray(0, Math.min(want, data.length));
        if (!current.skip) current.parts.push(part);
        current.got += part.length;
        data = data.subarray(part.length);
        if (current.got < current.size + 1) return;
        const done = current;
        current = undefined;
        // A promise: the consumer is full; no more is read from git until it has room.
        const wait = each(done.oid, done.skip ? 'too-large' : Buffer.concat(done.parts).subarray(0, done.size));
        if (wait) {
          child.stdout.pause();
          void wait.then(() => child.stdout.resume());
        }
      }
    };
    child.stdout.on('data', (c: Buffer) => {
      try {
        take(c);
      } catch (error) {
        child.kill();
        reject(error);
      }
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.on('error', e => reject(new GitError(e.message)));
    child.on('close', code => (code === 0 ? resolve() : reject(new GitError(stderr.trim().split('\n')[0] || `git cat-file exited with code ${code}`))));
    child.stdin.end(oids.map(o => `${o}\n`).join(''));
  });
}

/**
 * The commit that first brought each blob, from one `git log --raw` read oldest first (merges
 * against each parent, root commits against nothing, no rename detection): its id, author, date,
 * the path it came in at, and its place in that order.
 */
async function introductions(
  root: string,
  git: string[],
  range: string[],
  wanted: Set<string>,
): Promise<Map<string, { commit: string; author: string; date: string; path: string; order: number }>> {
  const log = await gitOutput(root, [
    ...git,
    'log',
    ...range,
    '--reverse',
    '--raw',
    '-m',
    '--root',
    '--no-renames',
    '--no-abbrev',
    '--no-textconv',
    '--no-ext-diff',
    '-z',
    '--format=%x01%H%x02%an%x02%aI',
  ]);
  const found = new Map<string, { commit: string; author: string; date: string; path: string; order: number }>();
  let commit = { id: '', author: '', date: '' };
  let order = 0;
  // With -z: each raw entry is ":<modes> <old> <new> <status>\0<path>\0"; a commit header starts with \x01.
  const fields = log.toString('utf8').split('\0');
  for (let i = 0; i < fields.length; i++) {
    let field = fields[i];
    const header = field.indexOf('\x01');
    if (header >= 0) {
      const [id, author, date] = field.slice(header + 1).split('\x02');
      commit = { id, author, date: date.trim() };
      order++;
      field = field.slice(0, header);
      if (field === '') continue;
    }
    const entry = /^\n?:\d+ \d+ [0-9a-f]+ ([0-9a-f]+) [A-Z]\d*$/.exec(field);
    if (!entry) continue;
    const path = fields[++i] ?? '';
    const oid = entry[1];
    if (wanted.has(oid) && !found.has(oid)) found.set(oid, { commit: commit.id, author: commit.author, date: commit.date, path, order });
  }
  return found;
}

/** The blobs HEAD's tree holds (none when HEAD has no commit yet). */
async function headBlobs(root: string, git: string[]): Promise<Set<string>> {
  try {
    const tree = await gitOutput(root, [...git, 'ls-tree', '-r', '-z', '--full-tree', 'HEAD']);
    return new Set(
      tree
        .toString('utf8')
        .split('\0')
        .map(e => /^\d+ blob ([0-9a-f]+)\t/.exec(e)?.[1])
        .filter((oid): oid is string => oid !== undefined),
    );
  } catch {
    return new Set();
  }
}
