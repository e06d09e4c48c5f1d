/** A replacement of `[start, end)` in a file's text (offsets in UTF-16 code units, BOM excluded). */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** The line ending a text already uses: its first line break, else `\n`. */
export function eolOf(text: string): string {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

/**
 * Appends lines at the end of a text, keeping its line endings and whether it ends with one:
 * a file that ended without a final newline still does.
 */
export function appendLines(text: string, lines: readonly string[]): TextEdit {
  const eol = eolOf(text);
  const body = lines.join(eol);
  if (text.length === 0) {
    return { start: 0, end: 0, newText: body + eol };
  }
  const endsWithNewline = text.endsWith('\n');
  return { start: text.length, end: text.length, newText: endsWithNewline ? body + eol : eol + body };
}

/** Applies non-overlapping edits to a text (any order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  }
  return out;
}
