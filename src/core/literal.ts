import type { Span } from './types';

/** How far after the secret its closing quote is looked for: a long key in a JSON string is a few KB. */
const CLOSING_CONTEXT = 16384;
/** How far before the secret its opening quote may be. */
const OPENING_CONTEXT = 2048;

const NEWLINE = 10;
const BACKSLASH = 92;

/**
 * Finds the string literal around each finding, for findings given in ascending order. The
 * literal around `[start, end)`, quotes included, is the one opened by the nearest unescaped quote
 * before `start` on its line (at most `OPENING_CONTEXT` back), when an even number of unescaped
 * quotes of its kind precede it on the line, and closed by the same quote after `end` before the
 * line ends (at most `CLOSING_CONTEXT` on). Undefined when the secret is not inside a literal
 * (YAML values, .env lines, comments).
 *
 * The quotes are counted from the line's start however long the line: in minified JSON every
 * quote counts, and a count begun part-way through a line is wrong half the time. The line is read
 * once for all its findings: a reader moves ahead from finding to finding, counting quotes by kind
 * and remembering the last one, and jumps to a later finding's line start when a line break lies
 * between. The search for a closing quote remembers where it stopped.
 */
export class LiteralCursor {
  /** The reader: the line holding `ahead` read from its start up to `ahead`, its unescaped quotes counted by kind. */
  private ahead = -1;
  private readonly counts = [0, 0, 0];
  /** The first line break at or after `ahead` as last looked up (Infinity: none). */
  private lineBreak = -1;
  private lastQuote = -1;
  private lastKind = 0;
  /** Per kind of quote: from `from`, the first line break or quote of that kind is at `stop`; or none before `upTo` (`stop` -1). */
  private readonly closing = [0, 1, 2].map(() => ({ from: Infinity, stop: -1, upTo: -1 }));

  constructor(private readonly text: string) {}

  at(start: number, end: number): Span | undefined {
    const { text } = this;
    if (this.ahead < 0 || start < this.ahead || this.nextLineBreak() < start) {
      // Another line (or an earlier offset): read from the start of the finding's line.
      this.ahead = start > 0 ? text.lastIndexOf('\n', start - 1) + 1 : 0;
      this.counts.fill(0);
      this.lastQuote = -1;
    }
    for (let i = this.ahead; i < start; i++) {
      const kind = quoteKind(text.charCodeAt(i));
      if (kind >= 0 && !isEscaped(text, i)) {
        this.counts[kind]++;
        this.lastQuote = i;
        this.lastKind = kind;
      }
    }
    this.ahead = start;
    const open = this.lastQuote;
    const kind = this.lastKind;
    // None on the line, too far back, or one that closes an earlier literal (the count includes it).
    if (open < 0 || open < start - OPENING_CONTEXT || this.counts[kind] % 2 === 0) {
      return undefined;
    }
    const close = this.closingQuote(kind, end);
    return close < 0 ? undefined : { start: open, end: close + 1 };
  }

  /** The first line break at or after the reader, searched for once per line. */
  private nextLineBreak(): number {
    if (this.lineBreak < this.ahead) {
      const at = this.text.indexOf('\n', this.ahead);
      this.lineBreak = at < 0 ? Infinity : at;
    }
    return this.lineBreak;
  }

  /** Where the literal of `kind` open before `end` closes, or -1 when a line break or the limit comes first. */
  private closingQuote(kind: number, end: number): number {
    const { text } = this;
    const limit = Math.min(text.length, end + CLOSING_CONTEXT);
    const memo = this.closing[kind];
    let i = end;
    if (memo.from <= end) {
      if (memo.stop >= end) {
        return memo.stop < limit && text.charCodeAt(memo.stop) !== NEWLINE ? memo.stop : -1;
      }
      if (memo.stop < 0 && memo.upTo > end) i = memo.upTo;
    }
    const quote = QUOTES[kind];
    memo.from = end;
    for (; i < limit; i++) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE || (c === quote && !isEscaped(text, i))) {
        memo.stop = i;
        return c === NEWLINE ? -1 : i;
      }
    }
    memo.stop = -1;
    memo.upTo = limit;
    return -1;
  }
}

const QUOTES = [34, 39, 96]; // " ' `

function quoteKind(c: number): number {
  return c === 34 ? 0 : c === 39 ? 1 : c === 96 ? 2 : -1;
}

/** Preceded by an odd number of backslashes. */
function isEscaped(text: string, i: number): boolean {
  let slashes = 0;
  for (let j = i - 1; j >= 0 && text.charCodeAt(j) === BACKSLASH; j--) {
    slashes++;
  }
  return slashes % 2 === 1;
}
