import { basename, dirname, join } from 'node:path';
import { DiagnosticSeverity, type CodeAction, type Diagnostic, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import {
  DOTENV_CODES,
  DOTENV_DOCS_URL,
  driftProblems,
  lineProblems,
  publicSecretProblems,
  sharedSecretProblems,
  type DotenvProblem,
  readDotenv,
  envNameOfTemplate,
  isEnvTemplateName,
  templateNamesFor,
  removeEntryLines,
  rewriteSkippedLine,
} from '../core/dotenv';
import { type TextEdit, appendVariable, planExampleSecretFix, examplePlaceholder } from '../core/fix';
import { isCredentialName } from '../core/env-code';
import { loggedEnvFixes } from './env-code';
import { type Scanner, isPlaceholder } from '../core';
import { envFilesIn, type EnvFile } from '../node/env/locations';
import { findEnvTargets } from '../node/env/locations';
import { DIAGNOSTIC_SOURCE } from '../shared/protocol';
import { textReader, toWorkspaceEdit } from './code-actions/workspace-edit';
import type { Folders } from './folders';
import { answersRotation, keyNoteProblems, today } from './key-notes';
import { recordRotationEdit } from '../core/inventory';

/** A committed template: real values do not belong in it. */
export function isTemplate(path: string): boolean {
  return isEnvTemplateName(basename(path));
}

/** The files a template documents, beside it: `.env` and `.env.local` for `.env.example`, `.env.production` and its `.local` for `.env.production.example`. */
function documentedBy(templateName: string): string[] {
  const env = envNameOfTemplate(templateName);
  return [env, `${env}.local`];
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/**
 * The `.env` health checks on one open environment file: duplicate names and lines dotenv skips,
 * drift against the template beside it (both ways), secrets exposed through a public prefix, and
 * one secret shared by two environments' files.
 * Sibling files that exist on disk are read as the editor has them (unsaved changes included).
 */
export class DotenvCheck {
  private readonly read;

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly folders: Folders,
  ) {
    this.read = textReader(documents);
  }

  async diagnostics(document: TextDocument): Promise<Diagnostic[]> {
    const { project } = await this.folders.resolve(document.uri);
    const { scanner } = project;
    const path = URI.parse(document.uri).fsPath;
    const doc = readDotenv(document.getText());
    const problems: DotenvProblem[] = [...lineProblems(doc), ...publicSecretProblems(doc, (name, value) => secretKind(scanner, name, value))];
    // The env files beside this one, each read once (as the editor has them).
    const siblings = (await envFilesIn(dirname(path), this.read)).filter(f => f.path !== path).map(f => ({ ...f, doc: readDotenv(f.text) }));
    if (isTemplate(path)) {
      const env = firstOf(siblings, documentedBy(basename(path)));
      if (env) problems.push(...driftProblems(env.doc, doc, basename(path), 'example', env.fileName));
    } else {
      const example = firstOf(siblings, templateNamesFor(basename(path)));
      if (example) problems.push(...driftProblems(doc, example.doc, example.fileName, 'env', basename(path)));
      // One key per environment: the other environments' files beside this one.
      problems.push(
        ...sharedSecretProblems(
          doc,
          basename(path),
          siblings,
          (name, value) => secretKind(scanner, name, value) !== undefined || (isCredentialName(name) && !isPlaceholder(value)),
        ),
      );
    }
    problems.push(...keyNoteProblems(basename(path), document.getText(), isTemplate(path), siblings, project.loaded.config.rotation));
    return problems.map(p => ({
      range: { start: document.positionAt(p.start), end: document.positionAt(p.end) },
      severity: SEVERITY[p.severity],
      source: DIAGNOSTIC_SOURCE,
      code: p.code,
      codeDescription: { href: `${DOTENV_DOCS_URL}#${p.code}` },
      message: p.message,
      ...(p.name ? { data: { name: p.name } } : {}),
    }));
  }

  /** "Add NAME to .env.example": a placeholder line, never the value (a secret's kind names the placeholder). */
  async fixes(document: TextDocument, diagnostic: Diagnostic): Promise<CodeAction[]> {
    if (diagnostic.code === DOTENV_CODES.duplicate || diagnostic.code === DOTENV_CODES.ignoredLine) return this.lineFixes(document, diagnostic);
    if (diagnostic.code === DOTENV_CODES.loggedValue) return loggedEnvFixes(document, diagnostic);
    if (answersRotation(diagnostic.code)) return recordRotationFix(document, diagnostic);
    if (diagnostic.code !== DOTENV_CODES.missingInExample) return [];
    const { scanner } = (await this.folders.resolve(document.uri)).project;
    const name = (diagnostic.data as { name?: string } | undefined)?.name;
    const path = URI.parse(document.uri).fsPath;
    const example = firstOf(await envFilesIn(dirname(path), this.read), templateNamesFor(basename(path)));
    const entry = readDotenv(document.getText())
      .entries.filter(e => e.name === name)
      .at(-1);
    if (!name || !example || !entry) return [];
    const finding = scanner.scan(`${name}=${entry.value}`)[0];
    const edit = appendVariable(example.text, name, finding ? examplePlaceholder(finding) : '');
    const workspaceEdit = await toWorkspaceEdit([{ path: example.path, create: false, edits: [edit] }], this.documents, this.read);
    return [{ title: `Add ${name} to ${example.fileName}`, kind: 'quickfix', isPreferred: true, diagnostics: [diagnostic], edit: workspaceEdit }];
  }

  /** "Remove this line" for a name set again below; "Write as NAME=value" for a separator dotenv cannot read. */
  private lineFixes(document: TextDocument, diagnostic: Diagnostic): CodeAction[] {
    const text = document.getText();
    const start = document.offsetAt(diagnostic.range.start);
    const edit = (e: TextEdit) => ({
      changes: { [document.uri]: [{ range: { start: document.positionAt(e.start), end: document.positionAt(e.end) }, newText: e.newText }] },
    });
    if (diagnostic.code === DOTENV_CODES.duplicate) {
      const entry = readDotenv(text).entries.find(e => e.nameStart === start);
      if (!entry) return [];
      return [
        {
          title: `Remove this line (dotenv uses the ${entry.name} further down)`,
          kind: 'quickfix',
          isPreferred: true,
          diagnostics: [diagnostic],
          edit: edit(removeEntryLines(text, entry)),
        },
      ];
    }
    const rewrite = rewriteSkippedLine(text, start, document.offsetAt(diagnostic.range.end));
    if (!rewrite) return [];
    return [{ title: `Write as ${rewrite.name}=value`, kind: 'quickfix', isPreferred: true, diagnostics: [diagnostic], edit: edit(rewrite.edit) }];
  }

  /**
   * A real secret in a committed template is an error, and its fix puts a placeholder in its place
   * and the value into the env file the template documents, beside it (`.env` for `.env.example`).
   */
  exampleSecretDiagnostic(diagnostic: Diagnostic, path: string): Diagnostic {
    return {
      ...diagnostic,
      severity: DiagnosticSeverity.Error,
      message: `${diagnostic.message} ${basename(path)} is a template meant to be committed: put a placeholder here and the real value in ${envNameOfTemplate(basename(path))}.`,
    };
  }

  async exampleSecretFix(document: TextDocument, diagnostic: Diagnostic, ruleId: string): Promise<CodeAction[]> {
    const path = URI.parse(document.uri);
    if (path.scheme !== 'file' || !isTemplate(path.fsPath)) return [];
    const { scanner } = (await this.folders.resolve(document.uri)).project;
    const start = document.offsetAt(diagnostic.range.start);
    const finding = scanner.scan(document.getText()).find(f => f.ruleId === ruleId && f.start === start);
    if (!finding) return [];
    const dir = dirname(path.fsPath);
    const targets = await findEnvTargets(
      path.fsPath,
      this.folders.folderOf(path.fsPath) ?? dir,
      this.read,
      join(dir, envNameOfTemplate(basename(path.fsPath))),
    );
    const plan = planExampleSecretFix({ example: { path: path.fsPath, text: document.getText() }, finding, env: targets.env, gitignore: targets.gitignore });
    if (plan.kind === 'disabled') return [{ title: plan.title, kind: 'quickfix', diagnostics: [diagnostic], disabled: { reason: plan.reason } }];
    const edit = await toWorkspaceEdit(plan.changes, this.documents, this.read);
    return [{ title: plan.title, kind: 'quickfix', isPreferred: true, diagnostics: [diagnostic], edit }];
  }
}

/**
 * The first of `names` among the files of a folder: on disk (`envFilesIn` lists the folder, so an
 * editor that keeps a deleted file's text does not count), with the text as the editor has it.
 */
export function firstOf<F extends EnvFile>(files: readonly F[], names: readonly string[]): F | undefined {
  for (const name of names) {
    const file = files.find(f => f.fileName === name);
    if (file) return file;
  }
  return undefined;
}

/** What a rule calls the value, if it is a secret: the scanner reads the line as a dotenv line. */
function secretKind(scanner: Scanner, name: string, value: string): string | undefined {
  const f = scanner.scan(`${name}=${value}`).find(x => x.severity !== 'info' && x.checksum !== 'invalid');
  return f && (f.provider === 'Generic' ? f.description : `${f.provider} ${f.description}`);
}

/** "Record rotation of NAME today": `@rotated` above it set to today's date, in this template. */
function recordRotationFix(document: TextDocument, diagnostic: Diagnostic): CodeAction[] {
  const name = (diagnostic.data as { name?: string } | undefined)?.name;
  const edit = name ? recordRotationEdit(document.getText(), name, today()) : undefined;
  if (!name || !edit) return [];
  return [
    {
      title: `Record rotation of ${name} today`,
      kind: 'quickfix',
      isPreferred: true,
      diagnostics: [diagnostic],
      edit: { changes: { [document.uri]: [{ range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, newText: edit.newText }] } },
    },
  ];
}
