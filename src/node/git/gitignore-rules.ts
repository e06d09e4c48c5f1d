import { dirname, relative } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { toPosix } from '../paths';
import { IndexedIgnore } from './indexed-ignore';

/** The largest ignore file read: real ones are a few KiB; git itself stops at 100 MiB. */
export const MAX_GITIGNORE_BYTES = 10 << 20;

/** Lines from which an ignore file's rules are filed for lookup (IndexedIgnore) rather than all tried on every path. */
export const INDEXED_FROM_LINES = 1000;

/** One ignore file, with the folder its patterns are relative to. */
export interface IgnoreLevel {
  base: string;
  rules: Pick<Ignore, 'test'>;
  /** The file's lines, for finding a negation. */
  lines: string[];
  file: string;
}

/**
 * One ignore file's rules. Git matches names case-sensitively unless `core.ignorecase` is set
 * (as `git init` does on case-insensitive file systems); the `ignore` library's default is the
 * opposite, so the caller says which.
 */
export function ignoreLevel(base: string, file: string, text: string, ignorecase = false, indexedFrom = INDEXED_FROM_LINES): IgnoreLevel {
  const lines = text.split(/\r?\n/);
  const rules = lines.length >= indexedFrom ? new IndexedIgnore(text, ignorecase) : ignore({ ignorecase }).add(text);
  return { base, file, rules, lines };
}

/**
 * Whether `path` is ignored by the levels, shallowest first: git's precedence, where a deeper
 * file overrides a shallower one and, within a file, the last matching line wins. A file inside
 * an ignored folder stays ignored whatever its own patterns say.
 */
export function isIgnored(levels: readonly IgnoreLevel[], path: string, isDirectory: boolean): boolean {
  let ignored = false;
  for (const { base, rules } of levels) {
    const rel = toPosix(relative(base, path));
    if (rel === '' || rel.startsWith('..')) {
      continue;
    }
    const result = rules.test(rel + (isDirectory ? '/' : ''));
    if (result.ignored) {
      ignored = true;
    } else if (result.unignored) {
      ignored = false;
    }
  }
  return ignored;
}

/** Whether a folder on the way down to `path` is ignored (git then never looks inside). */
export function isInIgnoredFolder(levels: readonly IgnoreLevel[], root: string, path: string): boolean {
  for (let dir = dirname(path); dir.length > root.length && dir.startsWith(root); dir = dirname(dir)) {
    if (isIgnored(levels, dir, true)) {
      return true;
    }
  }
  return false;
}

/** The 1-based line of a negation (`!.env`) that un-ignores `path`, and its file, if any. */
export function negationOf(levels: readonly IgnoreLevel[], path: string): { file: string; line: number } | undefined {
  for (const level of [...levels].reverse()) {
    const rel = toPosix(relative(level.base, path));
    for (let i = level.lines.length - 1; i >= 0; i--) {
      const line = level.lines[i].trim();
      if (line.startsWith('!') && ignore().add(line.slice(1)).ignores(rel)) {
        return { file: level.file, line: i + 1 };
      }
    }
  }
  return undefined;
}
