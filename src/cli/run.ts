import { stat } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { createPathMatcher } from '../core';
import { HYGIENE_CODES, HYGIENE_SEVERITY, hygieneMessage } from '../core/hygiene/checks';
import { SECRET_FILE_KINDS } from '../core/hygiene/secret-files';
import { checkHygiene, type HygieneFinding } from '../node/hygiene';
import { DEFAULT_MAX_FILE_BYTES, scanPaths } from '../node/scan-files';
import { findProjectConfig, type LoadedConfig } from '../node/project-config';
import { scannerFor } from '../node/rule-set';
import type { FileFinding, HygieneFileFinding, ScanSummary } from './reporters/reporter';

export interface ScanOptions {
  /** Ask git whether secret files are ignored and tracked; otherwise read the ignore files and the index. */
  git: boolean;
}

export interface ScanRun {
  findings: FileFinding[];
  /** Secret files git would commit or tracks already, and `.gitignore` lines that let them in. */
  hygiene: HygieneFileFinding[];
  summary: ScanSummary;
  /** Problems in the project config, already formatted for the user. */
  warnings: string[];
}

/** Scans `paths` (relative to `cwd`) with the config that governs `cwd`, then checks their git hygiene. */
export async function runScan(paths: readonly string[], cwd: string, options: ScanOptions = { git: true }): Promise<ScanRun> {
  const started = performance.now();
  const config = await findProjectConfig(cwd);
  const warnings = config.problems.map(p => `${relative(cwd, config.file ?? '') || config.file}:${p.line + 1}: ${p.message}`);
  const scanner = scannerFor(config.config);
  const findings: FileFinding[] = [];
  let filesScanned = 0;
  let filesSkipped = 0;
  const absolute = paths.map(p => resolve(cwd, p));
  for await (const result of scanPaths(absolute, { scanner, config, maxFileBytes: DEFAULT_MAX_FILE_BYTES })) {
    if ('skipped' in result) {
      filesSkipped++;
      continue;
    }
    filesScanned++;
    const file = relative(cwd, result.file).split(sep).join('/');
    for (const finding of result.findings) {
      findings.push({ file, finding });
    }
  }
  const hygiene = await checkPaths(absolute, config, options.git, cwd);
  return { findings, hygiene, warnings, summary: { filesScanned, filesSkipped, elapsedMs: performance.now() - started } };
}

/**
 * Git hygiene of what was scanned: every folder argument is walked for secret files; file
 * arguments (a hook's list of staged files) are checked one by one, grouped by folder.
 */
async function checkPaths(absolute: readonly string[], config: LoadedConfig, git: boolean, cwd: string): Promise<HygieneFileFinding[]> {
  const allowlist = createPathMatcher(config.config.allowlistPaths);
  const options = {
    useGit: git,
    kinds: [...SECRET_FILE_KINDS, ...config.config.secretFiles],
    allowlisted: (path: string) => allowlist(relative(config.root, path)),
    disabled: config.config.disabledRules,
  };
  const folders: string[] = [];
  const filesByFolder = new Map<string, string[]>();
  for (const path of absolute) {
    if ((await stat(path)).isDirectory()) {
      folders.push(path);
    } else {
      filesByFolder.set(dirname(path), [...(filesByFolder.get(dirname(path)) ?? []), path]);
    }
  }
  const found: HygieneFinding[] = [];
  for (const folder of folders) {
    found.push(...(await checkHygiene(folder, options)).findings);
  }
  for (const [folder, files] of filesByFolder) {
    found.push(...(await checkHygiene(folder, { ...options, files })).findings);
  }
  const seen = new Set<string>();
  return found
    .filter(f => {
      const key = `${f.problem}\0${f.file}\0${f.line ?? 0}`;
      return !seen.has(key) && (seen.add(key), true);
    })
    .map(f => ({
      file: relative(cwd, f.file).split(sep).join('/'),
      line: f.line ?? 0,
      problem: f.problem,
      code: HYGIENE_CODES[f.problem],
      severity: HYGIENE_SEVERITY[f.problem],
      message: hygieneMessage({ ...f, description: f.kind.description }),
    }));
}
