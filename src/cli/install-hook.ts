import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';

const BEGIN = '# >>> secret-safe >>>';
const END = '# <<< secret-safe <<<';
const BLOCK = [
  BEGIN,
  '# Stops a commit that adds a hardcoded secret or a secret file (npx secret-safe install-hook).',
  'if command -v secret-safe >/dev/null 2>&1; then secret-safe scan --staged; else npx --no-install secret-safe scan --staged; fi || exit $?',
  END,
].join('\n');

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
export function installHook(cwd: string): HookResult {
  const git = (...args: string[]): string => {
    try {
      return execFileSync('git', ['-c', 'core.fsmonitor=false', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim().split('\n')[0];
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
