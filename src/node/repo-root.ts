import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The repository root: the nearest folder at or above `from` holding `.git` (a folder, or a worktree's file). */
export async function findGitRoot(from: string): Promise<string | undefined> {
  for (let dir = from; ; dir = dirname(dir)) {
    if (await stat(join(dir, '.git')).then(() => true, () => false)) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
