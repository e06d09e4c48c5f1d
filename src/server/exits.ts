// The exits other than git, in the editor: on an open Dockerfile, each COPY that would put a secret
// file in the image, with the fix that adds it to .dockerignore; on an open package.json, each
// secret file npm publish would send, with the fix in `files` or the ignore file npm reads. Reads
// files only, no program runs: the same in trusted and untrusted workspaces.
import { basename } from 'node:path';
import { CodeActionKind, type CodeAction, type Diagnostic, DiagnosticSeverity, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { excludeFromFilesEdit, EXITS, EXITS_DOCS_URL } from '../core/exits';
import { addIgnorePattern, lastNegation, relatedPatterns } from '../core/hygiene';
import { checkDockerContext, configuresExit, type DockerContextFinding, isDockerfileName } from '../node/exits/docker';
import { checkNpmPackage, type NpmPackageFinding } from '../node/exits/npm';
import { DIAGNOSTIC_SOURCE } from '../shared/protocol';
import { textReader, toWorkspaceEdit } from './code-actions/workspace-edit';
import type { Folders } from './folders';
import type { Publisher } from './publisher';

/** The exits' diagnostic codes: their quick fixes are this service's. */
export const EXIT_CODES: ReadonlySet<string> = new Set(EXITS.map(e => e.code));

type Finding = DockerContextFinding | NpmPackageFinding;

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

export class ExitsService {
  private readonly found = new Map<string, Finding[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly folders: Folders,
    private readonly publisher: Publisher,
  ) {}

  /** A Dockerfile, or a package.json of the project's own (not an installed package's). */
  static configuresExit(uri: string): boolean {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' && configuresExit(parsed.fsPath);
  }

  /** Checks an open Dockerfile or package.json after `delayMs` (typing). */
  schedule(document: TextDocument, delayMs: number): void {
    if (!ExitsService.configuresExit(document.uri)) return;
    clearTimeout(this.timers.get(document.uri));
    this.timers.set(
      document.uri,
      setTimeout(() => {
        this.timers.delete(document.uri);
        void this.check(document.uri);
      }, delayMs),
    );
  }

  /** Every open Dockerfile and package.json again: an ignore file or a secret file changed. */
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
    const path = URI.parse(uri).fsPath;
    const options = { text: document.getText(), kinds: project.secretFileKinds, read: textReader(this.documents) };
    const all: Finding[] = allowlisted ? [] : isDockerfileName(basename(path)) ? await checkDockerContext(path, options) : await checkNpmPackage(path, options);
    const findings = all.filter(f => !disabled.has(f.code) && !project.isAllowlisted(f.file));
    // Typed on meanwhile: the next check answers.
    if (this.documents.get(uri)?.version !== document.version) return;
    this.found.set(uri, findings);
    this.publisher.set(uri, 'exits', findings.map(diagnosticOf));
  }

  /** The fix of one finding: a line in .dockerignore, a `!` entry in `files`, or a line in the ignore file npm reads. */
  async fixes(document: TextDocument, diagnostic: Diagnostic): Promise<CodeAction[]> {
    const finding = (this.found.get(document.uri) ?? []).find(f => f.line === diagnostic.range.start.line && f.message === diagnostic.message);
    if (!finding) return [];
    const read = textReader(this.documents);
    const base = { kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true };
    if ('dockerfile' in finding) {
      const text = await read(finding.ignoreFile);
      // Appended: after any `!` line, since the last match wins.
      const edit = addIgnorePattern(text ?? '', finding.pattern);
      return [
        {
          ...base,
          title: `Add ${finding.pattern} to ${basename(finding.ignoreFile)}`,
          edit: await toWorkspaceEdit([{ path: finding.ignoreFile, create: text === undefined, edits: [edit] }], this.documents, read),
        },
      ];
    }
    if (finding.fix.kind === 'files') {
      const edit = excludeFromFilesEdit(document.getText(), finding.relativePath);
      if (!edit) return [];
      return [
        {
          ...base,
          title: `Add "${finding.fix.entry}" to "files"`,
          edit: await toWorkspaceEdit([{ path: finding.packageJson, create: false, edits: [edit] }], this.documents, read),
        },
      ];
    }
    const { path, pattern } = finding.fix;
    const text = await read(path);
    const edit = addIgnorePattern(text ?? '', pattern, { related: relatedPatterns(pattern), notBefore: lastNegation(text ?? '') });
    return [
      {
        ...base,
        title: `Add ${pattern} to ${basename(path)}`,
        edit: await toWorkspaceEdit([{ path, create: text === undefined, edits: [edit] }], this.documents, read),
      },
    ];
  }
}

function diagnosticOf(f: Finding): Diagnostic {
  return exitDiagnostic(f, { line: f.line, startColumn: f.startColumn, endColumn: f.endColumn });
}

/** An exit's diagnostic: its code with the docs link, on one line's span. */
export function exitDiagnostic(
  f: { code: string; severity: keyof typeof SEVERITY; message: string },
  at: { line: number; startColumn: number; endColumn: number },
): Diagnostic {
  return {
    range: { start: { line: at.line, character: at.startColumn }, end: { line: at.line, character: at.endColumn } },
    severity: SEVERITY[f.severity],
    source: DIAGNOSTIC_SOURCE,
    code: f.code,
    codeDescription: { href: `${EXITS_DOCS_URL}#${f.code}` },
    message: f.message,
  };
}
