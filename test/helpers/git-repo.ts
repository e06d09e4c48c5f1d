import { execFileSync } from 'node:child_process';
import { tempDir } from './temp-dir';

/** A git that reads no machine or user config and signs commits as a test: the same on every machine. */
export const GIT_TEST_ENV = {
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_SYSTEM: '/dev/null',
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
} as const;

/** A real git repository in a temporary folder, with files written and some of them committed. */
export function gitRepo(files: Record<string, string> = {}, commit: string[] = []): ReturnType<typeof tempDir> & { git(...args: string[]): string } {
  const dir = tempDir();
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: dir.path,
      encoding: 'utf8',
      env: { ...process.env, ...GIT_TEST_ENV },
    });
  git('init', '-q', '-b', 'main');
  for (const [rel, content] of Object.entries(files)) {
    dir.write(rel, content);
  }
  if (commit.length > 0) {
    git('add', '-f', '--', ...commit);
    git('commit', '-q', '-m', 'fixture');
  }
  return { ...dir, git };
}
