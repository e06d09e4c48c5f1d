import { nodeChildProcess } from '../lazy-builtins';

/**
 * Options that keep git from running any of the repository's own programs: fsmonitor off, hooks
 * pointed at nothing (`post-index-change` runs on `git rm --cached`), and every filter driver the
 * configuration defines (`filter.<name>.clean`, `smudge`, `process`, which `git diff` and
 * `git rm --cached` run on working-tree files) emptied. `git diff` callers add `--no-textconv
 * --no-ext-diff` themselves. Quoted paths off, so names come back as they are.
 */
const BASE = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'core.quotepath=false'];

export const GIT_ENV = { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' };

/** The `-c` options for a git run in `cwd`: the fixed ones, and one set per configured filter driver. */
export function safeGitOptions(cwd: string): Promise<string[]> {
  return new Promise(resolve => {
    // Reading the configuration runs nothing; a folder outside any repository has only the global one.
    nodeChildProcess().execFile('git', [...BASE, 'config', '--null', '--name-only', '--get-regexp', '^filter\\.'], { cwd, env: GIT_ENV }, (_error, stdout) => {
      const drivers = new Set(
        String(stdout ?? '')
          .split('\0')
          .map(key => /^filter\.(.+)\.[^.]+$/.exec(key)?.[1])
          .filter((name): name is string => name !== undefined),
      );
      const emptied = [...drivers].flatMap(name =>
        ['clean', 'smudge', 'process'].flatMap(what => ['-c', `filter.${name}.${what}=`]).concat('-c', `filter.${name}.required=false`),
      );
      resolve([...BASE, ...emptied]);
    });
  });
}
