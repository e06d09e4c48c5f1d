import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/** A native path with `/` separators, as git, globs and reports write them. */
export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** `/`-separated path of `path` relative to `root`. */
export function relativePosix(root: string, path: string): string {
  // A path inside root, as a walk joins them: its tail, without path.relative's two resolves (a
  // fifth of a whole scan's main-thread time, called for every file a walk lists).
  if (path.length > root.length + 1 && path.startsWith(root) && path[root.length] === sep && root[root.length - 1] !== sep) {
    const rest = path.slice(root.length + 1);
    if (!DOT_SEGMENT.test(rest)) return toPosix(rest);
  }
  return toPosix(relative(root, path));
}

/** A `.` or `..` segment, or an empty one: a tail path.relative would resolve first. */
const DOT_SEGMENT = sep === '/' ? /(?:^|\/)\.{0,2}(?:\/|$)/ : /(?:^|[\\/])\.{0,2}(?:[\\/]|$)/;

/**
 * `path.resolve(from, p)` for each `p`: a plain relative path (no `.`, `..` or empty segment, as a
 * hook's list names files) is joined to `from` as it is, without resolve's walk over every
 * character of both (75 ms for 15,000 paths named on the command line, before a scan could start).
 */
export function resolverFrom(from: string): (path: string) => string {
  const base = resolve(from);
  const prefix = base.endsWith(sep) ? base : base + sep;
  return path => (sep === '/' && path.length > 0 && !isAbsolute(path) && !DOT_SEGMENT.test(path) ? prefix + path : resolve(base, path));
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
