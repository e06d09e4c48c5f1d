import { realpath } from 'node:fs/promises';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { CONFIG_FILE, EMPTY_CONFIG, parseConfig, type ConfigProblem, type ProjectConfig } from '../core';
import { BaselineError, parseBaseline, type BaselineEntry } from './scan/baseline';
import { exists, foldersUp } from './paths';
import { findGitRoot } from './git/repo-root';
import { readBoundedText } from './read-bounded';
import { MAX_BASELINE_BYTES } from './scan/baseline';

/** The largest `.secret-safe.json` read: a real one is a few KiB. */
export const MAX_CONFIG_BYTES = 1 << 20;

/** A project's config with where it came from; `file` is absent when the project has none. */
export interface LoadedConfig {
  config: ProjectConfig;
  /** The folder the config's paths are relative to. */
  root: string;
  file?: string;
  problems: ConfigProblem[];
  /** The baseline the config names, read: its entries' paths are relative to `dir`; the salt of its fingerprints (none: version 1). */
  baseline?: { file: string; dir: string; entries: BaselineEntry[]; salt?: string };
}

/** Loads `.secret-safe.json` from `folder`; a missing file is the empty config. */
export async function loadProjectConfig(folder: string): Promise<LoadedConfig> {
  const file = join(folder, CONFIG_FILE);
  let text: string;
  try {
    // A regular file only, and not a huge one: the repository chooses what this path is.
    text = await readBoundedText(file, MAX_CONFIG_BYTES, { regularOnly: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      return { config: EMPTY_CONFIG, root: folder, problems: [] };
    }
    throw e;
  }
  const loaded: LoadedConfig = { ...parseConfig(text), root: folder, file };
  const named = loaded.config.baseline;
  if (named) {
    const path = resolve(folder, named.path);
    try {
      // The repository chooses this path: it may not lead out of the repository (a symlink included).
      const repo = (await findGitRoot(folder)) ?? folder;
      const real = await realpath(path).catch(() => path);
      if (!isInside(real, await realpath(repo).catch(() => repo))) {
        throw new BaselineError(`the baseline ${named.path} is outside the repository; name a file inside it`);
      }
      const data = parseBaseline(await readBoundedText(path, MAX_BASELINE_BYTES, { regularOnly: true }), named.path);
      loaded.baseline = { file: path, dir: dirname(path), entries: data.entries, ...(data.salt ? { salt: data.salt } : {}) };
      if (!data.salt) {
        loaded.problems = [
          ...loaded.problems,
          {
            line: named.line,
            message: `the baseline ${named.path} stores unsalted fingerprints (version 1), from which a weak secret can be guessed; write it again with secret-safe scan --write-baseline ${named.path}`,
          },
        ];
      }
    } catch (e) {
      const reason =
        e instanceof BaselineError
          ? e.message
          : (e as NodeJS.ErrnoException).code === 'ENOENT'
            ? `the baseline ${named.path} does not exist`
            : (e as Error).message;
      loaded.problems = [...loaded.problems, { line: named.line, message: `${reason}; no finding is accepted` }];
    }
  }
  return loaded;
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Finds the config that governs `start`: the nearest `.secret-safe.json` in it or its parents,
 * stopping at a repository root (a folder holding `.git`).
 */
export async function findProjectConfig(start: string): Promise<LoadedConfig> {
  let loaded = await loadProjectConfig(start);
  for (const dir of foldersUp(start)) {
    loaded = dir === start ? loaded : await loadProjectConfig(dir);
    if (loaded.file || (await exists(join(dir, '.git')))) break;
  }
  return loaded.file ? loaded : { ...loaded, root: start };
}
