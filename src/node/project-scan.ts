import { basename, isAbsolute, relative } from 'node:path';
import { BUILTIN_RULES, EMPTY_CONFIG, createPathMatcher, type ProjectConfig, type Rule, type Scanner } from '../core';
import { ENV_FILE_NAME, endsAsTemplate } from '../core/dotenv';
import { SECRET_FILE_KINDS, type SecretFileKind } from '../core/hygiene';
import type { HygieneOptions } from './git/hygiene';
import { toPosix } from './paths';
import { findProjectConfig, loadProjectConfig, type LoadedConfig } from './project-config';
import { baselineFilter, baselinePath, type BaselineEntry } from './scan/baseline';
import type { ExcludeTest } from './scan/gitignore-walk';
import { scannerFor } from './scan/rule-set';

/** Accepted findings, their paths relative to `dir` (the baseline file's folder), and the salt of their fingerprints (none: version 1). */
export interface Baseline {
  entries: BaselineEntry[];
  dir: string;
  salt?: string;
}

/**
 * Everything that decides what a scan of one project reports, built in one place for the CLI, the
 * editor's open files, Scan Workspace and the scan workers, so that they agree on every file: the
 * project's config and its problems, the scanner it asks for, the allowlisted paths, the baseline,
 * the secret-file kinds for git hygiene, and the rule that an env file holds values, not findings.
 */
export class ProjectScan {
  private built: Scanner | undefined;
  private readonly allowlistMatch: (relativePath: string) => boolean;
  /** The baseline's entries by file, as the baseline writes paths; its folder. */
  private readonly baseline: { byFile: Map<string, BaselineEntry[]>; dir: string; salt?: string } | undefined;

  /** `baseline`: accepted findings to use instead of the one the config names (`--baseline`); `null`: none. */
  constructor(
    readonly loaded: LoadedConfig,
    baseline?: Baseline | null,
  ) {
    this.allowlistMatch = createPathMatcher(loaded.config.allowlistPaths);
    const chosen = baseline === undefined ? loaded.baseline : (baseline ?? undefined);
    if (chosen) {
      const byFile = new Map<string, BaselineEntry[]>();
      for (const e of chosen.entries) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
      this.baseline = { byFile, dir: chosen.dir, ...(chosen.salt ? { salt: chosen.salt } : {}) };
    }
  }

  /**
   * The project of a workspace folder: its own `.secret-safe.json` only (an unreadable one counts
   * as none). In a workspace the user has not trusted, the config's own regular expressions (its
   * rules, and the `contains` of its secret files) are left out, with a problem saying so: they
   * are the repository's code, run on every file.
   */
  static async ofFolder(folder: string, { trusted = true } = {}): Promise<ProjectScan> {
    const loaded = await loadProjectConfig(folder).catch((): LoadedConfig => ({ config: EMPTY_CONFIG, root: folder, problems: [] }));
    return new ProjectScan(trusted ? loaded : withoutOwnPatterns(loaded));
  }

  /** The project that governs `start` for the CLI: the nearest config in it or above, up to the repository root. */
  static async governing(start: string, baseline?: Baseline | null): Promise<ProjectScan> {
    return new ProjectScan(await findProjectConfig(start), baseline);
  }

  get config(): ProjectConfig {
    return this.loaded.config;
  }

  /** The scanner the config asks for, built when first needed (a walk on worker threads never needs it here). */
  get scanner(): Scanner {
    this.built ??= scannerFor(this.loaded.config);
    return this.built;
  }

  /** The scanner if something built it already; never builds one. */
  get scannerIfBuilt(): Scanner | undefined {
    return this.built;
  }

  /** Every rule by id, custom ones included: the reporters' help texts. */
  get rules(): Map<string, Rule> {
    return new Map<string, Rule>([...BUILTIN_RULES, ...this.loaded.config.rules].map(r => [r.id, r]));
  }

  /**
   * The kinds of secret file git hygiene looks for: the built-in table and the project's own. One
   * array for the project's life: a run's shared walk is reused only by a check asking for the same
   * kinds (a new array each time had every package of a tree walk its own subtree again).
   */
  get secretFileKinds(): SecretFileKind[] {
    this.kinds ??= [...SECRET_FILE_KINDS, ...this.loaded.config.secretFiles];
    return this.kinds;
  }

  private kinds: SecretFileKind[] | undefined;

  /** Whether the config allowlists a path (absolute), matched from the project root; the root itself and paths outside never are. */
  isAllowlisted(absolute: string): boolean {
    const rel = relative(this.loaded.root, absolute);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && this.allowlistMatch(toPosix(rel));
  }

  /** The allowlist as a walk of `folder` sees it (paths relative to the folder); none when nothing can match. */
  allowlistedBelow(folder: string): ExcludeTest | undefined {
    const base = relative(this.loaded.root, folder);
    if (this.loaded.config.allowlistPaths.length === 0 || base.startsWith('..') || isAbsolute(base)) return undefined;
    const prefix = base === '' ? '' : `${toPosix(base)}/`;
    return rel => this.allowlistMatch(prefix + rel);
  }

  /** Whether findings are matched against a baseline (so need their secrets' hashes). */
  get hasBaseline(): boolean {
    return this.baseline !== undefined;
  }

  /**
   * The findings of the file at `path` that are reported: none in an env file that holds values
   * (`.env`, `.env.local`: that is where secrets belong, and git hygiene says whether git would
   * commit it), and none the baseline accepts (matched by path, rule, masked value and
   * fingerprint, never line). Call it once per file per scan or check: each baseline entry accepts
   * one occurrence. `secretHash` (fingerprint.ts) is asked only for a finding whose file and rule
   * have a baseline entry: most checks, every keystroke's included, never hash.
   */
  reportable<F extends { ruleId: string; masked: string }>(path: string, findings: F[], secretHash: (finding: F) => string): F[] {
    if (findings.length === 0) return findings;
    if (holdsEnvValues(path)) return [];
    const entries = this.baseline?.byFile.get(baselinePath(this.baseline.dir, path));
    if (!entries) return findings;
    // Each entry accepts one occurrence in its file: a second copy of the secret is reported.
    const accepted = baselineFilter(entries, this.baseline!.salt);
    return findings.filter(f => !accepted(entries[0].file, f, () => secretHash(f)));
  }

  /** Git hygiene's options for this project. */
  hygieneOptions(useGit: boolean): HygieneOptions {
    return { useGit, kinds: this.secretFileKinds, allowlisted: path => this.isAllowlisted(path), disabled: this.loaded.config.disabledRules };
  }
}

/** A config with its own rules and `contains` patterns left out, and a problem that says so. */
export function withoutOwnPatterns(loaded: LoadedConfig): LoadedConfig {
  const { rules, secretFiles } = loaded.config;
  const patterned = secretFiles.filter(f => f.contains).length;
  if (rules.length === 0 && patterned === 0) return loaded;
  const what = [
    rules.length > 0 && `${rules.length} custom rule${rules.length === 1 ? '' : 's'}`,
    patterned > 0 && `${patterned} "contains" pattern${patterned === 1 ? '' : 's'}`,
  ]
    .filter(Boolean)
    .join(' and ');
  return {
    ...loaded,
    config: { ...loaded.config, rules: [], secretFiles: secretFiles.filter(f => !f.contains) },
    problems: [
      ...loaded.problems,
      {
        line: 0,
        message: `this workspace is not trusted, so its ${what} (regular expressions from the repository) are not run; trust the workspace to use them`,
      },
    ],
  };
}

/**
 * An env file that holds real values: `.env`, `.env.local`, `.env.production`, the files git
 * hygiene checks are ignored and untracked. Not a committed template (`.env.example` is scanned),
 * and not any other file in dotenv syntax (`prod.env`, `config/app.env`): git hygiene does not
 * cover those, so their keys are findings.
 */
export function holdsEnvValues(path: string): boolean {
  return ENV_FILE_NAME.test(basename(path)) && !endsAsTemplate(path);
}
