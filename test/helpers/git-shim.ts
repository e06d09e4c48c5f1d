import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { tempDir } from './temp-dir';

/**
 * A `git` first on PATH that logs each call, then runs the real git: tests hand its PATH to a
 * process and read back which git commands it ran, or that it ran none at all.
 */
export function gitShim(): { env: NodeJS.ProcessEnv; calls(): string[]; dispose(): void } {
  const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const dir = tempDir();
  const log = join(dir.path, 'calls.log');
  const script = dir.write('bin/git', `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${real}' "$@"\n`);
  chmodSync(script, 0o755);
  return {
    env: {
      ...process.env,
      PATH: `${join(dir.path, 'bin')}${delimiter}${process.env.PATH ?? ''}`,
      // The developer's own git config must not change what the tests see.
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_SYSTEM: '/dev/null',
    },
    calls: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []),
    dispose: dir.dispose,
  };
}
