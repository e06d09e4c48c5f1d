import * as assert from 'node:assert/strict';
import { envValueRanges } from '../../src/client/env-values';
import { readDotenv } from '../../src/core/dotenv/entries';
import { gen } from '../helpers/fake-keys';

/** The masked texts of an env file. */
const masked = (text: string): string[] => envValueRanges(text).map(([s, e]) => text.slice(s, e));

describe('what masking hides in an env file', () => {
  it('hides each value, quotes included, and keeps names, export and trailing comments', () => {
    assert.deepEqual(masked('A=1\nexport B=\'two words\' # note\nC = "x\\"y"\nD: colon\nE=\n'), ['1', "'two words'", '"x\\"y"', 'colon']);
  });

  it('hides values on commented-out lines, but not prose comments', () => {
    assert.deepEqual(masked('# OLD_KEY=abc123\n#export TOKEN = t0k3n\n# Database: postgres on port 5432\n# see https://example.com/?a=b\n'), [
      'abc123',
      't0k3n',
    ]);
  });

  it('hides a quoted value over several lines, and stops an unclosed quote at its line end', () => {
    assert.deepEqual(masked('KEY="line one\nline two"\nNEXT=1\nBAD=\'open\nAFTER=2'), ['"line one\nline two"', '1', "'open", '2']);
  });

  it('keeps CRLF line ends out of values', () => {
    assert.deepEqual(masked('A=1\r\nB="x"\r\n'), ['1', '"x"']);
  });

  it('covers every value dotenv reads, on random files', () => {
    for (let round = 0; round < 300; round++) {
      const lines = Array.from({ length: 8 }, (_, i) => {
        const value = gen.alnum(1 + (round % 20));
        const forms = [`K${i}=${value}`, `export K${i}='${value}'`, `K${i} = "${value}"`, `K${i}=\`${value}\` # c`, `# K${i}=${value}`, `K${i}: ${value}`];
        return forms[(round + i) % forms.length];
      });
      const text = lines.join(round % 2 ? '\r\n' : '\n');
      const ranges = envValueRanges(text);
      for (const entry of readDotenv(text).entries) {
        assert.ok(
          ranges.some(([s, e]) => s <= entry.valueStart && entry.valueEnd <= e),
          `${entry.name} in ${JSON.stringify(text)}`,
        );
      }
    }
  });
});
