import { open, readdir, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import ignore from 'ignore';
import {
  HYGIENE_CODES,
  type HygieneProblem,
  SECRET_FILE_KINDS,
  ignorePatternFor,
  mayBeSecretFile,
  secretFileKind,
  type SecretFileKind,
} from '../../core/hygiene';
import { gitIgnored, gitTracked } from './git';
import { readIndexPaths } from './git-index';
import { IgnoreFiles, relativePosix } from './ignore-eval';
import { findGitRoot } from './repo-root';

/** A secret file git would commit, or does already, or a `.gitignore` line that lets it in. */
export interface HygieneFinding {
  problem: HygieneProblem;
  /** The secret file (absolute), or for `unignore-rule` the `.gitignore` holding the line. */
  file: string;
  /** For `unignore-rule`: the zero-based line of the negation. */
  line?: number;
  /** The secret file's path from the repository root (`/`-separated). */
  relativePath: string;
  kind: SecretFileKind;
  /** The `.gitignore` line that would ignore it. */
  pattern: string;
  /** The repository root, or the folder when it is not a repository. */
  root: string;
  /** The `.gitignore` the fix edits. */
  gitignore: string;
  /** For `tracked`: whether the ignore files ignore it already (which does not untrack it). */
  ignored?: boolean;
}

export interface HygieneOptions {
  /** Ask git (a trusted workspace with git installed); otherwise never run it. */
  useGit: boolean;
  /** The kinds of secret file: the built-in table, and the project's own. */
  kinds?: readonly SecretFileKind[];
  /** Files the project allowlisted (test fixtures with fake keys): never reported. */
  allowlisted?: (path: string) => boolean;
  /** Check codes the project disabled (`secret-file-not-ignored`, …). */
  disabled?: readonly string[];
  /** Check only these files (absolute, inside `folder`) instead of walking it: a commit's file list. */
  files?: readonly string[];
  /** Repository roots already found, by folder (see findGitRoot): shared by the checks of one run. */
  gitRoots?: Map<string, string | undefined>;
  /**
   * Each repository's index, by root, once read: shared by the checks of one run (a hook's list
   * names files in many folders of one repository, and each asked git for the same index).
   */
  indexes?: Map<string, Promise<RepositoryIndex>>;
}

/** The paths a repository's index holds, and whether git gave them (else they were read from `.git/index`). */
export interface RepositoryIndex {
  tracked: Set<string>;
  byGit: boolean;
}

export interface HygieneResult {
  findings: HygieneFinding[];
  /** How ignoring was decided: git itself, the ignore files read without git, or not at all. */
  method: 'git' | 'ignore-files' | 'none';
  root?: string;
}

/** Folders walked for candidates no more: dependencies and build output, large and rarely the user's. */
const SKIP = new Set([
  '.git',
  'node_modules',
  '.venv',
  'venv',
  '__pycache__',
  '.tox',
  '.mypy_cache',
  'target',
  'dist',
  'build',
  '.next',
  '.nuxt',
  'coverage',
  '.terraform',
  '.gradle',
  'bower_components',
  'vendor',
]);
const MAX_FILES = 200_000;
const MAX_CONTENT = 256 * 1024;

async function readHead(path: string): Promise<string | undefined> {
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(MAX_CONTENT);
      const { bytesRead } = await handle.read(buffer, 0, MAX_CONTENT, 0);
      return buffer.toString('utf8', 0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

/** Files under `root` whose names could be secret files, and every `.gitignore`, skipping dependency folders. */
async function candidates(root: string, kinds: readonly SecretFileKind[]): Promise<{ files: string[]; gitignores: string[] }> {
  const files: string[] = [];
  const gitignores: string[] = [];
  let seen = 0;
  const walk = async (dir: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (++seen > MAX_FILES) return;
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP.has(e.name)) await walk(path);
      } else if (e.isFile()) {
        if (e.name === '.gitignore') gitignores.push(path);
        if (mayBeSecretFile(relativePosix(root, path), kinds)) files.push(path);
      }
    }
  };
  await walk(root);
  return { files, gitignores };
}

/**
 * Checks that the secret files of `folder` are git-ignored and not tracked. With `useGit` (a
 * trusted workspace with git installed) git answers itself, so nested `.gitignore` files,
 * `.git/info/exclude` and `core.excludesFile` all count; without it the same files are read and
 * evaluated with the `ignore` library, and the index is read from `.git/index`. A folder outside
 * any repository is checked only if it has a `.gitignore`.
 */
export async function checkHygiene(folder: string, options: HygieneOptions): Promise<HygieneResult> {
  const kinds = options.kinds ?? SECRET_FILE_KINDS;
  const allowlisted = options.allowlisted ?? ((): boolean => false);
  // Files named (a hook's list) of which none may be a secret file: nothing to decide, so no
  // repository to look for and no git to ask. Most folders of a list are such, and each asked git
  // twice: 3,000 files named in 159 folders of a repository took 5.2 s to scan, against 0.6 s for
  // the folder itself.
  const named = options.files?.filter(f => mayBeSecretFile(relativePosix(folder, f), kinds));
  if (named?.length === 0) return { findings: [], method: 'none' };
  const repo = await findGitRoot(folder, options.gitRoots);
  const hasGitignore = await stat(join(folder, '.gitignore')).then(
    () => true,
    () => false,
  );
  if (!repo && !hasGitignore) {
    return { findings: [], method: 'none' };
  }
  const root = repo ?? folder;
  let method: HygieneResult['method'] = repo && options.useGit ? 'git' : 'ignore-files';
  const walked = named ? { files: named, gitignores: [] } : await candidates(folder, kinds);
  let tracked = new Set<string>();
  if (repo) {
    let reading = options.indexes?.get(root);
    if (!reading) {
      reading = indexOf(root, method === 'git');
      options.indexes?.set(root, reading);
    }
    const index = await reading;
    tracked = index.tracked;
    if (method === 'git' && !index.byGit) method = 'ignore-files'; // git failed here (a broken or foreign repository): read the files
  }

  // Secret files: those the walk found, and tracked ones the walk skipped (a committed dist/.env).
  const paths = new Set(walked.files);
  const inside = folder.endsWith(sep) ? folder : folder + sep;
  for (const rel of options.files ? [] : tracked) {
    const abs = join(root, rel);
    // Tracked files deleted from the disk are left to `git status`.
    if (
      abs.startsWith(inside) &&
      mayBeSecretFile(rel, kinds) &&
      (await stat(abs).then(
        st => st.isFile(),
        () => false,
      ))
    )
      paths.add(abs);
  }
  const secrets: Array<{ path: string; rel: string; kind: SecretFileKind }> = [];
  for (const path of paths) {
    if (allowlisted(path)) continue;
    const rel = relativePosix(root, path);
    // By name first; kinds known by their content (.npmrc with a token) need the text.
    let kind = secretFileKind(rel, undefined, kinds);
    if (!kind) {
      const content = await readHead(path);
      kind = secretFileKind(rel, () => content, kinds);
    }
    if (kind) secrets.push({ path, rel, kind });
  }

  const ignored =
    (method === 'git'
      ? await gitIgnored(
          root,
          secrets.map(s => s.rel),
        )
      : undefined) ??
    (await ignoredByFiles(
      root,
      secrets.map(s => s.path),
    ));
  const gitignore = join(root, '.gitignore');
  const findings: HygieneFinding[] = [];
  for (const s of secrets) {
    const problem = tracked.has(s.rel) ? 'tracked' : ignored.has(s.rel) ? undefined : 'not-ignored';
    if (problem) {
      findings.push({
        problem,
        file: s.path,
        relativePath: s.rel,
        kind: s.kind,
        pattern: ignorePatternFor(s.kind, s.rel),
        root,
        gitignore,
        ...(problem === 'tracked' ? { ignored: ignored.has(s.rel) } : {}),
      });
    }
  }
  findings.push(...(await negations(root, walked.gitignores, secrets, kinds, gitignore)));
  const disabled = new Set(options.disabled ?? []);
  return { findings: findings.filter(f => !disabled.has(HYGIENE_CODES[f.problem])), method, root };
}

/** The index of the repository at `root`: from git when asked to and it answers, else read from `.git/index`. */
async function indexOf(root: string, useGit: boolean): Promise<RepositoryIndex> {
  const byGit = useGit ? await gitTracked(root) : undefined;
  return byGit ? { tracked: byGit, byGit: true } : { tracked: (await readIndexPaths(root)) ?? new Set<string>(), byGit: false };
}

async function ignoredByFiles(root: string, paths: readonly string[]): Promise<Set<string>> {
  const files = new IgnoreFiles(root);
  const out = new Set<string>();
  for (const path of paths) {
    if (await files.ignores(path)) out.add(relativePosix(root, path));
  }
  return out;
}

/**
 * `.gitignore` lines that un-ignore a secret file (`!.env`, `!config/*.pem`): each a finding on
 * its line, whether or not such a file exists yet.
 */
async function negations(
  root: string,
  gitignores: readonly string[],
  secrets: ReadonlyArray<{ path: string; rel: string; kind: SecretFileKind }>,
  kinds: readonly SecretFileKind[],
  fixFile: string,
): Promise<HygieneFinding[]> {
  const out: HygieneFinding[] = [];
  for (const file of gitignores) {
    const text = (await readHead(file)) ?? '';
    const base = dirname(file);
    text.split(/\r?\n/).forEach((raw, line) => {
      const trimmed = raw.trim();
      if (!trimmed.startsWith('!')) return;
      const pattern = trimmed.slice(1);
      const matcher = ignore().add(pattern);
      const hit = secrets.find(s => s.path.startsWith(base) && matcher.ignores(relativePosix(base, s.path)));
      const named = pattern.replace(/^\/+/, '').replace(/^\*\*\//, '');
      const kind =
        hit?.kind ??
        secretFileKind(
          named,
          undefined,
          kinds.filter(k => !k.contains),
        );
      if (!kind) return;
      const rel = hit?.rel ?? relativePosix(root, join(base, named));
      out.push({ problem: 'unignore-rule', file, line, relativePath: rel, kind, pattern: ignorePatternFor(kind, rel), root, gitignore: fixFile });
    });
  }
  return out;
}
