import { type CodeAction, CodeActionKind, type Diagnostic, DiagnosticSeverity, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { languageOf } from '../core';
import { DOTENV_CODES, DOTENV_DOCS_URL, readDotenv } from '../core/dotenv';
import { envReads, type EnvRead } from '../core/env-code';
import { planEnvLoading, type EnvLoading, type FileChange, type LoaderChange } from '../core/fix';
import { envTargetPath } from '../node/env/locations';
import { projectContext, type ProjectContext } from '../node/env/project';
import { DIAGNOSTIC_SOURCE } from '../shared/protocol';
import { textReader, toWorkspaceEdit } from './code-actions/workspace-edit';
import type { Folders } from './folders';
import type { SettingsStore } from './settings-store';

/**
 * "Nothing in this project loads .env": a warning on each read of a variable that the code's
 * `.env` sets but that no loader brings to the program (no dotenv call, no `--env-file`, no
 * framework that loads it), with quick fixes that wire a loader. Asked only of code that reads a
 * variable its `.env` sets, so a project whose variables come from elsewhere hears nothing.
 */
export class EnvLoadingCheck {
  private readonly read;

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly folders: Folders,
    private readonly settings: SettingsStore,
  ) {
    this.read = textReader(documents);
  }

  async diagnostics(document: TextDocument): Promise<Diagnostic[]> {
    const looked = await this.look(document);
    if (!looked || (looked.loading.kind !== 'wired' && looked.loading.kind !== 'unwired')) return [];
    const { loading, reads } = looked;
    const when = loading.command ? `when \`${loading.command}\` runs` : 'when the program runs';
    const why = loading.kind === 'unwired' ? ` (${loading.reason})` : '';
    return reads.map(read => ({
      range: { start: document.positionAt(read.start), end: document.positionAt(read.end) },
      severity: DiagnosticSeverity.Warning,
      source: DIAGNOSTIC_SOURCE,
      code: DOTENV_CODES.notLoaded,
      codeDescription: { href: `${DOTENV_DOCS_URL}#${DOTENV_CODES.notLoaded}` },
      message: `Nothing in this project loads .env: ${read.name} is unset ${when}${why}`,
    }));
  }

  /** "Load .env with …": the loader the fix would have added, or each way that needs the user's install first. */
  async fixes(document: TextDocument, diagnostic: Diagnostic): Promise<CodeAction[]> {
    const looked = await this.look(document);
    if (!looked) return [];
    const { loading, project } = looked;
    const ways: Array<{ title: string; changes: LoaderChange[]; preferred: boolean }> =
      loading.kind === 'wired'
        ? [{ title: `Load .env with ${loading.by}`, changes: loading.changes, preferred: true }]
        : loading.kind === 'unwired'
          ? (loading.alternatives ?? []).map(a => ({ ...a, preferred: false }))
          : [];
    const actions: CodeAction[] = [];
    for (const way of ways) {
      const changes: FileChange[] = way.changes.map(c => ({ path: project.view.pathOf(c.rel), create: c.create ?? false, edits: c.edits }));
      actions.push({
        title: way.title,
        kind: CodeActionKind.QuickFix,
        isPreferred: way.preferred,
        diagnostics: [diagnostic],
        edit: await toWorkspaceEdit(changes, this.documents, this.read),
      });
    }
    return actions;
  }

  /** The reads of variables the code's `.env` sets, and what loads that `.env`; undefined when the question does not arise. */
  private async look(document: TextDocument): Promise<{ loading: EnvLoading; reads: EnvRead[]; project: ProjectContext } | undefined> {
    const uri = URI.parse(document.uri);
    if (uri.scheme !== 'file') return undefined;
    const lang = languageOf(uri.fsPath, document.languageId);
    const text = document.getText();
    const allReads = envReads(text);
    if (allReads.length === 0) return undefined;
    const folder = this.folders.folderOf(uri.fsPath);
    if (!folder) return undefined;
    const { envFile } = await this.settings.get(document.uri);
    // Only the .env's path and text: Move to .env's other targets (.gitignore state) are not needed here.
    const envPath = await envTargetPath(uri.fsPath, folder, envFile || undefined);
    const envText = await this.read(envPath);
    if (envText === undefined) return undefined;
    const defined = new Set(readDotenv(envText).entries.map(e => e.name));
    const reads = allReads.filter(r => defined.has(r.name));
    if (reads.length === 0) return undefined;
    const project = await projectContext(uri.fsPath, folder, envPath, this.read);
    const loading = planEnvLoading({
      lang,
      document: { rel: project.documentRel, text },
      envRel: project.envRel,
      envText,
      name: reads[0].name,
      project: project.view,
    });
    return loading ? { loading, reads, project } : undefined;
  }
}
