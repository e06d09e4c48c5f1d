import * as assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import * as dotenv from 'dotenv';
import { readDotenv } from '../../../src/core/dotenv/entries';

/** Pieces of .env lines, the awkward ones included: CRLF, export, colons, quotes over lines, comments, junk. */
const PIECES = [
  'A=1',
  'export B=two',
  'C: three',
  'D : not read',
  'E:not read',
  'F="multi\nline"',
  "G='single # kept'",
  'H=bare # comment',
  'I=x#y',
  'J=`back tick`',
  '# comment',
  '#K=commented',
  '',
  '   ',
  'junk line',
  'L="unterminated',
  'M=',
  'N="x" y',
  'O.P-Q=dots',
  ' R = spaced ',
  'A=again',
  'S="esc\\n\\"q\\""',
  'T=${A}',
  'U="a\r\nb"',
];

function randomText(): string {
  const lines = Array.from({ length: randomInt(1, 12) }, () => PIECES[randomInt(0, PIECES.length)]);
  const eol = ['\n', '\r\n', '\r'][randomInt(0, 3)];
  return lines.join(eol) + (randomInt(0, 2) ? eol : '');
}

describe('.env entries', () => {
  it('reads the same variables and values as dotenv.parse (5,000 random files, any line ending)', () => {
    for (let i = 0; i < 5000; i++) {
      const text = randomText();
      const { entries } = readDotenv(text);
      const ours = Object.fromEntries(entries.map(e => [e.name, e.value]));
      assert.deepEqual(ours, { ...dotenv.parse(text) }, JSON.stringify(text));
      for (const e of entries) {
        assert.equal(text.slice(e.nameStart, e.nameEnd), e.name, 'the name is where it says');
      }
    }
  });

  it('locates names, raw values, commented values and the lines dotenv skips', () => {
    const text = 'export API_URL = "http://x" # local\r\n#TOKEN=abc123\r\njust words\r\nPORT=3000';
    const { entries, commented, ignored } = readDotenv(text);
    assert.deepEqual(
      entries.map(e => [e.name, e.value, text.slice(e.valueStart, e.valueEnd)]),
      [
        ['API_URL', 'http://x', '"http://x"'],
        ['PORT', '3000', '3000'],
      ],
    );
    assert.deepEqual(
      commented.map(c => [c.name, text.slice(c.valueStart, c.valueEnd)]),
      [['TOKEN', 'abc123']],
    );
    assert.deepEqual(
      ignored.map(l => text.slice(l.start, l.end).trim()),
      ['just words'],
    );
  });
});
