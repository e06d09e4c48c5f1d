// How many scan workers the CLI starts as it loads (see early-start.ts).
import { type Dirent, readdirSync, type Stats, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { foldersUp } from '../node/paths';
import { parseCommandLine } from './options';

/**
 * A git index under this size (about a thousand files) marks a repository whose scan does without
 * workers (see workersPay in scan-together.ts): none is started ahead for it.
 */
const SMALL_INDEX_BYTES = 100_000;

/**
 * Outside git, a look at the tree instead: it is large once it holds as many files as the walk has
 * found when the workers start (LOOKAHEAD in scan-together.ts), or more folders than this look
 * reads (a few milliseconds at most, each folder then in the cache for the walk).
 */
const LARGE_TREE_FILES = 1024;
const FOLDERS_LOOKED_AT = 64;

/**
 * Paths named beyond this many are a list of files, not folders to walk: none is started ahead for
 * it (looking each up here, and again in the scan, cost a scan of 15,000 files named 1.09 of its time).
 */
const PATHS_LOOKED_AT = 16;

/**
 * How many workers to start ahead for the command line `argv` run in `cwd`: those a scan of folders
 * on several threads would start (one per thread but this one), and none for any other command, a
 * scan of named files or a long list of paths, standard input, staged files, a revision range or the history, or a scan
 * of a small tree (a git repository whose index is small, a folder outside git holding few files). A worker started and not taken costs CPU time on
 * another core, not the scan's time; it is stopped as the scan ends, and does not hold the exit.
 */
export function workersAhead(argv: readonly string[], cwd: string): number {
  const parsed = parsedOrNot(argv);
  if (!parsed) return 0; // the command says what is wrong
  const { values, positionals } = parsed;
  const [command, ...paths] = positionals;
  if (command !== 'scan' || values.staged || values.since !== undefined || values.stdin || values.history || values.help || values.version) return 0;
  const threads = values.threads === undefined ? availableParallelism() : Number(values.threads);
  if (!Number.isInteger(threads) || threads < 2 || threads > 64) return 0;
  // A list of files (a hook's) is not looked up here: its scan does that, once, for each path.
  if (paths.length > PATHS_LOOKED_AT) return 0;
  const folder = (paths.length > 0 ? paths : ['.']).map(p => resolve(cwd, p)).find(isFolder);
  if (folder === undefined || (smallRepository(folder) ?? smallTree(folder))) return 0;
  return threads - 1;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function parsedOrNot(argv: readonly string[]) {
  try {
    return parseCommandLine(argv);
  } catch {
    return undefined;
  }
}

/**
 * Whether `folder` is in a git repository whose index is small; undefined outside git, and in a
 * worktree (whose .git is a file naming its git folder, not followed here).
 */
function smallRepository(folder: string): boolean | undefined {
  for (const dir of foldersUp(folder)) {
    let git: Stats | undefined;
    try {
      git = statSync(join(dir, '.git'));
    } catch {
      continue; // no .git here
    }
    return git.isDirectory() ? indexSize(join(dir, '.git', 'index')) < SMALL_INDEX_BYTES : undefined;
  }
  return undefined;
}

/** Whether the tree under `folder` holds fewer than LARGE_TREE_FILES files, in at most FOLDERS_LOOKED_AT folders. */
function smallTree(folder: string): boolean {
  const pending = [folder];
  let files = 0;
  for (let read = 0; pending.length > 0; read++) {
    if (read === FOLDERS_LOOKED_AT) return false;
    const dir = pending.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // the walk says so
    }
    for (const entry of entries) {
      if (entry.isDirectory()) pending.push(join(dir, entry.name));
      else if (++files >= LARGE_TREE_FILES) return false;
    }
  }
  return true;
}

/** The index's size; 0 where there is none (a repository with nothing added). */
function indexSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
