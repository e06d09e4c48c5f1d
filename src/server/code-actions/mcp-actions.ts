import { dirname, join } from 'node:path';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { Finding } from '../../core';
import { claudeLocalEnvEdits, inputIdOf, mcpConfigOf, mcpInputEdits, mcpPlace } from '../../core/exits';
import type { FileChange } from '../../core/fix';
import { addIgnorePattern } from '../../core/hygiene';
import { gitignoreState } from '../../node/env/locations';
import { relativePosix } from '../../node/paths';
import type { Folders } from '../folders';
import { textReader, toWorkspaceEdit } from './workspace-edit';

/** The quick fix a key in an MCP config gets from its client's own way to keep it out of the file, where it has one. */
export async function mcpAction(
  document: TextDocument,
  finding: Finding,
  diagnostic: Diagnostic,
  documents: TextDocuments<TextDocument>,
  folders: Folders,
): Promise<CodeAction | undefined> {
  const at: At = { path: URI.parse(document.uri).fsPath, document, finding, diagnostic, documents };
  const client = mcpConfigOf(at.path)?.id;
  if (client === 'vscode') return mcpInputAction(at);
  if (client === 'claude-code') return claudeLocalAction(at, folders);
  return undefined;
}

/** The finding an action is for: its file's path and document, the diagnostic, and the open documents. */
interface At {
  path: string;
  document: TextDocument;
  finding: Finding;
  diagnostic: Diagnostic;
  documents: TextDocuments<TextDocument>;
}

/**
 * In `.vscode/mcp.json`: the key becomes `${input:id}` and `inputs` gets a `promptString` with
 * `password: true`, named after the variable or header that held it.
 */
async function mcpInputAction({ path, document, finding, diagnostic, documents }: At): Promise<CodeAction | undefined> {
  const text = document.getText();
  const place = mcpPlace(text, finding.start);
  const name =
    place.property && /^[A-Za-z][A-Za-z\d_]*$/.test(place.property) && /[A-Z]_|_[A-Z]|^[A-Z\d_]+$/.test(place.property) ? place.property : finding.envVar;
  const id = inputIdOf(name);
  const description = `${finding.provider} ${finding.description}${place.server ? ` for the ${place.server} MCP server` : ''}`;
  const edits = mcpInputEdits(text, finding, id, description);
  if (edits.length === 0) return undefined;
  return {
    title: `Ask for it when the server starts: \${input:${id}}, kept in VS Code's secret storage`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: true,
    edit: await toWorkspaceEdit([{ path, create: false, edits }], documents, textReader(documents)),
  };
}

/**
 * In Claude Code's `.mcp.json`: a stdio server's `env` value moves to `.claude/settings.local.json`
 * beside it (created if missing), whose `env` Claude Code passes to the servers it starts, and that
 * file is git-ignored when it is not yet.
 */
async function claudeLocalAction({ path, document, finding, diagnostic, documents }: At, folders: Folders): Promise<CodeAction | undefined> {
  const read = textReader(documents);
  const localPath = join(dirname(path), '.claude', 'settings.local.json');
  const localText = await read(localPath);
  const move = claudeLocalEnvEdits(document.getText(), finding, localText, finding.envVar);
  if (!move) return undefined;
  if ('reason' in move)
    return { title: 'Move to .claude/settings.local.json', kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], disabled: { reason: move.reason } };
  const changes: FileChange[] = [
    { path, create: false, edits: move.mcp },
    ...(move.local.length > 0 ? [{ path: localPath, create: localText === undefined, edits: move.local }] : []),
  ];
  const gitignore = await gitignoreState(localPath, folders.folderOf(path) ?? dirname(path), read);
  if (!gitignore.ignoresEnv) {
    const pattern = relativePosix(dirname(gitignore.path), localPath);
    changes.push({ path: gitignore.path, create: gitignore.text === undefined, edits: [addIgnorePattern(gitignore.text ?? '', pattern)] });
  }
  return {
    title: move.remote
      ? `Move to .claude/settings.local.json as ${move.name} (git-ignored; Claude Code expands \${${move.name}} in the ${move.server} server's header from it)`
      : `Move ${move.name} to .claude/settings.local.json (git-ignored; Claude Code passes its env to the ${move.server} server)`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: true,
    edit: await toWorkspaceEdit(changes, documents, read),
  };
}
