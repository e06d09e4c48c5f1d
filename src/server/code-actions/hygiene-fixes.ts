import { CodeActionKind, type CodeAction, type Connection, type Diagnostic, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { HYGIENE_CODES, addIgnorePattern, lastNegation, relatedPatterns, removeLine } from '../../core/hygiene';
import { gitUntrack } from '../../node/git/git';
import type { HygieneFinding } from '../../node/git/hygiene';
import { ApplyUntrackCommand, UntrackSecretFileCommand, type UntrackArgs } from '../../shared/protocol';
import type { Commands } from '../commands';
import type { HygieneService } from '../hygiene';
import { textReader, toWorkspaceEdit } from './workspace-edit';

/** The finding behind a hygiene diagnostic, from the last check (never from the diagnostic's own data). */
function findingOf(service: HygieneService, uri: string, diagnostic: Diagnostic): HygieneFinding | undefined {
  return service.findingsOn(uri).find(f => HYGIENE_CODES[f.problem] === diagnostic.code && (f.line ?? 0) === diagnostic.range.start.line);
}

/** The edit that adds the finding's pattern to its repository's `.gitignore`, creating the file if needed. */
async function ignoreEdit(finding: HygieneFinding, documents: TextDocuments<TextDocument>) {
  const read = textReader(documents);
  const text = await read(finding.gitignore);
  const edit = addIgnorePattern(text ?? '', finding.pattern, { related: relatedPatterns(finding.pattern), notBefore: lastNegation(text ?? '') });
  return toWorkspaceEdit([{ path: finding.gitignore, create: text === undefined, edits: [edit] }], documents, read);
}

/**
 * Quick fixes for the git-hygiene diagnostics: add the file's pattern to `.gitignore`, remove a
 * `!` line that re-includes it, or stop tracking a committed one (a client command that confirms
 * first; git runs only in a trusted workspace).
 */
export async function hygieneFixes(
  document: TextDocument,
  diagnostic: Diagnostic,
  service: HygieneService,
  documents: TextDocuments<TextDocument>,
): Promise<CodeAction[]> {
  const finding = findingOf(service, document.uri, diagnostic);
  if (!finding) {
    return [];
  }
  const actions: CodeAction[] = [];
  const base = { kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] };
  if (finding.problem === 'tracked') {
    const args: UntrackArgs = { uri: document.uri, relativePath: finding.relativePath };
    actions.push({
      ...base,
      title: `Stop tracking ${finding.relativePath} (git rm --cached)…`,
      isPreferred: true,
      // Offered in an untrusted workspace too: the client command then explains that git runs
      // only once the folder is trusted (a disabled action would be hidden from the lightbulb).
      command: { title: 'Stop tracking', command: UntrackSecretFileCommand.command, arguments: [args] },
    });
  }
  if (finding.problem === 'unignore-rule') {
    const edit = removeLine(document.getText(), finding.line ?? 0);
    if (edit) {
      actions.push({
        ...base,
        title: `Remove this line so that git ignores ${finding.relativePath}`,
        isPreferred: true,
        edit: await toWorkspaceEdit([{ path: URI.parse(document.uri).fsPath, create: false, edits: [edit] }], documents, textReader(documents)),
      });
    }
  }
  if (finding.problem === 'not-ignored' || (finding.problem === 'tracked' && !finding.ignored)) {
    actions.push({
      ...base,
      title: `Add ${finding.pattern} to .gitignore`,
      isPreferred: finding.problem === 'not-ignored',
      edit: await ignoreEdit(finding, documents),
    });
  }
  return actions;
}

/**
 * The server side of "Stop tracking": `git rm --cached` in the file's repository (the file stays
 * on disk), then the pattern into `.gitignore` if it is not ignored yet, so the next commit does
 * not add it back. Refused in an untrusted workspace.
 */
export function registerUntrack(connection: Connection, commands: Commands, service: HygieneService, documents: TextDocuments<TextDocument>): void {
  commands.register(ApplyUntrackCommand, async args => {
    if (!service.isTrusted) {
      void connection.window.showErrorMessage('Secret Safe: git runs only in a trusted workspace. Trust this folder, then try again.');
      return { untracked: false };
    }
    await service.check();
    const finding = service.findingsOn(args.uri).find(f => f.problem === 'tracked');
    if (!finding) {
      return { untracked: false, reason: 'not tracked' };
    }
    const error = await gitUntrack(finding.root, finding.relativePath);
    if (error) {
      void connection.window.showErrorMessage(`Secret Safe: git could not stop tracking ${finding.relativePath}: ${error}`);
      return { untracked: false, reason: error };
    }
    let ignored = finding.ignored === true;
    if (!ignored) {
      const result = await connection.workspace.applyEdit({ label: `Ignore ${finding.relativePath}`, edit: await ignoreEdit(finding, documents) });
      ignored = result.applied;
    }
    await service.check();
    return { untracked: true, ignored };
  });
}
