import { basename, relative } from 'node:path';
import {
  CompletionItemKind,
  DiagnosticSeverity,
  MarkupKind,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type Hover,
  type Position,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { languageOf, maskSecret, type Lang } from '../core';
import { DOTENV_CODES, DOTENV_DOCS_URL, readDotenv, isEnvTemplateName } from '../core/dotenv';
import { loggedEnvFix, loggedEnvMessage, loggedEnvValues, envReadAt, envReadContext } from '../core/env-code';
import { envFilesFor, type EnvFile } from '../node/env/locations';
import { DIAGNOSTIC_SOURCE } from '../shared/protocol';
import { textReader } from './code-actions/workspace-edit';
import type { Folders } from './folders';
import type { SettingsStore } from './settings-store';

/** Warnings on code that writes env values to logs: a secret by name, or the whole environment. */
export function loggedEnvDiagnostics(document: TextDocument, lang: Lang): Diagnostic[] {
  return loggedEnvValues(document.getText(), lang).map(logged => ({
    range: { start: document.positionAt(logged.start), end: document.positionAt(logged.end) },
    severity: DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    code: DOTENV_CODES.loggedValue,
    codeDescription: { href: `${DOTENV_DOCS_URL}#${DOTENV_CODES.loggedValue}` },
    message: loggedEnvMessage(logged),
  }));
}

/** "Log whether NAME is set", "Log the names only": the logged value found again where the diagnostic is. */
export function loggedEnvFixes(document: TextDocument, diagnostic: Diagnostic): CodeAction[] {
  const text = document.getText();
  const lang = languageOf(URI.parse(document.uri).path, document.languageId);
  const start = document.offsetAt(diagnostic.range.start);
  const logged = loggedEnvValues(text, lang).find(l => l.start === start);
  const fix = logged && loggedEnvFix(text, logged, lang);
  if (!logged || !fix) return [];
  const range = { start: document.positionAt(logged.start), end: document.positionAt(logged.end) };
  return [
    {
      title: fix.title,
      kind: 'quickfix',
      isPreferred: true,
      diagnostics: [diagnostic],
      edit: { changes: { [document.uri]: [{ range, newText: fix.newText }] } },
    },
  ];
}

/**
 * Completion of env var names in env reads (`process.env.`, `os.environ["`, `os.Getenv("`, …)
 * from the env files the code can see, and a hover on a read listing the files that define it.
 * Values are never shown in completions; the hover shows them masked.
 */
export class EnvCode {
  private readonly read;

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly folders: Folders,
    private readonly settings: SettingsStore,
  ) {
    this.read = textReader(documents);
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const document = this.documents.get(uri);
    if (!document) return [];
    const context = envReadContext(document.getText(), document.offsetAt(position));
    if (!context) return [];
    const defined = await this.definitions(document);
    const items: CompletionItem[] = [];
    for (const [name, files] of defined) {
      if (context.property && !/^[A-Za-z_]\w*$/.test(name)) continue;
      items.push({
        label: name,
        kind: CompletionItemKind.Variable,
        detail: `in ${files.map(f => f.label).join(', ')}`,
        textEdit: { range: { start: document.positionAt(context.start), end: position }, newText: name },
        // Names set in a real env file first, then those only the templates document.
        sortText: `${files.some(f => !f.template) ? 0 : 1}${name}`,
      });
    }
    return items;
  }

  async hover(uri: string, position: Position): Promise<Hover | null> {
    const document = this.documents.get(uri);
    if (!document) return null;
    const read = envReadAt(document.getText(), document.offsetAt(position));
    if (!read) return null;
    const files = (await this.definitions(document)).get(read.name) ?? [];
    const lines = files.map(f => `- \`${f.label}\`: ${f.value === '' ? '*(empty)*' : `\`${maskSecret(f.value)}\``}`);
    const value = files.length > 0 ? `**${read.name}** is set in:\n\n${lines.join('\n')}` : `**${read.name}** is not set in any env file beside this code.`;
    return {
      contents: { kind: MarkupKind.Markdown, value },
      range: { start: document.positionAt(read.nameStart), end: document.positionAt(read.nameEnd) },
    };
  }

  /** Each name the visible env files set, with where and what (the last value in each file). */
  private async definitions(document: TextDocument): Promise<Map<string, Array<{ label: string; value: string; template: boolean }>>> {
    const path = URI.parse(document.uri);
    const defined = new Map<string, Array<{ label: string; value: string; template: boolean }>>();
    if (path.scheme !== 'file') return defined;
    const folder = this.folders.folderOf(path.fsPath);
    const { envFile } = await this.settings.get(document.uri);
    const files: EnvFile[] = await envFilesFor(path.fsPath, folder, this.read, envFile || undefined);
    for (const file of files) {
      const label = folder ? relative(folder, file.path) : basename(file.path);
      const template = isEnvTemplateName(file.fileName);
      for (const [name, value] of new Map(readDotenv(file.text).entries.map(e => [e.name, e.value]))) {
        const list = defined.get(name) ?? [];
        list.push({ label, value, template });
        defined.set(name, list);
      }
    }
    return defined;
  }
}
