import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { nodeChildProcess } from '../node/lazy-builtins';
import { createKeyGen, fakeKeys } from '../core';
import { toPosix } from '../node/paths';

const BEGIN = '# >>> secret-safe >>>';
const END = '# <<< secret-safe <<<';

/** How the hook finds the CLI: the way the CLI running `install-hook` was installed. */
export type Launcher =
  /** A dependency of the project: its path relative to the repository root, where git runs hooks. */
  | { kind: 'dependency'; path: string }
  /** A global install: `secret-safe` on PATH, with the installed file as a fallback. */
  | { kind: 'global'; path: string }
  /** A checkout of Secret Safe (or any other copy): its absolute path. */
  | { kind: 'checkout'; path: string };

/** Decides how the hook calls the CLI installed at `cli` (the running `dist/cli.js`, real path). */
export function launcherFor(root: string, cli: string): Launcher {
  const inRepo = relative(root, cli);
  const isInstalledPackage = /(?:^|[\\/])node_modules[\\/]/.test(cli);
  if (isInstalledPackage && !inRepo.startsWith('..') && !isAbsolute(inRepo)) return { kind: 'dependency', path: toPosix(inRepo) };
  if (isInstalledPackage) return { kind: 'global', path: cli };
  return { kind: 'checkout', path: cli };
}

/** Single quotes for sh. */
const shQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The hook's block. It never relies on the package being on a registry (`npx` would fetch it, or
 * fail with a 404 on every commit), and says how to fix a missing node instead of failing with
 * "not found", which is what a git GUI started without the shell's PATH meets.
 */
export function hookBlock(launcher: Launcher): string {
  const run = (() => {
    switch (launcher.kind) {
      case 'dependency':
        return [
          `if [ ! -f ${shQuote(launcher.path)} ]; then echo "secret-safe: ${launcher.path} is missing: run npm install (or npm ci), then commit again" >&2; exit 1; fi`,
          `node ${shQuote(launcher.path)} scan --staged || exit $?`,
        ];
      case 'global':
        return [`if command -v secret-safe >/dev/null 2>&1; then secret-safe scan --staged; else node ${shQuote(launcher.path)} scan --staged; fi || exit $?`];
      case 'checkout':
        return [
          `if [ ! -f ${shQuote(launcher.path)} ]; then echo "secret-safe: ${launcher.path} is gone: run 'secret-safe install-hook' again from where it is now" >&2; exit 1; fi`,
          `node ${shQuote(launcher.path)} scan --staged || exit $?`,
        ];
    }
  })();
  return [
    BEGIN,
    '# Stops a commit that adds a hardcoded secret or a secret file (secret-safe install-hook).',
    `if ! command -v node >/dev/null 2>&1; then echo "secret-safe: node is not on the PATH this git runs hooks with (a git GUI started outside your shell?). Start it from a shell where node works, or add node's folder to PATH in ~/.profile; the check did not run, so the commit stops." >&2; exit 1; fi`,
    ...run,
    END,
  ].join('\n');
}

export interface HookResult {
  /** The hook file, relative to the repository root. */
  file: string;
  status: 'created' | 'added' | 'present';
  /** How the hook folder was chosen. */
  via: 'husky' | 'core.hooksPath' | '.git/hooks';
  /** Why a `.husky` folder was passed over (husky is not what git runs hooks from). */
  huskyInactive?: true;
  /** What a trial of the hook, through git itself, on a planted key showed. */
  verified: 'stopped' | 'not-stopped' | 'unverifiable';
  /** What the trial printed, when it did not stop the planted key. */
  trial?: string;
}

/** A hook that cannot be installed: the message says what to do instead. */
export class HookError extends Error {}

export interface InstallOptions {
  /** Install into a core.hooksPath that is set globally (every repository of this user runs it). */
  globalHooks?: boolean;
}

/**
 * Installs the pre-commit hook where git runs it: `.husky/pre-commit` when husky is active (git's
 * core.hooksPath points into `.husky`), else the folder core.hooksPath names (`~` expanded, as git
 * does) or `.git/hooks`. A hooks path set in the global or system config is shared by every
 * repository: refused without `globalHooks`. An existing shell hook keeps every byte; the block
 * goes first, after its shebang, so that it runs whatever the hook does after it (an `exit 0`, an
 * `exec`). A hook in another language is left alone. Then git
 * itself runs the hook (`git hook run`) on a throwaway index holding a planted key: the result
 * says whether the commit would stop.
 */
export function installHook(cwd: string, cli: string, options: InstallOptions = {}): HookResult {
  const git = (args: string[], env?: NodeJS.ProcessEnv): string => {
    try {
      return nodeChildProcess()
        .execFileSync('git', ['-c', 'core.fsmonitor=false', ...args], {
          cwd,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
          env: env ?? process.env,
        })
        .trim();
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? '')
        .trim()
        .split('\n')[0];
      throw new HookError(/not a git repository/i.test(stderr) ? 'not a git repository (run it inside one)' : stderr || (error as Error).message);
    }
  };
  const root = git(['rev-parse', '--show-toplevel']);
  let hooksPath = '';
  let origin = '';
  try {
    // "file:.git/config<TAB>.githooks": where the setting comes from, then its value.
    const shown = git(['config', '--show-origin', '--get', 'core.hooksPath']);
    const tab = shown.indexOf('\t');
    origin = shown.slice(0, tab);
    hooksPath = shown.slice(tab + 1);
  } catch {
    // unset: git exits 1
  }
  if (hooksPath.startsWith('~/')) hooksPath = join(homedir(), hooksPath.slice(2));
  const hooksDir = hooksPath ? resolve(root, hooksPath) : resolve(root, git(['rev-parse', '--git-path', 'hooks']));
  const local = !hooksPath || isLocalOrigin(origin, root);
  if (hooksPath && !local && !options.globalHooks) {
    throw new HookError(
      `core.hooksPath is set outside this repository (${origin.replace(/^file:/, '') || 'the command line'}) to ${hooksDir}: a hook there runs for every repository that uses it. Run 'secret-safe install-hook --global-hooks' to install it there anyway, or set a hooks path for this repository only`,
    );
  }
  const huskyDir = join(root, '.husky');
  const hasHusky = existsSync(huskyDir) && statSync(huskyDir).isDirectory();
  // husky 9 sets core.hooksPath to .husky/_, whose scripts run the user's .husky/pre-commit; older ones to .husky.
  const huskyActive = hasHusky && hooksPath !== '' && (hooksDir === huskyDir || hooksDir.startsWith(huskyDir + sep));
  let file: string;
  let via: HookResult['via'];
  if (huskyActive) {
    file = join(huskyDir, 'pre-commit');
    via = 'husky';
  } else {
    file = join(hooksDir, 'pre-commit');
    via = hooksPath ? 'core.hooksPath' : '.git/hooks';
  }
  const shown = relative(root, file) || file;
  const BLOCK = hookBlock(launcherFor(root, cli));
  let result: Omit<HookResult, 'verified'>;
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, via === 'husky' ? `${BLOCK}\n` : `#!/bin/sh\n${BLOCK}\n`, { mode: 0o755 });
    chmodSync(file, 0o755);
    result = { file: shown, status: 'created', via };
  } else {
    let text = readFileSync(file, 'utf8');
    const at = text.indexOf(BEGIN);
    const firstLine = /^#!.*\r?\n/.exec(text)?.[0].length ?? 0;
    if (at >= 0 && at > firstLine) {
      // Put there by an older version, at the end, where an earlier `exit 0` kept it from running: moved first.
      const stop = text.indexOf(END, at);
      const lineEnd = stop < 0 ? -1 : text.indexOf('\n', stop);
      text = text.slice(0, at) + (lineEnd < 0 ? '' : text.slice(lineEnd + 1));
    }
    if (at >= 0 && at <= firstLine) {
      result = { file: shown, status: 'present', via };
    } else {
      const shebang = /^#!(.*)/.exec(text)?.[1] ?? '';
      if (shebang && !/\b(?:sh|bash|zsh|dash|ksh)\b/.test(shebang)) {
        throw new HookError(`${shown} is not a shell script (#!${shebang.trim()}); add "secret-safe scan --staged" to it yourself`);
      }
      const eol = text.includes('\r\n') ? '\r\n' : '\n';
      const block = BLOCK.split('\n').join(eol) + eol;
      // First, right after the shebang: a hook that exits or execs (the pre-commit framework's
      // does), anywhere, never reaches its end; and the trial below stops at the block, before the
      // hook's own commands (a test suite) run.
      const first = shebang ? text.indexOf('\n') + 1 : 0;
      const updated = first === 0 && shebang ? `${text}${eol}${block}` : `${text.slice(0, first)}${block}${text.slice(first)}`;
      writeFileSync(file, updated);
      chmodSync(file, statSync(file).mode | 0o111);
      result = { file: shown, status: 'added', via };
    }
  }
  if (hasHusky && !huskyActive) result.huskyInactive = true;
  return { ...result, ...verifyHook(root, git) };
}

/** Whether a config origin (`git config --show-origin`) is this repository's own config. */
function isLocalOrigin(origin: string, root: string): boolean {
  if (!origin.startsWith('file:')) return false;
  const path = resolve(root, origin.slice('file:'.length));
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * Runs the pre-commit hook through git (`git hook run`, which finds it as `git commit` does) with
 * a throwaway index holding one planted key, a fake in a real format: the hook must refuse it.
 * Nothing is committed; the repository's own index is not touched.
 */
function verifyHook(root: string, git: (args: string[], env?: NodeJS.ProcessEnv) => string): Pick<HookResult, 'verified' | 'trial'> {
  const temp = mkdtempSync(join(tmpdir(), 'secret-safe-hook-'));
  try {
    const env = { ...process.env, GIT_INDEX_FILE: join(temp, 'index') };
    const planted = fakeKeys(createKeyGen(Math.random)).github();
    const blob = nodeChildProcess()
      .execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: root, input: `const token = '${planted}';\n`, encoding: 'utf8' })
      .trim();
    git(['update-index', '--add', '--cacheinfo', `100644,${blob},secret-safe-hook-check.ts`], env);
    const trial = nodeChildProcess().spawnSync('git', ['hook', 'run', 'pre-commit'], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
    const said = `${trial.stdout ?? ''}${trial.stderr ?? ''}`;
    if (/usage: git hook|is not a git command/.test(said)) return { verified: 'unverifiable' };
    return trial.status !== 0 && said.includes('secret-safe-hook-check.ts')
      ? { verified: 'stopped' }
      : { verified: 'not-stopped', trial: said.trim().split('\n').slice(-3).join(' / ') };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
