/**
 * Where a piece of code's env files are: the one module that decides it for writing (Move to .env:
 * `findEnvTargets`) and for reading (hover, completion, the `.env` checks: `envFilesFor`,
 * `envFilesIn`). Both honour `secretSafe.envFile`.
 */
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { readdir } from 'node:fs/promises';
import { ENV_FILE_NAME, ENV_TEMPLATE_NAMES } from '../../core/dotenv';
import type { FileState, GitignoreState } from '../../core/fix';
import { findGitRoot } from '../git/repo-root';
import { ignoreLevel, isIgnored, isInIgnoredFolder, negationOf, type IgnoreLevel } from '../git/gitignore-rules';
import { exists, foldersUp } from '../paths';

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
export const PROJECT_MARKERS = [
  'package.json',
  'deno.json',
  'deno.jsonc',
  'pyproject.toml',
  'requirements.txt',
  'setup.py',
  'go.mod',
  'Cargo.toml',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'Gemfile',
  'composer.json',
  'Package.swift',
  'pubspec.yaml',
  'mix.exs',
];

/**
 * The `.env` "Move to .env" writes for a file, and the one whose variables the file's code is
 * meant to read: the `envFile` setting; else the nearest existing `.env` in the file's folder or
 * its parents up to the workspace folder; else a new one at the nearest project root.
 */
export async function envTargetPath(documentPath: string, workspaceFolder: string, envFile?: string): Promise<string> {
  const configured = configuredEnvPath(workspaceFolder, envFile);
  if (configured) return configured;
  for (const dir of foldersUp(dirname(documentPath), workspaceFolder)) {
    if (await exists(join(dir, '.env'))) return join(dir, '.env');
  }
  return join((await nearestProjectRoot(dirname(documentPath), workspaceFolder, name => PROJECT_MARKERS.includes(name))) ?? workspaceFolder, '.env');
}

/** The nearest folder from `from` up to `to` holding an entry `isMarker` accepts (a manifest), if any. */
export async function nearestProjectRoot(from: string, to: string, isMarker: (name: string) => boolean): Promise<string | undefined> {
  for (const dir of foldersUp(from, to)) {
    if ((await readdir(dir).catch(() => [] as string[])).some(isMarker)) return dir;
  }
  return undefined;
}

/**
 * Where "Move to .env" writes, for a file in a workspace folder: the nearest `.env` in the file's
 * folder or its parents up to the workspace folder (or the `envFile` setting), else a new one at
 * the nearest project root; the committed example beside it; and the `.gitignore` of the
 * repository holding it, with whether `.env` is ignored already (nested `.gitignore` files,
 * negations and `.git/info/exclude` considered).
 */
export async function findEnvTargets(documentPath: string, workspaceFolder: string, read: ReadText, envFile?: string): Promise<EnvTargets> {
  const dirs = [...foldersUp(dirname(documentPath), workspaceFolder)];
  const envPath = await envTargetPath(documentPath, workspaceFolder, envFile);
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

/** The `.gitignore` at the root of the repository holding `envPath`, and whether that path is ignored there already. */
export async function gitignoreState(envPath: string, workspaceFolder: string, read: ReadText): Promise<GitignoreState> {
  const root = (await findGitRoot(dirname(envPath))) ?? workspaceFolder;
  const levels: IgnoreLevel[] = [];
  const exclude = await read(join(root, '.git', 'info', 'exclude'));
  if (exclude !== undefined) {
    levels.push(ignoreLevel(root, join(root, '.git', 'info', 'exclude'), exclude));
  }
  for (const dir of [...foldersUp(dirname(envPath), root)].reverse()) {
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

/** An environment file as found beside or above some code: `.env`, `.env.production`, `.env.example`, … */
export interface EnvFile {
  path: string;
  fileName: string;
  text: string;
}

/** The environment files in one folder, in name order (read as the editor has them). */
export async function envFilesIn(dir: string, read: ReadText): Promise<EnvFile[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const files: EnvFile[] = [];
  for (const fileName of names.filter(n => ENV_FILE_NAME.test(n)).sort()) {
    const path = join(dir, fileName);
    const text = await read(path);
    if (text !== undefined) files.push({ path, fileName, text });
  }
  return files;
}

/**
 * The environment files a piece of code can see: those in its folder and in each parent up to
 * the workspace folder (a monorepo package's own, then the root's), nearest first.
 */
export async function envFilesFor(documentPath: string, workspaceFolder: string | undefined, read: ReadText, envFile?: string): Promise<EnvFile[]> {
  const files: EnvFile[] = [];
  const dirs = [...foldersUp(dirname(documentPath), workspaceFolder ?? dirname(documentPath))];
  for (const dir of dirs) files.push(...(await envFilesIn(dir, read)));
  // The file `secretSafe.envFile` names, where Move to .env writes, and the files beside it.
  const configured = workspaceFolder ? configuredEnvPath(workspaceFolder, envFile) : undefined;
  if (configured && !dirs.includes(dirname(configured))) {
    const beside = await envFilesIn(dirname(configured), read);
    const named = beside.some(f => f.path === configured) ? [] : await envFileAt(configured, read);
    files.push(...named, ...beside);
  }
  return files;
}

/** The env file `secretSafe.envFile` names, resolved against the workspace folder; none when unset. */
function configuredEnvPath(workspaceFolder: string, envFile: string | undefined): string | undefined {
  return envFile ? (isAbsolute(envFile) ? envFile : resolve(workspaceFolder, envFile)) : undefined;
}

/** One named file as an env file, whatever its name (`config/app.env`); none when it cannot be read. */
async function envFileAt(path: string, read: ReadText): Promise<EnvFile[]> {
  const text = await read(path);
  return text === undefined ? [] : [{ path, fileName: basename(path), text }];
}
