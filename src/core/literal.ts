import type { Span } from './types';

const QUOTES = '\'"`';

/** How far from the secret a quote is looked for: a long key in a JSON string is a few KB. */
const LITERAL_CONTEXT = 16384;

/**
 * The string literal around `[start, end)`, quotes included: the nearest quote before `start` on
 * its line that opens a literal (an odd number of unescaped quotes of its kind precede it on the
 * line), closed by the same quote after `end` on the end's line. Undefined when the secret is not
 * inside a literal (YAML values, .env lines, comments).
 */
export function enclosingLiteral(text: string, start: number, end: number): Span | undefined {
  let lineStart = start;
  const minStart = Math.max(0, start - LITERAL_CONTEXT);
  while (lineStart > minStart && text.charCodeAt(lineStart - 1) !== 10) lineStart--;
  let open = -1;
  for (let i = start - 1; i >= lineStart; i--) {
    if (QUOTES.includes(text[i]) && !isEscaped(text, i)) {
      open = i;
      break;
    }
  }
  if (open < 0 || countUnescaped(text, lineStart, open, text[open]) % 2 !== 0) {
    return undefined; // no quote before, or that quote closes an earlier literal
  }
  const quote = text[open];
  const lineEnd = lineEndAt(text, end);
  for (let i = end; i < lineEnd; i++) {
    if (text[i] === quote && !isEscaped(text, i)) {
      return { start: open, end: i + 1 };
    }
  }
  return undefined;
}

function lineEndAt(text: string, offset: number): number {
  let end = offset;
  const maxEnd = Math.min(text.length, offset + LITERAL_CONTEXT);
  while (end < maxEnd && text.charCodeAt(end) !== 10) end++;
  return end;
}

function countUnescaped(text: string, from: number, to: number, quote: string): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    if (text[i] === quote && !isEscaped(text, i)) {
      n++;
    }
  }
  return n;
}

/** Preceded by an odd number of backslashes. */
function isEscaped(text: string, i: number): boolean {
  let slashes = 0;
  for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) {
    slashes++;
  }
  return slashes % 2 === 1;
}
