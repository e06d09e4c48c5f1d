// The Docker build context as an exit, in the editor: on an open Dockerfile, each COPY that would
// put a secret file in the image, with the fix that adds it to .dockerignore. Reads files only, no
// program runs: the same in trusted and untrusted workspaces.
import { basename } from 'node:path';
import { CodeActionKind, type CodeAction, type Diagnostic, DiagnosticSeverity, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { EXITS_DOCS_URL } from '../core/exits';
import { addIgnorePattern } from '../core/hygiene';
import { checkDockerContext, type DockerContextFinding, isDockerfileName } from '../node/exits/docker';
import { DIAGNOSTIC_SOURCE } from '../shared/protocol';
import { textReader, toWorkspaceEdit } from './code-actions/workspace-edit';
import type { Folders } from './folders';
import type { Publisher } from './publisher';

export const DOCKER_CONTEXT_CODE = 'secret-file-in-docker-context';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

export class DockerContexts {
  private readonly found = new Map<string, DockerContextFinding[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly folders: Folders,
    private readonly publisher: Publisher,
  ) {}

  static isDockerfile(uri: string): boolean {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' && isDockerfileName(basename(parsed.fsPath));
  }

  /** Checks an open Dockerfile after `delayMs` (typing). */
  schedule(document: TextDocument, delayMs: number): void {
    if (!DockerContexts.isDockerfile(document.uri)) return;
    clearTimeout(this.timers.get(document.uri));
    this.timers.set(
      document.uri,
      setTimeout(() => {
        this.timers.delete(document.uri);
        void this.check(document.uri);
      }, delayMs),
    );
  }

  /** Every open Dockerfile again: an ignore file or a secret file changed. */
  recheckOpen(): void {
    for (const document of this.documents.all()) this.schedule(document, 50);
  }

  clear(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.found.delete(uri);
    this.publisher.set(uri, 'exits', []);
  }

  private async check(uri: string): Promise<void> {
    const document = this.documents.get(uri);
    if (!document) return;
    const { project, allowlisted } = await this.folders.resolve(uri);
    const disabled = new Set(project.loaded.config.disabledRules ?? []);
    const findings =
      allowlisted || disabled.has(DOCKER_CONTEXT_CODE)
        ? []
        : (
            await checkDockerContext(URI.parse(uri).fsPath, { text: document.getText(), kinds: project.secretFileKinds, read: textReader(this.documents) })
          ).filter(f => !project.isAllowlisted(f.file));
    // Typed on meanwhile: the next check answers.
    if (this.documents.get(uri)?.version !== document.version) return;
    this.found.set(uri, findings);
    this.publisher.set(uri, 'exits', findings.map(diagnosticOf));
  }

  /** "Add **\/.env to .dockerignore": appended, so that it comes after any `!` line (the last match wins). */
  async fixes(document: TextDocument, diagnostic: Diagnostic): Promise<CodeAction[]> {
    const finding = (this.found.get(document.uri) ?? []).find(f => f.line === diagnostic.range.start.line && f.message === diagnostic.message);
    if (!finding) return [];
    const read = textReader(this.documents);
    const text = await read(finding.ignoreFile);
    const edit = addIgnorePattern(text ?? '', finding.pattern);
    return [
      {
        title: `Add ${finding.pattern} to ${basename(finding.ignoreFile)}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: await toWorkspaceEdit([{ path: finding.ignoreFile, create: text === undefined, edits: [edit] }], this.documents, read),
      },
    ];
  }
}

function diagnosticOf(f: DockerContextFinding): Diagnostic {
  return {
    range: { start: { line: f.line, character: f.startColumn }, end: { line: f.line, character: f.endColumn } },
    severity: SEVERITY[f.severity],
    source: DIAGNOSTIC_SOURCE,
    code: f.code,
    codeDescription: { href: `${EXITS_DOCS_URL}#${f.code}` },
    message: f.message,
  };
}
