// The hover on a secret: what it is, why it matters, how to move it out and how to rotate it, in
// the editor itself rather than only behind a link.
import { type Hover, MarkupKind, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { rotationOf, ruleDocsUrl } from '../core';
import type { Folders } from './folders';

/** Larger documents are not scanned again for a hover: their diagnostics say it already. */
const MAX_HOVER_SCAN = 256 * 1024;

export async function findingHover(document: TextDocument, position: Position, folders: Folders): Promise<Hover | null> {
  const text = document.getText();
  if (text.length > MAX_HOVER_SCAN) return null;
  const offset = document.offsetAt(position);
  const { project } = await folders.resolve(document.uri);
  const f = project.scanner.scan(text).find(x => x.start <= offset && offset <= x.end);
  if (!f) return null;
  const rotation = rotationOf(f);
  const lines = [
    `**${f.provider === 'Generic' ? f.description[0].toUpperCase() + f.description.slice(1) : `${f.provider} ${f.description}`}** \`${f.masked}\` (${f.ruleId})`,
    '',
    'Whoever reads this file can use it as you: a teammate, a fork, a CI log, an AI agent given the code, and every clone of the history once it is committed.',
    '',
    `**Move it out:** the quick fix puts the value in \`.env\` and reads \`${f.envVar}\` from the environment instead.`,
    '',
    `**If it was committed or shared, rotate it:** ${rotation.note}${rotation.page ? ` [Keys at ${f.provider}](${rotation.page})` : ''}`,
    '',
    `[Rule documentation](${ruleDocsUrl(f.ruleId)})`,
  ];
  return {
    contents: { kind: MarkupKind.Markdown, value: lines.join('\n') },
    range: { start: document.positionAt(f.start), end: document.positionAt(f.end) },
  };
}
