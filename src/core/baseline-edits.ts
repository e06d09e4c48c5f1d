import { findNodeAtLocation, modify, parse, parseTree, type FormattingOptions } from 'jsonc-parser';
import type { TextEdit } from './fix/text-edit';

/** One accepted finding as a baseline stores it (node/scan/baseline.ts reads and writes the files). */
export interface BaselineEntry {
  file: string;
  ruleId: string;
  fingerprint: string;
  masked: string;
}

/** The order `baselineText` (node/scan/baseline.ts) writes entries in; an insertion keeps it. */
function compare(a: BaselineEntry, b: BaselineEntry): number {
  return a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint);
}

function formatting(text: string): FormattingOptions {
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  return { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

const toTextEdits = (edits: ReturnType<typeof modify>): TextEdit[] => edits.map(e => ({ start: e.offset, end: e.offset + e.length, newText: e.content }));

/**
 * The edit that adds one accepted finding to a baseline's text, where `baselineText` would have
 * sorted it: the rest of the file stays byte for byte (its indentation and line endings too), so
 * the commit that accepts a finding is a diff of one entry. `text` must be a baseline already read
 * with `parseBaseline`.
 */
export function baselineInsertion(text: string, entry: BaselineEntry): TextEdit[] {
  const doc = parse(text) as { findings?: BaselineEntry[] } | undefined;
  const findings = Array.isArray(doc?.findings) ? doc.findings : [];
  const at = findings.findIndex(f => compare(entry, f) < 0);
  const { file, ruleId, fingerprint, masked } = entry;
  return toTextEdits(
    modify(
      text,
      ['findings', at === -1 ? findings.length : at],
      { file, ruleId, fingerprint, masked },
      { isArrayInsertion: true, formattingOptions: formatting(text) },
    ),
  );
}

/**
 * The edit that names the baseline in `.secret-safe.json` (`"baseline": "…"`): the value replaced
 * where it is named already, else a property added after the last; everything else byte for byte
 * (jsonc-parser's `modify` reformats the neighbours). `text` undefined or blank: the file to create.
 */
export function configBaselineEdit(text: string | undefined, path: string): TextEdit[] {
  const value = JSON.stringify(path);
  if (text === undefined || text.trim() === '') return [{ start: 0, end: text?.length ?? 0, newText: `{\n  "baseline": ${value}\n}\n` }];
  const root = parseTree(text);
  if (root?.type !== 'object') return [];
  const named = findNodeAtLocation(root, ['baseline']);
  if (named) return [{ start: named.offset, end: named.offset + named.length, newText: value }];
  const { eol, insertSpaces, tabSize } = formatting(text);
  const last = root.children?.[root.children.length - 1];
  if (!last) {
    // `{}` or `{ // comments }`: the property on a line of its own before the closing brace.
    const close = root.offset + root.length - 1;
    const inside = text.slice(root.offset + 1, close);
    const property = `${insertSpaces ? ' '.repeat(tabSize ?? 2) : '\t'}"baseline": ${value}${eol}`;
    return inside.trim() === ''
      ? [{ start: root.offset + 1, end: close, newText: `${eol}${property}` }]
      : [{ start: close, end: close, newText: `${inside.endsWith('\n') ? '' : eol}${property}` }];
  }
  const lineStart = text.lastIndexOf('\n', last.offset) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
  const end = last.offset + last.length;
  // On the last property's line: its own line after it; on one line with the others: after them.
  const sameLine = text.slice(root.offset, last.offset).includes('\n');
  return [{ start: end, end, newText: sameLine ? `,${eol}${indent}"baseline": ${value}` : `, "baseline": ${value}` }];
}
