import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { languageOf, lineComment } from '../../core';
import { eolOf } from '../../core/fix';

/**
 * "Ignore this secret on this line": a comment on its own line above the secret, in the file's
 * comment syntax, naming the rule. A line of its own is safe where an end-of-line comment is not
 * (inside a multi-line string, after a heredoc). Files without comments (JSON) get no such action.
 */
export function ignoreLineAction(document: TextDocument, diagnostic: Diagnostic, ruleId: string): CodeAction | undefined {
  const comment = lineComment(languageOf(URI.parse(document.uri).path, document.languageId));
  if (!comment) {
    return undefined;
  }
  const line = diagnostic.range.start.line;
  const text = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = /^[ \t]*/.exec(text)?.[0] ?? '';
  const eol = eolOf(document.getText());
  return {
    title: 'Ignore this secret on this line',
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: {
      changes: {
        [document.uri]: [
          {
            range: { start: { line, character: 0 }, end: { line, character: 0 } },
            newText: `${indent}${comment.open}secret-safe-ignore-next-line ${ruleId}${comment.close}${eol}`,
          },
        ],
      },
    },
  };
}
