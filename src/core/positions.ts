/** A zero-based line and UTF-16 column, as LSP counts them. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Turns offsets into positions for offsets given in ascending order, walking the text once.
 * Line breaks are `\n`, `\r\n` and `\r`, as in LSP. Building a full line table would cost a pass
 * and an array per file even when nothing is found; this costs nothing until the first finding,
 * and then jumps from line break to line break with native searches.
 */
export class PositionCursor {
  private offset = 0;
  private line = 0;
  private lineStart = 0;
  /** The next `\n` and `\r` at or after `offset` as last looked up (stale when below it). */
  private lf = -1;
  private cr = -1;

  constructor(private readonly text: string) {}

  /** The position of `target`; `target` must not be less than the previous call's. */
  at(target: number): Position {
    if (target < this.offset) {
      throw new RangeError('PositionCursor.at: offsets must be ascending');
    }
    for (;;) {
      if (this.lf < this.offset) this.lf = this.next('\n');
      if (this.cr < this.offset) this.cr = this.next('\r');
      // A line ends at its `\n`, a `\r\n` at the `\n`, and a lone `\r` at itself.
      const end = this.cr < this.lf && this.cr + 1 !== this.lf ? this.cr : this.lf;
      if (end >= target) break;
      this.line++;
      this.lineStart = end + 1;
      this.offset = end + 1;
    }
    this.offset = target;
    return { line: this.line, column: target - this.lineStart };
  }

  private next(c: string): number {
    const at = this.text.indexOf(c, this.offset);
    return at < 0 ? Infinity : at;
  }
}
