import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { ignoreLevel, isIgnored, type IgnoreLevel } from './gitignore-rules';

/**
 * Folders never entered below a walk's root: git's own data, and installed dependencies, which are
 * large, rarely the user's code, and often not git-ignored in a project without a `.gitignore`.
 * Naming such a folder as the root scans it.
 */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['.git', 'node_modules']);

/** Decides whether a path is excluded, given as `/`-separated and relative to the walk's root. */
export type ExcludeTest = (relativePath: string, isDirectory: boolean) => boolean;

/**
 * Yields every file below `root` that git would not ignore, honouring nested `.gitignore` files
 * and their negations. `.git` and `node_modules` are not entered, nor is an ignored folder (git
 * cannot re-include a file inside an ignored folder). `exclude` prunes further.
 */
export async function* walkFiles(root: string, exclude: ExcludeTest = () => false): AsyncGenerator<string> {
  yield* walk(root, root, [], exclude);
}

async function* walk(root: string, dir: string, levels: IgnoreLevel[], exclude: ExcludeTest): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  const here = entries.some(e => e.name === '.gitignore' && e.isFile())
    ? [...levels, ignoreLevel(dir, join(dir, '.gitignore'), await readFile(join(dir, '.gitignore'), 'utf8'))]
    : levels;
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const isDirectory = entry.isDirectory();
    if ((isDirectory && SKIPPED_FOLDERS.has(entry.name)) || !(isDirectory || entry.isFile())) {
      continue;
    }
    const rel = toPosix(relative(root, path));
    if (isIgnored(here, path, isDirectory) || exclude(rel, isDirectory)) {
      continue;
    }
    if (isDirectory) {
      yield* walk(root, path, here, exclude);
    } else {
      yield path;
    }
  }
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}
