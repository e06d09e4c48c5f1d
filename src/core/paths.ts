import { Minimatch } from 'minimatch';

/**
 * A matcher for glob patterns against `/`-separated paths relative to a root. Patterns follow VS
 * Code's `files.exclude` conventions: a pattern without a slash matches at any depth, and a
 * pattern that matches a folder matches everything inside it.
 */
export function createPathMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  const matchers = patterns.flatMap(p => {
    const glob = p.includes('/') ? p.replace(/^\.?\//, '').replace(/\/$/, '') : `**/${p}`;
    return [new Minimatch(glob, { dot: true }), new Minimatch(`${glob}/**`, { dot: true })];
  });
  return relativePath => {
    const path = relativePath.replace(/\\/g, '/');
    return matchers.some(m => m.match(path));
  };
}
