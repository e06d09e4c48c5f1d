/** A zero-based line and UTF-16 column, as LSP counts them. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Turns offsets into positions for offsets given in ascending order, walking the text once.
 * Line breaks are `\n`, `\r\n` and `\r`, as in LSP. Building a full line table would cost a pass
 * and an array per file even when nothing is found; this costs nothing until the first finding.
 */
export class PositionCursor {
  private offset = 0;
  private line = 0;
  private lineStart = 0;

  constructor(private readonly text: string) {}

  /** The position of `target`; `target` must not be less than the previous call's. */
  at(target: number): Position {
    if (target < this.offset) {
      throw new RangeError('PositionCursor.at: offsets must be ascending');
    }
    const text = this.text;
    for (let i = this.offset; i < target; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
        this.line++;
        this.lineStart = i + 1;
      }
    }
    this.offset = target;
    return { line: this.line, column: target - this.lineStart };
  }
}
