import * as assert from 'node:assert/strict';
import { seededRandom } from '../../src/core/keygen';
import { PositionCursor } from '../../src/core/positions';

/** Line and column of every offset, the slow way: LSP's line breaks are \n, \r\n and a lone \r. */
function reference(text: string): Array<{ line: number; column: number }> {
  const out = [];
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    out.push({ line, column: i - lineStart });
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return out;
}

describe('position cursor', () => {
  it('gives LSP line and column for ascending offsets, across \\n, \\r\\n and lone \\r breaks', () => {
    const random = seededRandom(11);
    const pieces = ['a', 'bc', ' ', '\n', '\r\n', '\r', '\r\r\n', '\n\r', 'é'];
    for (let round = 0; round < 200; round++) {
      let text = '';
      const length = Math.floor(random() * 80);
      while (text.length < length) text += pieces[Math.floor(random() * pieces.length)];
      const expected = reference(text);
      const cursor = new PositionCursor(text);
      // Ascending offsets, repeats included, ending anywhere (at the end of the text too).
      for (let offset = 0; offset <= text.length; offset += Math.floor(random() * 4)) {
        assert.deepEqual(cursor.at(offset), expected[offset], `${JSON.stringify(text)} at ${offset}`);
      }
    }
  });

  it('refuses an offset before the previous one', () => {
    const cursor = new PositionCursor('a\nb');
    cursor.at(2);
    assert.throws(() => cursor.at(1), RangeError);
  });
});
