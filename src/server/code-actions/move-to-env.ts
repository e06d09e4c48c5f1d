import { dirname } from 'node:path';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { Finding } from '../../core';
import { applyEdits, planMoveToEnv, type FileChange, type FixPlan } from '../../core/fix';
import { findEnvTargets, type EnvTargets } from '../../node/env/locations';
import { projectContext, type ProjectContext } from '../../node/env/project';
import type { LspRange, MoveToEnvArgs } from '../../shared/protocol';
import type { Folders } from '../folders';
import type { SettingsStore } from '../settings-store';
import { textReader } from './workspace-edit';

/** A document and the finding a diagnostic points at, scanned afresh. */
export interface Located {
  document: TextDocument;
  finding: Finding;
}

/**
 * Plans "Move to .env" for findings in open documents. Everything is read when asked, so a plan
 * reflects the files (and unsaved editors) as they are when the user picks the action.
 */
export class MoveToEnv {
  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly folders: Folders,
    private readonly settings: SettingsStore,
  ) {}

  /** The finding whose diagnostic starts at `range`, for `ruleId`, in the document as it is now. */
  async locate(uri: string, range: LspRange, ruleId: string): Promise<Located | undefined> {
    const document = this.documents.get(uri);
    if (!document) {
      return undefined;
    }
    const findings = await this.findings(document);
    const start = document.offsetAt(range.start);
    const finding = findings.find(f => f.ruleId === ruleId && f.start === start);
    return finding ? { document, finding } : undefined;
  }

  /** The findings of a document that a move applies to (not information-level inventory). */
  async findings(document: TextDocument): Promise<Finding[]> {
    const scope = await this.folders.resolve(document.uri);
    return scope.project.scanner.scan(document.getText()).filter(f => f.severity !== 'info');
  }

  /** The files a move from `document` writes; none for untitled and virtual files, which have no folder to hold a .env. */
  private async targets(document: TextDocument): Promise<(EnvTargets & { project: ProjectContext }) | undefined> {
    const path = URI.parse(document.uri);
    if (path.scheme !== 'file') return undefined;
    const folder = this.folders.folderOf(path.fsPath) ?? dirname(path.fsPath);
    const { envFile } = await this.settings.get(document.uri);
    const read = textReader(this.documents);
    const targets = await findEnvTargets(path.fsPath, folder, read, envFile || undefined);
    return { ...targets, project: await projectContext(path.fsPath, folder, targets.env.path, read, { docker: true }) };
  }

  /** The plan for one finding, with the user's name and part when given. */
  async plan(located: Located, args: Pick<MoveToEnvArgs, 'name' | 'part'>): Promise<FixPlan | undefined> {
    const path = URI.parse(located.document.uri);
    const targets = await this.targets(located.document);
    if (!targets) return undefined;
    return planMoveToEnv({
      document: { path: path.fsPath, text: located.document.getText(), languageId: located.document.languageId },
      finding: located.finding,
      ...targets,
      ...(args.name !== undefined ? { name: args.name } : {}),
      ...(args.part ? { part: args.part } : {}),
    });
  }

  /**
   * Every secret of a document moved in one edit: each finding planned against the files as the
   * previous moves left them, then one replacement per file of the span that changed.
   */
  async planAll(document: TextDocument): Promise<{ count: number; changes: FileChange[] } | undefined> {
    const path = URI.parse(document.uri);
    const targets = await this.targets(document);
    if (!targets) return undefined;
    const scope = await this.folders.resolve(document.uri);
    const original = new Map<string, string | undefined>([
      [path.fsPath, document.getText()],
      [targets.env.path, targets.env.text],
      [targets.example.path, targets.example.text],
      [targets.gitignore.path, targets.gitignore.text],
    ]);
    const current = new Map(original);
    // The project's files as the moves so far left them, for the loader each move looks at.
    const { view, ...where } = targets.project;
    const rels = new Set([...view.files.keys(), ...(view.dockerignores ?? []).map(d => d.rel)]);
    const relOf = new Map([...rels].map(rel => [view.pathOf(rel), rel]));
    const projectNow = (): ProjectContext => {
      const files = new Map(view.files);
      for (const [file, rel] of relOf) {
        const text = current.get(file);
        if (text !== undefined) files.set(rel, text);
      }
      return { ...where, view: { ...view, files } };
    };
    let count = 0;
    // Findings the fix cannot move (a Rust const): left as they are, known by rule and value.
    const skipped = new Set<string>();
    const identity = (text: string, f: Finding): string => `${f.ruleId}\u0000${text.slice(f.start, f.end)}`;
    for (let round = 0; round < 200; round++) {
      const text = current.get(path.fsPath)!;
      const finding = scope.project.scanner
        .scan(text)
        .filter(f => f.severity !== 'info')
        .find(f => !skipped.has(identity(text, f)));
      if (!finding) break;
      const plan = planMoveToEnv({
        document: { path: path.fsPath, text, languageId: document.languageId },
        finding,
        env: { path: targets.env.path, text: current.get(targets.env.path) },
        example: { path: targets.example.path, text: current.get(targets.example.path) },
        gitignore: { ...targets.gitignore, text: current.get(targets.gitignore.path), ignoresEnv: targets.gitignore.ignoresEnv || count > 0 },
        deno: targets.deno,
        project: projectNow(),
      });
      if (plan.kind === 'disabled') {
        skipped.add(identity(text, finding));
        continue;
      }
      for (const change of plan.changes) {
        if (!original.has(change.path)) {
          const rel = relOf.get(change.path);
          original.set(change.path, rel === undefined ? undefined : view.files.get(rel));
          current.set(change.path, original.get(change.path));
        }
        current.set(change.path, applyEdits(current.get(change.path) ?? '', change.edits));
      }
      count++;
    }
    if (count === 0) {
      return undefined;
    }
    const changes: FileChange[] = [];
    for (const [file, after] of current) {
      const before = original.get(file);
      if (after !== before && after !== undefined) {
        changes.push({ path: file, create: before === undefined, edits: [minimalEdit(before ?? '', after)] });
      }
    }
    return { count, changes };
  }
}

/** The one edit that turns `before` into `after`: the span between their common prefix and suffix. */
function minimalEdit(before: string, after: string): { start: number; end: number; newText: string } {
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < before.length - prefix && suffix < after.length - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  return { start: prefix, end: before.length - suffix, newText: after.slice(prefix, after.length - suffix) };
}
