import type { TextEdit } from '../fix/text-edit';
import type { DotenvEntry } from './entries';

/**
 * Removes a variable's line (all its lines, for a quoted value over several) with its line end:
 * for a name set again further down, whose line dotenv never uses.
 */
export function removeEntryLines(text: string, entry: DotenvEntry): TextEdit {
  const start = text.lastIndexOf('\n', entry.nameStart - 1) + 1;
  const nl = text.indexOf('\n', entry.valueEnd);
  // The last line of the file: its line break goes with the line before it instead.
  if (nl === -1) return { start: Math.max(0, start - (text[start - 2] === '\r' ? 2 : 1)), end: text.length, newText: '' };
  return { start, end: nl + 1, newText: '' };
}

/**
 * A line dotenv skips because of how the separator is written (`NAME : value`, `NAME:value`),
 * rewritten as `NAME=value`, keeping `export`, the indentation and the value as written. Lines
 * skipped for another reason (a name dotenv cannot read) have no such fix.
 */
export function rewriteSkippedLine(text: string, start: number, end: number): { edit: TextEdit; name: string } | undefined {
  const line = text.slice(start, end).replace(/\r$/, '');
  const m = /^((?:export\s+)?)([\w.-]+)\s*:\s*(.*)$/.exec(line);
  if (!m) return undefined;
  return { edit: { start, end: start + line.length, newText: `${m[1]}${m[2]}=${m[3]}` }, name: m[2] };
}
