import type { Rule, Severity } from '../../core';
import type { HygieneProblem } from '../../core/hygiene';
import type { FingerprintedFinding } from '../../node/scan/scan-files';

/** A finding with the file it was found in, as reporters receive it. */
export interface FileFinding {
  /** Path relative to the working folder, `/`-separated (`<stdin>` for standard input). */
  file: string;
  finding: FingerprintedFinding;
  /** The secret's keyed fingerprint (salted scrypt), made for the reports that write it: JSON, SARIF, baselines. */
  fingerprint?: string;
  /** From `scan --history`: the commit that first brought the secret, and whether HEAD still holds it. */
  history?: { commit: string; author: string; date: string; inHead: boolean };
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

/** A secret file an exit other than git would carry (a Docker image): reported on the file that configures the exit. */
export interface ExitFileFinding {
  /** The configuring file (the Dockerfile), relative to the working folder, `/`-separated. */
  file: string;
  /** Zero-based line and columns of what carries it (the COPY). */
  line: number;
  column: number;
  endColumn: number;
  /** The exit's id (`docker-context`) and code. */
  exit: string;
  code: string;
  severity: Severity;
  message: string;
  /** The secret file, relative to the working folder. */
  secretFile: string;
}

/** A file or folder not scanned, and why: every reporter lists these (binary files are only counted). */
export interface SkippedPath {
  /** Relative to the working folder, `/`-separated. */
  file: string;
  reason: 'too-large' | 'unreadable' | 'time-budget';
  /** For an unreadable one, the system's word (`EACCES`, `EIO`); for the time budget, the rules it stopped. */
  detail?: string;
}

/** The totals a reporter may summarise. */
export interface ScanSummary {
  filesScanned: number;
  /** Files not scanned: binary ones, and those in `skipped`. */
  filesSkipped: number;
  /** What was not scanned and why, binary files aside. */
  skipped: SkippedPath[];
  /**
   * Something that should have been scanned was not: a file or folder could not be read, or a file
   * named on the command line was too large (or endless). The scan is not clean, whatever it found.
   */
  incomplete: boolean;
  elapsedMs: number;
  /** The size of what was read (the history scan's unique blobs). */
  bytesScanned?: number;
}

/** What a scan found, as every reporter receives it. */
export interface ScanReport {
  findings: FileFinding[];
  hygiene: HygieneFileFinding[];
  /** Secret files other exits would carry (Docker build contexts). */
  exits: ExitFileFinding[];
  summary: ScanSummary;
  /** The rules that ran, by id: SARIF describes the ones it reports. */
  rules: ReadonlyMap<string, Rule>;
}

export interface ReportOptions {
  /** ANSI colours (text only): a terminal, and neither --no-color nor NO_COLOR. */
  color: boolean;
  version: string;
  /** The folder paths are relative to (SARIF's %SRCROOT%). */
  cwd: string;
  /** The commit the working tree is at (GitLab's report names one per finding): CI's own, or HEAD. */
  commit?: string;
}

/** Turns findings into output. Every reporter prints masked values only. */
export interface Reporter {
  format(report: ScanReport, options: ReportOptions): string;
}
