import { relative, resolve, sep } from 'node:path';
import { DEFAULT_MAX_FILE_BYTES, scanPaths } from '../node/scan-files';
import { findProjectConfig } from '../node/project-config';
import { scannerFor } from '../node/rule-set';
import type { FileFinding, ScanSummary } from './reporters/reporter';

export interface ScanRun {
  findings: FileFinding[];
  summary: ScanSummary;
  /** Problems in the project config, already formatted for the user. */
  warnings: string[];
}

/** Scans `paths` (relative to `cwd`) with the config that governs `cwd`. */
export async function runScan(paths: readonly string[], cwd: string): Promise<ScanRun> {
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
  return { findings, warnings, summary: { filesScanned, filesSkipped, elapsedMs: performance.now() - started } };
}
