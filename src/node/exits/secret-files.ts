import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { mayBeSecretFile, secretFileKind, type SecretFileKind } from '../../core/hygiene';
import { relativePosix } from '../paths';
import { readBoundedText } from '../read-bounded';

/** What the exits' checks share: the secret files under a folder, git-ignored ones too (an image or a package takes those). */

/** Folders never looked into for secret files: git's own, and packages (theirs, not the project's). */
const SKIPPED = new Set(['.git', 'node_modules']);
/** Most entries a walk reads: past it the walk stops. */
const MAX_ENTRIES = 200_000;
const MAX_CONFIG_BYTES = 1 << 20;

/** A configuration file's text (a Dockerfile, an ignore file, package.json), or undefined when it cannot be read. */
export function readConfig(path: string): Promise<string | undefined> {
  return readBoundedText(path, MAX_CONFIG_BYTES, { regularOnly: true }).catch(() => undefined);
}

/** Files under `root` whose names may be secret files, sorted. */
export async function candidates(root: string, kinds: readonly SecretFileKind[]): Promise<string[]> {
  const found: string[] = [];
  const stack = [root];
  let entries = 0;
  while (stack.length > 0 && entries < MAX_ENTRIES) {
    const dir = stack.pop()!;
    let list: Dirent[];
    try {
      list = await readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of list) {
      entries++;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) stack.push(path);
      } else if (entry.isFile() && mayBeSecretFile(relativePosix(root, path), kinds)) {
        found.push(path);
      }
    }
  }
  return found.sort();
}

/** The file's kind: by name first; a kind known by its content (a key file) is read. */
export async function kindOf(file: string, relativePath: string, kinds: readonly SecretFileKind[]): Promise<SecretFileKind | undefined> {
  const byName = secretFileKind(relativePath, () => undefined, kinds);
  if (byName) return byName;
  const text = await readConfig(file);
  return text === undefined ? undefined : secretFileKind(relativePath, () => text, kinds);
}
