import { nodeChildProcess } from '../lazy-builtins';
import { redactSecrets } from '../../core';
import { GIT_ENV, safeGitOptions } from './safe-git';

/**
 * What git holds, for `scan --staged` and `scan --since`: the files a commit would change, their
 * content in the index, and the lines added since a revision. The CLI runs these only when asked;
 * like every git call here, no program of the repository's runs (`safeGitOptions`).
 */
const ENV = GIT_ENV;

/** Thrown when git fails; the message is git's own first line, which may quote what the user typed: secrets masked. */
export class GitError extends Error {
  constructor(message: string) {
    super(redactSecrets(message));
  }
}

/**
 * Runs git with `args` as given (the caller puts `safeGitOptions` first) and returns its output;
 * a failure's first line of stderr becomes a GitError.
 */
export function gitOutput(cwd: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    nodeChildProcess().execFile('git', args, { cwd, env: ENV, maxBuffer: 1024 * 1024 * 1024, encoding: 'buffer' }, (error, stdout, stderr) => {
      if (error) {
        const first = stderr.toString('utf8').trim().split('\n')[0] || error.message;
        reject(new GitError((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed or not on PATH' : first));
      } else {
        resolve(stdout);
      }
    });
  });
}

async function run(cwd: string, args: string[]): Promise<string> {
  return (await gitOutput(cwd, [...(await safeGitOptions(cwd)), ...args])).toString('utf8');
}

/** The repository's top folder. */
export async function repositoryRoot(cwd: string): Promise<string> {
  return (await run(cwd, ['rev-parse', '--show-toplevel'])).trim();
}

/** Files the next commit adds or changes (added, copied, modified, renamed), relative to the root, limited to `pathspecs`. */
export async function stagedPaths(root: string, pathspecs: readonly string[]): Promise<string[]> {
  const out = await run(root, [
    'diff',
    '--cached',
    '--name-only',
    '-z',
    '--no-ext-diff',
    '--no-textconv',
    '--no-renames',
    '--diff-filter=ACM',
    '--',
    ...pathspecs,
  ]);
  return out.split('\0').filter(Boolean);
}

/**
 * The index's content of each path, read through one `git cat-file --batch`, in order: the
 * bytes, or `not-a-file` for a submodule (a commit, not a blob). A path with a newline in it,
 * which cat-file cannot read on one line, is asked for by its object id.
 */
export async function stagedBlobs(root: string, paths: readonly string[]): Promise<Array<Buffer | 'not-a-file' | undefined>> {
  const names = new Map(paths.map(p => [p, `:${p}`]));
  const awkward = paths.filter(p => p.includes('\n'));
  if (awkward.length > 0) {
    // "<mode> <oid> <stage>\t<path>\0" for each entry.
    for (const entry of (await run(root, ['ls-files', '--stage', '-z', '--', ...awkward.map(p => `:(literal)${p}`)])).split('\0')) {
      const m = /^\d+ ([0-9a-f]+) \d\t(.*)$/s.exec(entry);
      if (m && names.has(m[2])) names.set(m[2], m[1]);
    }
  }
  const asked = paths.filter(p => !names.get(p)!.includes('\n'));
  const options = await safeGitOptions(root);
  return new Promise((resolve, reject) => {
    const child = nodeChildProcess().spawn('git', [...options, 'cat-file', '--batch'], { cwd: root, env: ENV });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.on('error', e => reject(new GitError((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed or not on PATH' : e.message)));
    child.on('close', code => {
      if (code !== 0) {
        reject(new GitError(stderr.trim().split('\n')[0] || `git cat-file exited with code ${code}`));
        return;
      }
      const out = Buffer.concat(chunks);
      const blobs = new Map<string, Buffer | 'not-a-file' | undefined>();
      let at = 0;
      for (const path of asked) {
        const eol = out.indexOf(10, at);
        const header = out.subarray(at, eol).toString('utf8');
        at = eol + 1;
        const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
        if (!m) {
          blobs.set(path, undefined); // "<name> missing"
          continue;
        }
        const size = Number(m[2]);
        blobs.set(path, m[1] === 'blob' ? out.subarray(at, at + size) : 'not-a-file');
        at += size + 1;
      }
      resolve(paths.map(p => blobs.get(p)));
    });
    child.stdin.end(asked.map(p => `${names.get(p)}\n`).join(''));
  });
}

/**
 * Lines added since `rev` in the working tree, per file relative to the root (1-based line
 * numbers), from `git diff -U0`; files git does not track yet count as wholly added (`undefined`).
 */
export async function addedLinesSince(root: string, rev: string, pathspecs: readonly string[]): Promise<Map<string, Set<number> | undefined>> {
  await run(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]).catch(() => {
    throw new GitError(`unknown revision '${rev}'`);
  });
  const diff = await run(root, [
    'diff',
    '-U0',
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    '--no-renames',
    '--diff-filter=ACM',
    '--src-prefix=a/',
    '--dst-prefix=b/',
    rev,
    '--',
    ...pathspecs,
  ]);
  const added = new Map<string, Set<number> | undefined>();
  let current: Set<number> | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const name = line.slice(4);
      current = name === '/dev/null' ? undefined : new Set<number>();
      if (current) added.set(unquote(name).replace(/^b\//, ''), current);
    } else if (current && line.startsWith('@@')) {
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (m) {
        const start = Number(m[1]);
        const count = m[2] === undefined ? 1 : Number(m[2]);
        for (let n = start; n < start + count; n++) current.add(n);
      }
    }
  }
  const untracked = await run(root, ['ls-files', '-z', '--others', '--exclude-standard', '--', ...pathspecs]);
  for (const path of untracked.split('\0').filter(Boolean)) added.set(path, undefined);
  return added;
}

/** Git quotes a name with unusual bytes in C style ("a\tb"); core.quotepath=false keeps UTF-8 as is. */
function unquote(name: string): string {
  if (!name.startsWith('"')) return name.replace(/\t$/, '');
  const bytes: number[] = [];
  const body = name.slice(1, name.lastIndexOf('"'));
  const esc: Record<string, number> = { n: 10, t: 9, '"': 34, '\\': 92, a: 7, b: 8, f: 12, r: 13, v: 11 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
    } else if (/[0-7]/.test(body[i + 1])) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(esc[body[i + 1]] ?? body.charCodeAt(i + 1));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
