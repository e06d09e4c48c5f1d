import type { Span } from './types';

/** How far after the secret its closing quote is looked for: a long key in a JSON string is a few KB. */
const CLOSING_CONTEXT = 16384;
/**
 * How far before the secret the line is read to find the opening quote and count the quotes
 * before it. On a longer (minified) line the count starts there, as if the line did.
 */
const OPENING_CONTEXT = 2048;

const NEWLINE = 10;
const BACKSLASH = 92;

function isQuote(c: number): boolean {
  return c === 34 || c === 39 || c === 96; // " ' `
}

/**
 * The string literal around `[start, end)`, quotes included: the nearest quote before `start` on
 * its line that opens a literal (an even number of unescaped quotes of its kind precede it on
 * the line), closed by the same quote after `end` before the line ends. Undefined when the
 * secret is not inside a literal (YAML values, .env lines, comments).
 */
export function enclosingLiteral(text: string, start: number, end: number): Span | undefined {
  const minStart = Math.max(0, start - OPENING_CONTEXT);
  let open = -1;
  let quote = 0;
  let before = 0; // unescaped quotes of the same kind before the opening one, on the line
  for (let i = start - 1; i >= minStart; i--) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) {
      break;
    }
    if (open < 0) {
      if (isQuote(c) && !isEscaped(text, i)) {
        open = i;
        quote = c;
      }
    } else if (c === quote && !isEscaped(text, i)) {
      before++;
    }
  }
  if (open < 0 || before % 2 !== 0) {
    return undefined; // no quote before, or that quote closes an earlier literal
  }
  const limit = Math.min(text.length, end + CLOSING_CONTEXT);
  for (let i = end; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) {
      return undefined;
    }
    if (c === quote && !isEscaped(text, i)) {
      return { start: open, end: i + 1 };
    }
  }
  return undefined;
}

/** Preceded by an odd number of backslashes. */
function isEscaped(text: string, i: number): boolean {
  let slashes = 0;
  for (let j = i - 1; j >= 0 && text.charCodeAt(j) === BACKSLASH; j--) {
    slashes++;
  }
  return slashes % 2 === 1;
}
