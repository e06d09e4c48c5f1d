import type { Finding, Severity } from '../../core';
import type { HygieneProblem } from '../../core/hygiene/checks';

/** A finding with the file it was found in, as reporters receive it. */
export interface FileFinding {
  /** Path relative to the working folder, `/`-separated. */
  file: string;
  finding: Finding;
}

/** A secret file git would commit or tracks already, or a `.gitignore` line that lets one in. */
export interface HygieneFileFinding {
  /** Path relative to the working folder, `/`-separated. */
  file: string;
  /** Zero-based line: the negation's line in a `.gitignore`, else 0. */
  line: number;
  problem: HygieneProblem;
  code: string;
  severity: Severity;
  message: string;
}

/** The totals a reporter may summarise. */
export interface ScanSummary {
  filesScanned: number;
  filesSkipped: number;
  elapsedMs: number;
}

/** Turns findings into output. Every reporter prints masked values only. */
export interface Reporter {
  format(findings: readonly FileFinding[], summary: ScanSummary, hygiene: readonly HygieneFileFinding[]): string;
}
