import { DiagnosticSeverity, type Diagnostic, type TextDocuments } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { createPathMatcher, languageOf, maskFoundSecrets, rotationOf, type Finding } from '../core';
import { noteExits } from '../core/exits';
import type { FingerprintedFinding } from '../node/scan/scan-batch';
import { type CommittedSecrets, committedEnvDiagnostic, committedNote } from './committed';
import { holdsEnvValues } from '../node/project-scan';
import { secretHash } from '../node/scan/fingerprint';
import { LARGE_DOCUMENT_CHARS, LargeDocuments } from './large-documents';
import { configDiagnostic, findingDiagnostics, toDiagnostic } from './diagnostics';
import { customizeRules } from './rule-customizations';
import { clientSideReason } from '../core/env-code';
import { isTemplate, type DotenvCheck } from './dotenv-check';
import { loggedEnvDiagnostics } from './env-code';
import type { EnvLoadingCheck } from './env-loading';
import type { DocumentScope, Folders } from './folders';
import type { Settings } from '../shared/settings';
import type { Publisher } from './publisher';
import type { SettingsStore } from './settings-store';

/** Pause after the last keystroke before a document is checked. */
export const TYPING_DELAY_MS = 150;

/**
 * Checks documents and publishes their diagnostics. Runs are debounced per document while the
 * user types, and a run whose document changed while it waited for settings is dropped: the
 * newer version has its own run scheduled, so stale diagnostics never overwrite fresh ones.
 */
export class Validator {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly publisher: Publisher,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
    private readonly folders: Folders,
    private readonly dotenv: DotenvCheck,
    private readonly envLoading: EnvLoadingCheck,
    private readonly large: LargeDocuments = new LargeDocuments(),
    private readonly committed?: CommittedSecrets,
  ) {}

  /** Checks `document` after `delayMs`, replacing any run already waiting for it. */
  schedule(document: TextDocument, delayMs: number): void {
    this.cancel(document.uri);
    const { uri, version } = document;
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.validate(uri, version);
      }, delayMs),
    );
  }

  cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
  }

  /**
   * After an env file changed, the other open env files of its folder: drift and shared secrets
   * are judged against it.
   */
  envSiblings(document: TextDocument, delayMs: number): void {
    const path = URI.parse(document.uri).path;
    if (languageOf(path, document.languageId) !== 'dotenv') return;
    const dir = path.slice(0, path.lastIndexOf('/') + 1);
    for (const other of this.documents.all()) {
      const otherPath = URI.parse(other.uri).path;
      if (
        other.uri !== document.uri &&
        otherPath.lastIndexOf('/') + 1 === dir.length &&
        otherPath.startsWith(dir) &&
        languageOf(otherPath, other.languageId) === 'dotenv'
      ) {
        this.schedule(other, delayMs);
      }
    }
  }

  /** Schedules every open document, as after a settings or config change. */
  all(): void {
    for (const document of this.documents.all()) {
      this.schedule(document, 0);
    }
  }

  clear(uri: string): void {
    this.cancel(uri);
    void this.folders.configProblems(uri).then(problems => this.publisher.set(uri, 'document', problems.map(configDiagnostic)));
  }

  /** Publishes the problems of every folder's config file; open ones are checked as documents. */
  async publishConfigProblems(): Promise<void> {
    for (const { project } of await this.folders.all()) {
      if (!project.loaded.file) {
        continue;
      }
      const uri = URI.file(project.loaded.file).toString();
      const open = this.documents.get(uri);
      if (open) {
        this.schedule(open, 0);
      } else {
        this.publisher.set(uri, 'document', project.loaded.problems.map(configDiagnostic));
      }
    }
  }

  private async validate(uri: string, version: number): Promise<void> {
    const settings = await this.settings.get(uri);
    const scope = await this.folders.resolve(uri);
    const document = this.documents.get(uri);
    if (!document || document.version !== version) {
      return; // closed, or changed while we waited: the newer run reports
    }
    const excluded = scope.allowlisted || (scope.relativePath !== undefined && excludeMatcher(settings)(scope.relativePath));
    const path = URI.parse(uri).path;
    const lang = languageOf(path, document.languageId);
    const checked = settings.enable && !excluded;
    const diagnostics: Diagnostic[] = [];
    // What the history says (trusted workspaces; built in the background, then everything is checked again).
    const history = this.committed && scope.relativePath !== undefined ? this.committed.index(scope.project.loaded.root, scope.project) : undefined;
    // A .env file is where secrets belong; its own checks (ignored by git, not committed) are elsewhere.
    if (checked && !holdsEnvValues(path)) {
      const text = document.getText();
      let findings: Finding[];
      if (text.length >= LARGE_DOCUMENT_CHARS) {
        // Off this thread, under a time budget: no file holds up the others' diagnostics.
        const folder = scope.relativePath !== undefined ? scope.project.loaded.root : undefined;
        const scanned = await this.large.scan(folder, this.folders.isTrusted, text);
        if (this.documents.get(uri)?.version !== version) return;
        findings = scanned === 'stopped' ? [] : scope.project.reportable(documentPath(uri), scanned, f => f.secretHash);
        if (scanned === 'stopped') diagnostics.push(stoppedDiagnostic());
      } else {
        findings = reportable(scope, uri, text);
      }
      findings = customizeRules(findings, settings.rules);
      noteExits(findings, text, path, lang);
      // Whether the file reaches the browser is asked only when there is a finding to say it of.
      const browser = findings.length > 0 ? clientSideReason(path, text) : undefined;
      const template = isTemplate(path);
      const shown = findingDiagnostics(findings, f => {
        const d = toDiagnostic(document, f, browser);
        const committed =
          history && history.secrets.size > 0
            ? history.secrets.get(`${f.ruleId}\0${(f as Partial<FingerprintedFinding>).secretHash ?? secretHash(f.ruleId, text.slice(f.start, f.end))}`)
            : undefined;
        if (committed) {
          d.message = `${d.message} ${committedNote(committed, rotationOf(f).page)}`;
          d.relatedInformation = [
            {
              location: { uri, range: d.range },
              message: `First committed in ${committed.commit} by ${maskFoundSecrets(committed.author)} on ${committed.date}`,
            },
          ];
        }
        return template && f.severity !== 'info' ? this.dotenv.exampleSecretDiagnostic(d, path) : d;
      });
      for (const d of shown) diagnostics.push(d);
      // Code that logs env values.
      diagnostics.push(...loggedEnvDiagnostics(document, lang));
      // Reads of variables .env sets, when nothing loads .env.
      diagnostics.push(...(await this.envLoading.diagnostics(document)));
    }
    // Environment files, templates included, get the .env health checks.
    if (checked && lang === 'dotenv') {
      diagnostics.push(...(await this.dotenv.diagnostics(document)));
      const committedEnv = history?.envFiles.get(documentPath(uri));
      if (committedEnv) diagnostics.push(committedEnvDiagnostic(documentPath(uri), committedEnv));
    }
    // One publish per document: a config file's own problems travel with its findings.
    diagnostics.push(...(await this.folders.configProblems(uri)).map(configDiagnostic));
    if (this.documents.get(uri)?.version !== version) {
      return;
    }
    this.publisher.set(uri, 'document', diagnostics, version);
  }
}

/** A document's path: an untitled document's is its name (only a file on disk has a baseline entry). */
function documentPath(uri: string): string {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath : parsed.path;
}

/** Said on a large document whose scan ran out of its time budget. */
function stoppedDiagnostic(): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: 'secret-safe',
    code: 'scan-stopped',
    message:
      'Secret Safe stopped checking this file: its scan ran out of its time budget, so it was not checked for secrets. Scan it with the CLI (secret-safe scan), which has no such limit.',
  };
}

/** The document's findings that its project reports (`ProjectScan.reportable`). */
function reportable(scope: DocumentScope, uri: string, text: string): Finding[] {
  const path = documentPath(uri);
  return scope.project.reportable(path, scope.project.scanner.scan(text), f => secretHash(f.ruleId, text.slice(f.start, f.end)));
}

const excludeMatchers = new WeakMap<Settings, (relativePath: string) => boolean>();

/** `secretSafe.exclude` compiled once per settings object (the store caches those per document). */
function excludeMatcher(settings: Settings): (relativePath: string) => boolean {
  let matcher = excludeMatchers.get(settings);
  if (!matcher) {
    matcher = createPathMatcher(settings.exclude);
    excludeMatchers.set(settings, matcher);
  }
  return matcher;
}
