import { type Dirent, readdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { fitsNameAndPath, MAX_KEY_FILE_BYTES, mayBeSecretFile, secretFileKind, type SecretFileKind } from '../../core/hygiene';
import { relativePosix } from '../paths';
import { readBoundedText, readBoundedTextSync } from '../read-bounded';

/** What the exits' checks share: the secret files under a folder, git-ignored ones too (an image or a package takes those). */

/** Folders never looked into for secret files: git's own, and packages (theirs, not the project's). */
const SKIPPED = new Set(['.git', 'node_modules']);
/** Most entries a walk reads: past it the walk stops. */
const MAX_ENTRIES = 200_000;
const MAX_CONFIG_BYTES = 1 << 20;

/** A configuration file's text (a Dockerfile, an ignore file, package.json), or undefined when it cannot be read. */
export function readConfig(path: string, max = MAX_CONFIG_BYTES): Promise<string | undefined> {
  return readBoundedText(path, max, { regularOnly: true }).catch(() => undefined);
}

/** readConfig, synchronously: for a CLI run, which has nothing else to serve (a read took a quarter of the time). */
function readConfigSync(path: string, max = MAX_CONFIG_BYTES): Promise<string | undefined> {
  try {
    return Promise.resolve(readBoundedTextSync(path, max, { regularOnly: true }));
  } catch {
    return Promise.resolve(undefined);
  }
}

/**
 * Files under `root` whose names may be secret files, sorted. Folders are read side by side (the
 * thread pool overlaps them: one at a time, 670 folders took 95 ms of waiting).
 */
export async function candidates(
  root: string,
  kinds: readonly SecretFileKind[],
  { blocking = false, relativeTo = root }: { blocking?: boolean; relativeTo?: string } = {},
): Promise<string[]> {
  const found: string[] = [];
  let entries = 0;
  const list = async (dir: string): Promise<Dirent[]> => {
    try {
      return blocking ? readdirSync(dir, { withFileTypes: true }) : await readdir(dir, { withFileTypes: true });
    } catch {
      return [];
    }
  };
  const walk = async (dir: string): Promise<void> => {
    if (entries >= MAX_ENTRIES) return;
    const below: Promise<void>[] = [];
    for (const entry of await list(dir)) {
      entries++;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) below.push(walk(path));
      } else if (entry.isFile() && mayBeSecretFile(relativePosix(relativeTo, path), kinds)) {
        found.push(path);
      }
    }
    await Promise.all(below);
  };
  await walk(root);
  return found.sort();
}

/**
 * The file's kind: by name first; a kind known by its content (a key file) is read, unless
 * `contains` knows already whether the text matches it (see judgeByContent).
 */
export async function kindOf(
  file: string,
  relativePath: string,
  kinds: readonly SecretFileKind[],
  read: (path: string) => Promise<string | undefined> = path => readConfig(path, MAX_KEY_FILE_BYTES),
  contains?: (kind: SecretFileKind) => boolean | undefined,
): Promise<SecretFileKind | undefined> {
  const byName = secretFileKind(relativePath, () => undefined, kinds);
  if (byName) return byName;
  // Only a name and path some kind known by content has, not judged already: most candidates' settle it without a read.
  const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  if (!kinds.some(k => k.contains && fitsNameAndPath(k, name, relativePath) && contains?.(k) === undefined)) {
    return contains ? secretFileKind(relativePath, () => undefined, kinds, contains) : undefined;
  }
  const text = await read(file);
  return text === undefined ? undefined : secretFileKind(relativePath, () => text, kinds, contains);
}

/** The secret files under `root`: the walk's candidates, each judged by name, then by content where its kind needs it. */
export async function secretFilesIn(
  root: string,
  kinds: readonly SecretFileKind[],
  walk: Walk,
  judge: typeof kindOf,
): Promise<Array<{ file: string; relativePath: string; kind: SecretFileKind }>> {
  const judged = await Promise.all(
    (await walk(root, kinds)).map(async file => {
      const relativePath = relativePosix(root, file);
      const kind = await judge(file, relativePath, kinds);
      return kind ? [{ file, relativePath, kind }] : [];
    }),
  );
  return judged.flat();
}

/** What every exit's check takes: the secret-file kinds, and how files are found, read and judged. */
export interface ExitCheckOptions {
  kinds?: readonly SecretFileKind[];
  /** How configuration and ignore files are read: the editor passes one that sees unsaved changes, a CLI run a memo. */
  read?: (path: string) => Promise<string | undefined>;
  /** How secret-file candidates are found (a run's shared walk); a fresh walk by default. */
  walk?: Walk;
  /** How a file's kind is judged (a run's shared memo); read afresh by default. */
  kindOf?: typeof kindOf;
}

/** How the checks find the secret-file candidates under a folder: a fresh walk, or a shared one. */
export type Walk = (root: string, kinds: readonly SecretFileKind[]) => Promise<string[]>;

/** What the exits' checks of one run share: one walk, and each file read and judged once. */
export interface RunCache {
  walk: Walk;
  read: (path: string) => Promise<string | undefined>;
  kindOf: typeof kindOf;
  /**
   * What the run's scan worked out of a file's text while it had it (judgeByContent, against
   * `kinds`): its kinds are then judged without reading it again (a scan of 128 MB of npm
   * packages read 608 JSON files a second time, 35 ms of a 1.2 s run).
   */
  judged(file: string, kinds: readonly SecretFileKind[], judgments: ReadonlyArray<readonly [index: number, matches: boolean]>): void;
  /**
   * An observer for a scan's walk of `root` (see WalkOptions.observer): once that walk is done,
   * the run's walk of `root` for secret files takes what it saw instead of listing the tree again.
   */
  observe(root: string, kinds: readonly SecretFileKind[]): ReturnType<typeof observedCandidates>['observer'];
}

/**
 * For one CLI run: files do not change under it. Not for the editor, where they do. Its walk and
 * reads block: the run has nothing else to serve meanwhile, and a blocking call costs a fraction
 * of a thread-pool round trip (a scan of 414 packages spent 390 ms judging 623 candidates).
 */
export function runCache(): RunCache {
  const texts = new Map<string, Promise<string | undefined>>();
  const kinds = new Map<string, Promise<SecretFileKind | undefined>>();
  const read = (path: string): Promise<string | undefined> => {
    const known = texts.get(path);
    if (known) return known;
    const text = readConfigSync(path);
    texts.set(path, text);
    return text;
  };
  const walk = sharedWalk({ blocking: true });
  const judgedBy = new Map<string, { kinds: readonly SecretFileKind[]; matches: Map<SecretFileKind, boolean> }>();
  return {
    walk,
    judged: (file, list, judgments) => judgedBy.set(file, { kinds: list, matches: new Map(judgments.map(([index, matches]) => [list[index], matches])) }),
    observe: (root, list) => {
      const seen = observedCandidates(root, list, { blocking: true });
      walk.seed(root, list, () => seen.candidates());
      return seen.observer;
    },
    read,
    kindOf: (file, relativePath, list) => {
      const key = `${file}\0${list.length}`;
      const known = kinds.get(key);
      if (known) return known;
      const judged = judgedBy.get(file);
      const contains = judged?.kinds === list ? (k: SecretFileKind) => judged.matches.get(k) : undefined;
      const kind = kindOf(file, relativePath, list, path => readConfigSync(path, MAX_KEY_FILE_BYTES), contains);
      kinds.set(key, kind);
      return kind;
    },
  };
}

/**
 * Walks shared by the checks of one run: a folder inside one walked already takes its part of that
 * list (a CLI run checks every package.json of a tree: 88 in the bench's, each walking its subtree,
 * made the whole scan a third slower). Walk the outermost folder first.
 */
export function sharedWalk(options: { blocking?: boolean } = {}): SharedWalk {
  const walked = new Map<string, { kinds: readonly SecretFileKind[]; files: () => Promise<string[]> }>();
  const once = (make: () => Promise<string[]>): (() => Promise<string[]>) => {
    let made: Promise<string[]> | undefined;
    return () => (made ??= make());
  };
  const walk = (async (root, kinds) => {
    for (const [folder, done] of walked) {
      if (done.kinds !== kinds) continue;
      if (root === folder) return done.files();
      if (root.startsWith(folder.endsWith(sep) ? folder : folder + sep)) return below(await done.files(), root + sep);
    }
    const files = once(() => candidates(root, kinds, options));
    walked.set(root, { kinds, files });
    return files();
  }) as SharedWalk;
  walk.seed = (root, kinds, files) => walked.set(root, { kinds, files: once(files) });
  return walk;
}

/** A shared walk that can take a folder's candidates from elsewhere (a scan's walk of it). */
export type SharedWalk = Walk & { seed(root: string, kinds: readonly SecretFileKind[], files: () => Promise<string[]>): void };

/**
 * The secret-file candidates under `root` as a scan's walk of it sees them (WalkOptions.observer):
 * the files of each folder it lists, ignored ones too, and a walk of each folder it does not enter
 * (git-ignored or allowlisted). The same list as `candidates(root)`, without listing the tree twice
 * (a readdir pass of its own was 0.1 s of a scan of 128 MB of npm packages).
 */
export function observedCandidates(root: string, kinds: readonly SecretFileKind[], options: { blocking?: boolean } = {}) {
  const found: string[] = [];
  const notEntered: string[] = [];
  return {
    observer: {
      listed(files: readonly string[]): void {
        for (const file of files) if (mayBeSecretFile(relativePosix(root, file), kinds)) found.push(file);
      },
      notEntered(folder: string): void {
        notEntered.push(folder);
      },
    },
    async candidates(): Promise<string[]> {
      const inside = await Promise.all(notEntered.map(folder => candidates(folder, kinds, { ...options, relativeTo: root })));
      return [...found, ...inside.flat()].sort();
    },
  };
}

/**
 * The paths of a sorted list that start with `prefix`: a contiguous run, found by binary search (a
 * filter of the whole list for each of 2,000 packages took 600 ms on a large tree).
 */
function below(sorted: readonly string[], prefix: string): string[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < prefix) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < sorted.length && sorted[end].startsWith(prefix)) end++;
  return sorted.slice(lo, end);
}
