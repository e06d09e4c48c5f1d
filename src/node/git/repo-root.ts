import { join } from 'node:path';
import { exists, foldersUp } from '../paths';

/**
 * The repository root: the nearest folder at or above `from` holding `.git` (a folder, or a
 * worktree's file). `known`: answers of earlier calls, by folder, for a run that asks for many
 * folders of one tree (a hook's list of files) and must not look up the same folders each time.
 */
export async function findGitRoot(from: string, known?: Map<string, string | undefined>): Promise<string | undefined> {
  const passed: string[] = [];
  let root: string | undefined;
  for (const dir of foldersUp(from)) {
    if (known?.has(dir)) {
      root = known.get(dir);
      break;
    }
    passed.push(dir);
    if (await exists(join(dir, '.git'))) {
      root = dir;
      break;
    }
  }
  // Every folder passed on the way up has the same root.
  if (known) for (const dir of passed) known.set(dir, root);
  return root;
}
