import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { ignoreCommentText, languageOf, lineComment } from '../../core';
import { eolOf } from '../../core/fix';
import { IgnoreCommand, type IgnoreArgs } from '../../shared/protocol';

/**
 * "Ignore this secret on this line" and "Ignore RULE in this file": a comment in the file's
 * comment syntax, on its own line above the secret (safe where an end-of-line comment is not:
 * inside a multi-line string, after a heredoc), or at the top of the file. A client that
 * registers the Ignore command (VS Code) gets "…" actions that first ask for a reason and an end
 * date; any other client gets the comment at once. Files without comments (JSON) get neither.
 */
export function ignoreActions(document: TextDocument, diagnostic: Diagnostic, ruleId: string, prompts: boolean): CodeAction[] {
  const scopes = [
    { scope: 'next-line' as const, title: 'Ignore this secret on this line' },
    { scope: 'file' as const, title: `Ignore ${ruleId} in this file` },
  ];
  return scopes.flatMap(({ scope, title }) => {
    const args: IgnoreArgs = { uri: document.uri, range: diagnostic.range, ruleId, scope };
    const edit = ignoreEdit(document, args);
    if (!edit) return [];
    const action: CodeAction = { title: prompts ? `${title}…` : title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] };
    if (prompts) action.command = { title: action.title, command: IgnoreCommand.command, arguments: [args] };
    else action.edit = { changes: { [document.uri]: [edit] } };
    return [action];
  });
}

/** The comment's insertion, or undefined in a file whose language has no comments. */
export function ignoreEdit(document: TextDocument, args: IgnoreArgs): TextEdit | undefined {
  const comment = lineComment(languageOf(URI.parse(document.uri).path, document.languageId));
  if (!comment) {
    return undefined;
  }
  const line = args.scope === 'file' ? firstFreeLine(document) : args.range.start.line;
  const text = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = args.scope === 'file' ? '' : (/^[ \t]*/.exec(text)?.[0] ?? '');
  const body = ignoreCommentText(args.scope, args.ruleId, { ...(args.until ? { until: args.until } : {}), ...(args.reason ? { reason: args.reason } : {}) });
  const eol = eolOf(document.getText());
  // At the very end of a file without a final newline, the comment starts a line of its own.
  const atEnd = line >= document.lineCount;
  return {
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    newText: atEnd ? `${eol}${comment.open}${body}${comment.close}` : `${indent}${comment.open}${body}${comment.close}${eol}`,
  };
}

/**
 * The first line a file-wide comment may go on: after a `#!` line and an encoding declaration
 * (Python and Ruby read it on line 1 or 2 only), and after an opening `<?php` or `<?xml …?>`.
 */
function firstFreeLine(document: TextDocument): number {
  let line = 0;
  const lineText = (n: number): string => document.getText({ start: { line: n, character: 0 }, end: { line: n + 1, character: 0 } });
  if (/^#!/.test(lineText(0))) line = 1;
  if (line < 2 && /^[ \t]*#.*coding[:=]/.test(lineText(line))) line++;
  if (line === 0 && /^(<\?php\s*$|<\?xml\b)/.test(lineText(0))) line = 1;
  return Math.min(line, document.lineCount);
}
