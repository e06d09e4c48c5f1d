import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { CancellationToken, Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { createPathMatcher, findingMessage, type Finding } from '../core';
import { gitListFiles } from '../node/git/git';
import { SKIPPED_FOLDERS, walkFiles } from '../node/scan/gitignore-walk';
import { readTextFile } from '../node/scan/read-text';
import { scanText, type FingerprintedFinding } from '../node/scan/scan-files';
import { scanOnWorkers } from '../node/scan/scan-pool';
import { ScanProgressNotification, type WorkspaceScanResult } from '../shared/protocol';
import { findingDiagnostics, toDiagnostic } from './diagnostics';
import { customizeRules } from './rule-customizations';
import type { FolderState, Folders } from './folders';
import type { Publisher } from './publisher';
import type { SettingsStore } from './settings-store';
import { holdsEnvValues } from '../node/project-scan';
import { relativePosix } from '../node/paths';

/** Progress goes out at most this often: a notification per file would flood the client. */
const PROGRESS_EVERY_MS = 100;

/**
 * "Scan Workspace": every file of every workspace folder, read from disk, findings published as
 * diagnostics on the files that are not open (open ones are checked live from the editor's text).
 * Honours `.gitignore` (nested, negations), `files.exclude`, `search.exclude`, `secretSafe.exclude`,
 * the config's allowlist and baseline, and the size limit; skips binary files. Cancellable between
 * files. After a scan, a file that is closed again gets its on-disk findings back.
 */
export class WorkspaceScan {
  private ran = false;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly folders: Folders,
    private readonly settings: SettingsStore,
    private readonly publisher: Publisher,
    /** Whether git may run: a trusted workspace. */
    private readonly trusted: () => boolean,
  ) {}

  async run(token: CancellationToken): Promise<WorkspaceScanResult> {
    const started = performance.now();
    const result: WorkspaceScanResult = { filesScanned: 0, filesSkipped: 0, findings: 0, filesWithFindings: 0, elapsedMs: 0, cancelled: false, files: [] };
    const found = new Set<string>();
    let lastProgress = 0;
    const progress = (force = false): void => {
      const now = performance.now();
      if (force || now - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = now;
        void this.connection.sendNotification(ScanProgressNotification, { filesScanned: result.filesScanned, findings: result.findings });
      }
    };
    for (const state of await this.folders.all()) {
      const folderUri = URI.file(state.path).toString();
      const settings = await this.settings.get(folderUri);
      if (!settings.enable) continue;
      const excluded = await this.excludeTest(state, folderUri, settings.exclude);
      const maxBytes = settings.maxFileSizeMB * 1024 * 1024;
      // Files are read and scanned on worker threads, leaving a core to the editor and this server.
      const unreadable = (): void => void result.filesSkipped++;
      const scanned = scanOnWorkers(this.filesOf(state.path, excluded, unreadable), {
        cwd: state.path,
        config: 'own',
        trusted: this.trusted(),
        maxFileBytes: maxBytes,
        workerScript: join(__dirname, 'scan-worker.js'),
        threads: Math.max(1, availableParallelism() - 1),
      });
      scanning: for await (const batch of scanned) {
        for (const scan of batch) {
          if (token.isCancellationRequested) {
            result.cancelled = true;
            break scanning; // ends the workers too
          }
          const path = scan.file;
          // A folder nested in another workspace folder is scanned as itself, not twice.
          if (this.folders.folderOf(path) !== state.path) continue;
          const uri = URI.file(path).toString();
          // What the project reports: none in a .env (git hygiene covers it), none the baseline accepts.
          const findings =
            'skipped' in scan
              ? 'skipped'
              : customizeRules(
                  state.project.reportable(path, scan.findings, f => f.secretHash),
                  settings.rules,
                );
          if (findings === 'skipped') {
            result.filesSkipped++;
            continue;
          }
          result.filesScanned++;
          if (findings.length > 0) {
            found.add(uri);
            result.findings += findings.length;
            result.filesWithFindings++;
            result.files.push({
              uri,
              relativePath: relativePosix(state.path, path),
              findings: findings.map(f => ({ line: f.line, character: f.column, ruleId: f.ruleId, message: findingMessage(f), severity: f.severity })),
            });
          }
          // An open file shows what its editor holds; the scan does not overwrite that. A clean file
          // is published only to clear what an earlier scan found: a clean workspace of 100,000 files
          // sends no 100,000 empty lists for the editor to process.
          if (!this.documents.get(uri) && (findings.length > 0 || this.publisher.has(uri, 'scan'))) this.publish(uri, findings);
          progress();
        }
      }
      if (result.cancelled) break;
    }
    if (!result.cancelled) {
      // Files that held secrets at the last scan and hold none now (or are gone, or now excluded).
      for (const uri of this.publisher.urisOf('scan')) if (!found.has(uri)) this.publisher.set(uri, 'scan', []);
    }
    this.ran = true;
    progress(true);
    result.elapsedMs = performance.now() - started;
    return result;
  }

  /**
   * The folder's files: in a trusted workspace, the ones git lists (so `.git/info/exclude` and the
   * global excludes count too); otherwise, when git fails or lists nothing, a walk that reads the
   * `.gitignore` files.
   */
  private async *filesOf(folder: string, excluded: (rel: string, isDirectory: boolean) => boolean, onUnreadable: () => void): AsyncGenerator<string[]> {
    const listed = this.trusted() ? await gitListFiles(folder) : undefined;
    // Nothing listed: an empty folder, or one an enclosing repository ignores as a whole (a
    // scratch folder in its ignored tmp/). The folder is still the user's project: walk it.
    if (!listed || listed.length === 0) {
      // A folder or .gitignore that cannot be read is counted as skipped; the walk goes on.
      yield* walkFiles(folder, excluded, { onUnreadable });
      return;
    }
    yield listed.filter(rel => !excluded(rel, false) && !rel.split('/').some(part => SKIPPED_FOLDERS.has(part))).map(rel => join(folder, rel));
  }

  /** An open document's own check takes over from the scan's result. */
  opened(uri: string): void {
    this.publisher.set(uri, 'scan', []);
  }

  /** After a scan, a closed file shows its findings on disk again. */
  async closed(uri: string): Promise<void> {
    const parsed = URI.parse(uri);
    const folder = parsed.scheme === 'file' ? this.folders.folderOf(parsed.fsPath) : undefined;
    if (!this.ran || !folder) return;
    const state = (await this.folders.all()).find(s => s.path === folder);
    const settings = await this.settings.get(uri);
    if (!state || !settings.enable || this.documents.get(uri)) return;
    const rel = relativePosix(folder, parsed.fsPath);
    if ((await this.excludeTest(state, URI.file(folder).toString(), settings.exclude))(rel, false)) return;
    const findings = await this.scanFile(state, parsed.fsPath, settings.maxFileSizeMB * 1024 * 1024);
    if (findings !== 'skipped' && !this.documents.get(uri)) this.publish(uri, customizeRules(findings, settings.rules));
  }

  private publish(uri: string, findings: Finding[]): void {
    const diagnostics: Diagnostic[] = findingDiagnostics(findings, f => toDiagnostic(undefined, f));
    this.publisher.set(uri, 'scan', diagnostics);
  }

  private async scanFile(state: FolderState, path: string, maxBytes: number): Promise<FingerprintedFinding[] | 'skipped'> {
    if (holdsEnvValues(path)) return [];
    let text: string;
    try {
      const read = await readTextFile(path, maxBytes);
      if (typeof read !== 'string') return 'skipped';
      text = read;
    } catch {
      return 'skipped'; // gone or unreadable since the walk listed it
    }
    return state.project.reportable(path, scanText(state.project.scanner, text, true, undefined, true, path), f => f.secretHash);
  }

  /** What a scan of this folder leaves out: the config's allowlist and the editor's exclude settings. */
  private async excludeTest(state: FolderState, folderUri: string, exclude: readonly string[]): Promise<(rel: string, isDirectory: boolean) => boolean> {
    const globs = [...exclude, ...(await this.enabledGlobs(folderUri, 'files.exclude')), ...(await this.enabledGlobs(folderUri, 'search.exclude'))];
    const matcher = createPathMatcher(globs);
    const allowlisted = state.project.allowlistedBelow(state.path);
    return (rel, isDirectory) => allowlisted?.(rel, isDirectory) === true || matcher(rel);
  }

  /** The patterns switched on in a `{ "glob": true }` setting such as `files.exclude`; none from a client that cannot be asked. */
  private async enabledGlobs(scopeUri: string, section: string): Promise<string[]> {
    if (!this.settings.canPull) return [];
    const value = (await this.connection.workspace.getConfiguration({ scopeUri, section }).catch(() => undefined)) as Record<string, unknown> | undefined;
    return Object.entries(value ?? {})
      .filter(([, on]) => on === true)
      .map(([glob]) => glob);
  }
}
