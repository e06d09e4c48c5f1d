import { nodeChildProcess } from '../lazy-builtins';
import { GIT_ENV, safeGitOptions } from './safe-git';

/**
 * Git, run as a subprocess, only where the workspace is trusted: a repository's own config can
 * make git run programs (fsmonitor, hooks, filters). `safeGitOptions` switches them all off.
 * Output is NUL-separated so any file name is read right.
 */
async function git(root: string, args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const options = await safeGitOptions(root);
  return new Promise(resolve => {
    const child = nodeChildProcess().execFile(
      'git',
      [...options, ...args],
      { cwd: root, maxBuffer: 256 * 1024 * 1024, env: GIT_ENV },
      (error, stdout, stderr) => {
        const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : -1) : 0;
        resolve({ code, stdout, stderr: stderr || (error && code === -1 ? error.message : '') });
      },
    );
    if (input !== undefined) {
      child.stdin?.end(input);
    }
  });
}

/** Paths (relative, `/`-separated) that git's ignore rules match, tracked or not; undefined if git failed. */
export async function gitIgnored(root: string, paths: readonly string[]): Promise<Set<string> | undefined> {
  if (paths.length === 0) {
    return new Set();
  }
  // --no-index: ask the rules, whether or not the file is tracked already. Exit 1 means none is ignored.
  const { code, stdout } = await git(root, ['check-ignore', '--no-index', '--stdin', '-z'], paths.map(p => `${p}\0`).join(''));
  return code === 0 || code === 1 ? new Set(stdout.split('\0').filter(Boolean)) : undefined;
}

/** Every path git tracks (the index), relative and `/`-separated; undefined if git failed. */
export async function gitTracked(root: string): Promise<Set<string> | undefined> {
  const { code, stdout } = await git(root, ['ls-files', '-z', '--cached']);
  return code === 0 ? new Set(stdout.split('\0').filter(Boolean)) : undefined;
}

/** Removes a file from the index, keeping it on disk: `git rm --cached`. Resolves to git's error, if any. */
export async function gitUntrack(root: string, path: string): Promise<string | undefined> {
  const { code, stderr } = await git(root, ['rm', '--cached', '--quiet', '--', path]);
  return code === 0 ? undefined : stderr.trim() || `git rm exited with code ${code}`;
}

/**
 * The files git would see in `folder`: tracked ones and untracked ones its ignore rules let in
 * (nested `.gitignore`, `.git/info/exclude`, `core.excludesFile`), relative to `folder` and
 * `/`-separated; undefined if git failed (not a repository, no git).
 */
export async function gitListFiles(folder: string): Promise<string[] | undefined> {
  const { code, stdout } = await git(folder, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate']);
  return code === 0 ? stdout.split('\0').filter(Boolean) : undefined;
}

/** The commit HEAD names, full; undefined outside a repository, before the first commit, or without git. */
export async function gitHead(folder: string): Promise<string | undefined> {
  const { code, stdout } = await git(folder, ['rev-parse', '--verify', '--quiet', 'HEAD']);
  return code === 0 && /^[0-9a-f]{40,64}$/.test(stdout.trim()) ? stdout.trim() : undefined;
}
