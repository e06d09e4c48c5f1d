import type { Finding } from '../../core';

/** A finding with the file it was found in, as reporters receive it. */
export interface FileFinding {
  /** Path relative to the working folder, `/`-separated. */
  file: string;
  finding: Finding;
}

/** The totals a reporter may summarise. */
export interface ScanSummary {
  filesScanned: number;
  filesSkipped: number;
  elapsedMs: number;
}

/** Turns findings into output. Every reporter prints masked values only. */
export interface Reporter {
  format(findings: readonly FileFinding[], summary: ScanSummary): string;
}
