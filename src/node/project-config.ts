import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CONFIG_FILE, EMPTY_CONFIG, parseConfig, type ConfigProblem, type ProjectConfig } from '../core';

/** A project's config with where it came from; `file` is absent when the project has none. */
export interface LoadedConfig {
  config: ProjectConfig;
  /** The folder the config's paths are relative to. */
  root: string;
  file?: string;
  problems: ConfigProblem[];
}

/** Loads `.secret-safe.json` from `folder`; a missing file is the empty config. */
export async function loadProjectConfig(folder: string): Promise<LoadedConfig> {
  const file = join(folder, CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      return { config: EMPTY_CONFIG, root: folder, problems: [] };
    }
    throw e;
  }
  return { ...parseConfig(text), root: folder, file };
}

/**
 * Finds the config that governs `start`: the nearest `.secret-safe.json` in it or its parents,
 * stopping at a repository root (a folder holding `.git`).
 */
export async function findProjectConfig(start: string): Promise<LoadedConfig> {
  for (let dir = start; ; dir = dirname(dir)) {
    const loaded = await loadProjectConfig(dir);
    if (loaded.file || (await exists(join(dir, '.git'))) || dirname(dir) === dir) {
      return loaded.file ? loaded : { ...loaded, root: start };
    }
  }
}

function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
