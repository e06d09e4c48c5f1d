import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { ENV_TEMPLATE_NAMES } from '../core/dotenv/templates';
import type { FileState, GitignoreState } from '../core/fix/plan';
import { findGitRoot } from './repo-root';
import { ignoreLevel, isIgnored, isInIgnoredFolder, negationOf, type IgnoreLevel } from './gitignore-rules';

/** Reads a file's current text: an open editor's unsaved text first, else the disk; undefined if neither. */
export type ReadText = (path: string) => Promise<string | undefined>;

/** The files "Move to .env" writes, as they are now. */
export interface EnvTargets {
  env: FileState;
  example: FileState;
  gitignore: GitignoreState;
  /** The code belongs to a Deno project (a deno.json above it). */
  deno: boolean;
}

/** Files that mark the root of a project, where a new `.env` belongs. */
const PROJECT_MARKERS = [
  'package.json', 'deno.json', 'deno.jsonc', 'pyproject.toml', 'requirements.txt', 'setup.py', 'go.mod', 'Cargo.toml',
  'pom.xml', 'build.gradle', 'build.gradle.kts', 'Gemfile', 'composer.json', 'Package.swift', 'pubspec.yaml', 'mix.exs',
];

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Folders from `from` up to `to` (inclusive), nearest first; only `from` when it is outside `to`. */
function upTo(from: string, to: string): string[] {
  const dirs: string[] = [];
  for (let dir = from; ; dir = dirname(dir)) {
    dirs.push(dir);
    if (dir === to || dirname(dir) === dir || !dir.startsWith(to)) {
      break;
    }
  }
  return dirs;
}

/**
 * Where "Move to .env" writes, for a file in a workspace folder: the nearest `.env` in the file's
 * folder or its parents up to the workspace folder (or the `envFile` setting), else a new one at
 * the nearest project root; the committed example beside it; and the `.gitignore` of the
 * repository holding it, with whether `.env` is ignored already (nested `.gitignore` files,
 * negations and `.git/info/exclude` considered).
 */
export async function findEnvTargets(documentPath: string, workspaceFolder: string, read: ReadText, envFile?: string): Promise<EnvTargets> {
  const dirs = upTo(dirname(documentPath), workspaceFolder);
  let envPath: string | undefined;
  if (envFile) {
    envPath = isAbsolute(envFile) ? envFile : resolve(workspaceFolder, envFile);
  } else {
    for (const dir of dirs) {
      if (await exists(join(dir, '.env'))) {
        envPath = join(dir, '.env');
        break;
      }
    }
  }
  if (!envPath) {
    let root = workspaceFolder;
    for (const dir of dirs) {
      if ((await Promise.all(PROJECT_MARKERS.map(m => exists(join(dir, m))))).some(Boolean)) {
        root = dir;
        break;
      }
    }
    envPath = join(root, '.env');
  }
  const envDir = dirname(envPath);
  let examplePath = join(envDir, ENV_TEMPLATE_NAMES[0]);
  for (const name of ENV_TEMPLATE_NAMES) {
    if (await exists(join(envDir, name))) {
      examplePath = join(envDir, name);
      break;
    }
  }
  let deno = false;
  for (const dir of dirs) {
    if ((await exists(join(dir, 'deno.json'))) || (await exists(join(dir, 'deno.jsonc')))) {
      deno = true;
      break;
    }
  }
  return {
    env: { path: envPath, text: await read(envPath) },
    example: { path: examplePath, text: await read(examplePath) },
    gitignore: await gitignoreState(envPath, workspaceFolder, read),
    deno,
  };
}

async function gitignoreState(envPath: string, workspaceFolder: string, read: ReadText): Promise<GitignoreState> {
  const root = (await findGitRoot(dirname(envPath))) ?? workspaceFolder;
  const levels: IgnoreLevel[] = [];
  const exclude = await read(join(root, '.git', 'info', 'exclude'));
  if (exclude !== undefined) {
    levels.push(ignoreLevel(root, join(root, '.git', 'info', 'exclude'), exclude));
  }
  for (const dir of upTo(dirname(envPath), root).reverse()) {
    const text = await read(join(dir, '.gitignore'));
    if (text !== undefined) {
      levels.push(ignoreLevel(dir, join(dir, '.gitignore'), text));
    }
  }
  const ignored = isIgnored(levels, envPath, false) || isInIgnoredFolder(levels, root, envPath);
  const path = join(root, '.gitignore');
  const negation = ignored ? undefined : negationOf(levels, envPath);
  return {
    path,
    text: await read(path),
    ignoresEnv: ignored,
    ...(negation && negation.file === path ? { negationLine: negation.line } : {}),
  };
}
