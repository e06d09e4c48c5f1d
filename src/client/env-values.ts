/**
 * Where the values are in an env file's text, for masking: after `NAME=` (or `NAME: `) on each
 * line, commented-out lines (`# NAME=value`) included, and a quoted value over as many lines as it
 * runs. Masking errs on the side of hiding: an unquoted value runs to a ` #` comment or the line's
 * end, whatever dotenv would make of it. Offsets are the text's own.
 */
export function envValueRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  // A commented-out line counts with `=` only: `# Database: postgres` is prose.
  const line = /^[ \t]*(?:#[ \t]*(?:export[ \t]+)?[\w.-]+[ \t]*=|(?:export[ \t]+)?[\w.-]+[ \t]*(?:=|:[ \t]))[ \t]*/gm;
  for (let m = line.exec(text); m; m = line.exec(text)) {
    const start = m.index + m[0].length;
    const eol = nextLineEnd(text, start);
    const quote = text[start];
    let end: number;
    if (quote === '"' || quote === "'" || quote === '`') {
      // A quoted value ends at its closing quote, on this line or a later one; unclosed, at the line's end.
      let close = text.indexOf(quote, start + 1);
      while (close !== -1 && quote === '"' && text[close - 1] === '\\') close = text.indexOf(quote, close + 1);
      end = close === -1 ? eol : close + 1;
    } else {
      const comment = /[ \t]#/.exec(text.slice(start, eol));
      end = comment ? start + comment.index : eol;
      while (end > start && /[ \t]/.test(text[end - 1])) end--;
    }
    if (end > start) ranges.push([start, end]);
    line.lastIndex = Math.max(line.lastIndex, end);
  }
  return ranges;
}

function nextLineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  const end = nl === -1 ? text.length : nl;
  return end > from && text[end - 1] === '\r' ? end - 1 : end;
}
