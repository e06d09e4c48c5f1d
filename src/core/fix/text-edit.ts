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

/**
 * Edits on `text` equivalent to applying `first` to it, then `then` (insertions on the result):
 * each insertion is carried back to where it stands in `text`, and one that falls inside or
 * against a replacement joins that replacement's text, so no two edits start at one offset.
 */
export function composeEdits(first: readonly TextEdit[], then: readonly TextEdit[]): TextEdit[] {
  const edits = [...first].sort((a, b) => a.start - b.start).map(e => ({ ...e }));
  const added: TextEdit[] = [];
  // From the last insertion back: one joined into a replacement leaves the offsets before it as they were.
  for (const insertion of [...then].sort((a, b) => b.start - a.start)) {
    if (insertion.start !== insertion.end) throw new Error('composeEdits: only insertions can follow');
    let delta = 0;
    let joined = false;
    for (const e of edits) {
      const newStart = e.start + delta;
      if (insertion.start < newStart) break;
      if (insertion.start <= newStart + e.newText.length) {
        const at = insertion.start - newStart;
        e.newText = e.newText.slice(0, at) + insertion.newText + e.newText.slice(at);
        joined = true;
        break;
      }
      delta += e.newText.length - (e.end - e.start);
    }
    if (!joined) {
      const at = insertion.start - delta;
      const same = added.find(a => a.start === at);
      if (same) same.newText = insertion.newText + same.newText;
      else added.push({ start: at, end: at, newText: insertion.newText });
    }
  }
  return [...edits, ...added];
}
