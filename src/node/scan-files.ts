import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { createPathMatcher, type Finding, type Scanner } from '../core';
import { secretFingerprint } from './baseline';
import { walkFiles } from './gitignore-walk';
import type { LoadedConfig } from './project-config';
import { readTextFile, type SkipReason } from './read-text';

/** A finding with its fingerprint (rule and secret hashed): what baselines and SARIF match on. */
export type FingerprintedFinding = Finding & { fingerprint: string };

/** What scanning one file gave. */
export type FileResult =
  | { file: string; findings: FingerprintedFinding[] }
  | { file: string; skipped: SkipReason };

export interface ScanFilesOptions {
  scanner: Scanner;
  config: LoadedConfig;
  /** Files larger than this are skipped, not read. */
  maxFileBytes: number;
}

/** Default size limit: larger files are almost always generated or data. */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

/**
 * Scans files and folders. Folders are walked with their `.gitignore` files honoured; a file
 * named explicitly is scanned even if ignored, since the user asked for it. Paths the config
 * allowlists are never read. Throws for a path that does not exist.
 */
export async function* scanPaths(paths: readonly string[], options: ScanFilesOptions): AsyncGenerator<FileResult> {
  const allowlisted = createPathMatcher(options.config.config.allowlistPaths);
  const isAllowlisted = (absolute: string): boolean => {
    const rel = relative(options.config.root, absolute);
    return !rel.startsWith('..') && rel !== '' && allowlisted(rel);
  };
  for (const path of paths.map(p => resolve(p))) {
    const info = await stat(path);
    if (info.isDirectory()) {
      for await (const file of walkFiles(path, rel => isAllowlisted(resolve(path, rel)))) {
        yield await scanFile(file, options);
      }
    } else if (!isAllowlisted(path)) {
      yield await scanFile(path, options);
    }
  }
}

async function scanFile(file: string, { scanner, maxFileBytes }: ScanFilesOptions): Promise<FileResult> {
  const text = await readTextFile(file, maxFileBytes);
  if (text === 'binary' || text === 'too-large') {
    return { file, skipped: text };
  }
  return { file, findings: scanText(scanner, text) };
}

/** Scans text (a file, a staged blob, standard input) and fingerprints each finding. */
export function scanText(scanner: Scanner, text: string): FingerprintedFinding[] {
  return scanner.scan(text).map(f => ({ ...f, fingerprint: secretFingerprint(f.ruleId, text.slice(f.start, f.end)) }));
}
