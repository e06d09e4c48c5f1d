import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
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
}

/** A hook that cannot be installed: the message says what to do instead. */
export class HookError extends Error {}

/**
 * Installs the pre-commit hook: in `.husky/pre-commit` when the project uses husky, else in the
 * folder git runs hooks from (`core.hooksPath` respected). An existing shell hook keeps every
 * byte; the block is appended once, between markers. A hook in another language is left alone.
 */
export function installHook(cwd: string, cli: string): HookResult {
  const git = (...args: string[]): string => {
    try {
      return execFileSync('git', ['-c', 'core.fsmonitor=false', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? '')
        .trim()
        .split('\n')[0];
      throw new HookError(/not a git repository/i.test(stderr) ? 'not a git repository (run it inside one)' : stderr || (error as Error).message);
    }
  };
  const root = git('rev-parse', '--show-toplevel');
  let hooksPath = '';
  try {
    hooksPath = git('config', '--get', 'core.hooksPath');
  } catch {
    // unset: git exits 1
  }
  let file: string;
  let via: HookResult['via'];
  if (existsSync(join(root, '.husky')) && statSync(join(root, '.husky')).isDirectory()) {
    // husky: its hooks path is .husky/_, which runs the user's .husky/pre-commit.
    file = join(root, '.husky', 'pre-commit');
    via = 'husky';
  } else {
    file = join(resolve(root, git('rev-parse', '--git-path', 'hooks')), 'pre-commit');
    if (hooksPath) file = join(resolve(root, hooksPath), 'pre-commit');
    via = hooksPath ? 'core.hooksPath' : '.git/hooks';
  }
  const shown = relative(root, file) || file;
  const BLOCK = hookBlock(launcherFor(root, cli));
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, via === 'husky' ? `${BLOCK}\n` : `#!/bin/sh\n${BLOCK}\n`, { mode: 0o755 });
    chmodSync(file, 0o755);
    return { file: shown, status: 'created', via };
  }
  const text = readFileSync(file, 'utf8');
  if (text.includes(BEGIN)) {
    return { file: shown, status: 'present', via };
  }
  const shebang = /^#!(.*)/.exec(text)?.[1] ?? '';
  if (shebang && !/\b(?:sh|bash|zsh|dash|ksh)\b/.test(shebang)) {
    throw new HookError(`${shown} is not a shell script (#!${shebang.trim()}); add "secret-safe scan --staged" to it yourself`);
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const separator = text === '' || text.endsWith('\n') ? '' : eol;
  writeFileSync(file, `${text}${separator}${BLOCK.split('\n').join(eol)}${eol}`);
  chmodSync(file, statSync(file).mode | 0o111);
  return { file: shown, status: 'added', via };
}
