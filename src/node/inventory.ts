// The key inventory of a folder on disk: its env files (git-ignored ones included: that is where
// the values are), its templates and its code, read bounded, handed to the core's buildInventory.
import { nodeCrypto } from './lazy-builtins';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { languageOf, type Lang } from '../core';
import { buildInventory, type Inventory, type InventoryFile } from '../core/inventory';
import { ENV_FILE_NAME } from '../core/dotenv';
import { relativePosix } from './paths';
import type { ProjectScan } from './project-scan';
import { readBoundedTextSync } from './read-bounded';
import { walkFiles } from './scan/gitignore-walk';
import { readTextFile } from './scan/read-text';

/** The languages whose env reads count: documentation that shows `process.env.X` reads nothing. */
const CODE: ReadonlySet<Lang> = new Set(['javascript', 'typescript', 'python', 'go', 'java', 'kotlin', 'csharp', 'ruby', 'php', 'rust', 'swift', 'dart']);

/** An env file is small; one past this is not read (it is no env file a team keeps by hand). */
const MAX_ENV_BYTES = 1024 * 1024;
const MAX_CODE_BYTES = 2 * 1024 * 1024;

export interface InventoryOptions {
  /** The project: its allowlisted paths are never read, and its scanner says which values are secrets. */
  project: ProjectScan;
  /** Paths in the report are relative to this folder. */
  cwd: string;
  /** Today, as YYYY-MM-DD. */
  today: string;
  rotateDays?: Record<string, number>;
}

/** Builds the inventory of `paths` (folders walked with .gitignore honoured, files taken as named). */
export async function inventoryOf(paths: readonly string[], options: InventoryOptions): Promise<Inventory> {
  const { project, cwd } = options;
  const code: InventoryFile[] = [];
  const folders = new Set<string>();
  const envPaths = new Set<string>();
  for (const path of paths.map(p => resolve(cwd, p))) {
    if (!statSync(path).isDirectory()) {
      if (ENV_FILE_NAME.test(path.slice(path.lastIndexOf('/') + 1))) envPaths.add(path);
      else await addCode(path, code, cwd);
      continue;
    }
    folders.add(path);
    for await (const run of walkFiles(path, project.allowlistedBelow(path), { blocking: true })) {
      for (const file of run) {
        folders.add(dirname(file));
        if (!ENV_FILE_NAME.test(file.slice(file.lastIndexOf('/') + 1))) await addCode(file, code, cwd);
      }
    }
  }
  // Env files are looked for in every folder the walk went through, git-ignored or not.
  for (const folder of folders) {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of names) if (ENV_FILE_NAME.test(name)) envPaths.add(join(folder, name));
  }
  const envFiles: InventoryFile[] = [];
  for (const path of [...envPaths].sort()) {
    if (project.isAllowlisted(path)) continue;
    try {
      envFiles.push({ file: relativePosix(cwd, path), text: readBoundedTextSync(path, MAX_ENV_BYTES, { regularOnly: true }) });
    } catch {
      // A folder named .env, a device, one too large or unreadable: not an env file to list.
    }
  }
  return buildInventory({
    envFiles,
    code,
    today: options.today,
    // Days between rotations: the caller's, else the project config's "rotation", else 30 in production and 90 elsewhere.
    ...((options.rotateDays ?? project.loaded.config.rotation) ? { rotateDays: options.rotateDays ?? project.loaded.config.rotation } : {}),
    secretValue: (name, value) => project.scanner.scan(`${name}=${value}\n`).some(f => f.severity !== 'info'),
    fingerprint: value => nodeCrypto().createHash('sha256').update(value).digest('hex'),
  });
}

async function addCode(path: string, code: InventoryFile[], cwd: string): Promise<void> {
  if (!CODE.has(languageOf(path))) return;
  const text = await readTextFile(path, MAX_CODE_BYTES);
  if (typeof text === 'string') code.push({ file: relativePosix(cwd, path), text });
}
