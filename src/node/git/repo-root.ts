import { join } from 'node:path';
import { exists, foldersUp } from '../paths';

/** The repository root: the nearest folder at or above `from` holding `.git` (a folder, or a worktree's file). */
export async function findGitRoot(from: string): Promise<string | undefined> {
  for (const dir of foldersUp(from)) {
    if (await exists(join(dir, '.git'))) return dir;
  }
  return undefined;
}
