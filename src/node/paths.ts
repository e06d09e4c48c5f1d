import { stat } from 'node:fs/promises';
import { dirname, relative, sep } from 'node:path';

/** A native path with `/` separators, as git, globs and reports write them. */
export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** `/`-separated path of `path` relative to `root`. */
export function relativePosix(root: string, path: string): string {
  return toPosix(relative(root, path));
}

/** Whether anything (file or folder) is at `path`. */
export function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * `from` and each folder above it, nearest first, up to `to` (inclusive) or the file system's root;
 * only `from` when it is not inside `to`.
 */
export function* foldersUp(from: string, to?: string): Generator<string> {
  for (let dir = from; ; dir = dirname(dir)) {
    yield dir;
    if (dir === to || dirname(dir) === dir || (to !== undefined && !dir.startsWith(to))) return;
  }
}
