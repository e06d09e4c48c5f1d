import { readdirSync, type Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { readBoundedText, readBoundedTextSync } from '../read-bounded';
import { ignoreLevel, isIgnored, MAX_GITIGNORE_BYTES, type IgnoreLevel } from '../git/gitignore-rules';

/**
 * Folders never entered below a walk's root: git's own data, and installed dependencies, which are
 * large, rarely the user's code, and often not git-ignored in a project without a `.gitignore`.
 * Naming such a folder as the root scans it.
 */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['.git', 'node_modules']);

/** Decides whether a path is excluded, given as `/`-separated and relative to the walk's root. */
export type ExcludeTest = (relativePath: string, isDirectory: boolean) => boolean;

export interface WalkOptions {
  /**
   * List folders with synchronous calls, for a process that has nothing else to do meanwhile
   * (the CLI: a listing handed to the thread pool and back costs more than the listing).
   * Otherwise (the language server) folders are listed in the background, several ahead.
   */
  blocking?: boolean;
  /**
   * A folder that cannot be listed, or a `.gitignore` that cannot be read (or is too large), with
   * the error: the walk goes on without it, and the caller says so. Without this, such an error
   * ends the walk.
   */
  onUnreadable?: (path: string, error: unknown) => void;
  /**
   * Told of every folder the walk lists (each file in it, kept or ignored, by path) and of every
   * folder it does not enter because it is ignored or excluded (not `.git` or `node_modules`): so
   * a second look at the same tree (the exits' secret files, git-ignored ones too) need not list
   * again what this walk listed.
   */
  observer?: { listed(files: readonly string[]): void; notEntered(folder: string): void };
}

/**
 * Yields every file below `root` that git would not ignore, honouring nested `.gitignore` files
 * and their negations. `.git` and `node_modules` are not entered, nor is an ignored folder (git
 * cannot re-include a file inside an ignored folder). `exclude` prunes further.
 *
 * The files come in runs, in walk order: the files of one folder that lie between two of its
 * subfolders. A step of an async generator costs more than the rest of a file's handling on the
 * thread that walks, so a scan takes a run at a step, not a file.
 */
export async function* walkFiles(root: string, exclude: ExcludeTest = () => false, options: WalkOptions = {}): AsyncGenerator<string[]> {
  const { blocking = false, onUnreadable } = options;
  const report = (listing: Listing): Listing => {
    if (listing.error) {
      if (!onUnreadable) throw listing.error.error;
      onUnreadable(listing.error.path, listing.error.error);
    }
    return listing;
  };
  const keptIn = async (dir: { path: string; rel: string }, listing: Listing | Promise<Listing>, levels: IgnoreLevel[]) =>
    keptEntries(dir, report(await listing), levels, exclude, !blocking, options.observer);
  // One generator and a stack of folders, not a generator per folder: each run would otherwise
  // climb through one delegating generator per level, and node_modules trees are deep.
  const stack = [{ next: 0, kept: await keptIn({ path: normalize(root), rel: '' }, blocking ? listNow(root) : list(root), []) }];
  let run: string[] = [];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const done = top.next === top.kept.entries.length;
    const entry = done ? undefined : top.kept.entries[top.next++];
    if ((done || entry!.folder) && run.length > 0) {
      yield run;
      run = [];
    }
    if (!entry) {
      stack.pop();
      continue;
    }
    const { path, rel, folder, listing } = entry;
    if (folder) {
      stack.push({ next: 0, kept: await keptIn({ path, rel }, listing ?? listNow(path), top.kept.levels) });
    } else {
      run.push(path);
    }
  }
}

/** A path the walk keeps, relative to its root too (`/`-separated); a folder's listing if it was started ahead. */
interface Kept {
  path: string;
  rel: string;
  folder?: true;
  listing?: Promise<Listing>;
}

/**
 * A folder's entries, sorted by name, with its `.gitignore` text when it has one; what could not
 * be read (the folder: no entries; its `.gitignore`: no rules from it).
 */
interface Listing {
  entries: Dirent[];
  gitignore?: string;
  error?: { path: string; error: unknown };
}

async function list(dir: string): Promise<Listing> {
  let entries: Dirent[];
  try {
    entries = sortByName(await readdir(dir, { withFileTypes: true }));
  } catch (error) {
    return { entries: [], error: { path: dir, error } };
  }
  if (!hasIgnoreFile(entries)) return { entries };
  const file = join(dir, '.gitignore');
  try {
    return { entries, gitignore: await readBoundedText(file, MAX_GITIGNORE_BYTES) };
  } catch (error) {
    return { entries, error: { path: file, error } };
  }
}

function listNow(dir: string): Listing {
  let entries: Dirent[];
  try {
    entries = sortByName(readdirSync(dir, { withFileTypes: true }));
  } catch (error) {
    return { entries: [], error: { path: dir, error } };
  }
  if (!hasIgnoreFile(entries)) return { entries };
  const file = join(dir, '.gitignore');
  try {
    return { entries, gitignore: readBoundedTextSync(file, MAX_GITIGNORE_BYTES) };
  } catch (error) {
    return { entries, error: { path: file, error } };
  }
}

function sortByName(entries: Dirent[]): Dirent[] {
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function hasIgnoreFile(entries: readonly Dirent[]): boolean {
  return entries.some(e => e.name === '.gitignore' && e.isFile());
}

/**
 * What a folder holds that the walk keeps, in order, and the ignore rules in force inside it. With
 * `ahead`, every subfolder kept starts being listed at once, while the files before it are handed
 * on: listing one folder at a time in the background left the scan's workers idle in trees of many
 * small folders.
 */
function keptEntries(
  dir: { path: string; rel: string },
  listing: Listing,
  levels: IgnoreLevel[],
  exclude: ExcludeTest,
  ahead: boolean,
  observer?: WalkOptions['observer'],
): { entries: Kept[]; levels: IgnoreLevel[] } {
  const { entries, gitignore } = listing;
  const here = gitignore === undefined ? levels : [...levels, ignoreLevel(dir.path, join(dir.path, '.gitignore'), gitignore)];
  const kept: Kept[] = [];
  // Paths are built by appending names (what `join` gives for a plain name, without its cost).
  const prefix = dir.path === '.' ? '' : dir.path.endsWith(sep) ? dir.path : dir.path + sep;
  const relPrefix = dir.rel === '' ? '' : `${dir.rel}/`;
  const files: string[] | undefined = observer ? [] : undefined;
  for (const entry of entries) {
    const isDirectory = entry.isDirectory();
    if ((isDirectory && SKIPPED_FOLDERS.has(entry.name)) || !(isDirectory || entry.isFile())) {
      continue;
    }
    const path = prefix + entry.name;
    const rel = relPrefix + entry.name;
    if (files && !isDirectory) files.push(path);
    if ((here.length > 0 && isIgnored(here, path, isDirectory)) || exclude(rel, isDirectory)) {
      if (isDirectory) observer?.notEntered(path);
      continue;
    }
    if (isDirectory && ahead) {
      // Never rejects: an error is reported when the walk gets there.
      const sub = list(path);
      kept.push({ path, rel, folder: true, listing: sub });
    } else if (isDirectory) {
      kept.push({ path, rel, folder: true });
    } else {
      kept.push({ path, rel });
    }
  }
  if (files) observer!.listed(files);
  return { entries: kept, levels: here };
}
