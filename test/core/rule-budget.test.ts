import * as assert from 'node:assert/strict';
import { createScanner, parseConfig } from '../../src/core';
import { gen } from '../helpers/fake-keys';

// Issue 17, item 2: a config's own rules run in windows under a time budget per text. The windows
// must find exactly what one pass over the whole text finds.
describe('config rules in windows, under a time budget', () => {
  const rule = (regex: string) => {
    const { config, problems } = parseConfig(JSON.stringify({ rules: [{ id: 'acme-key', regex, keywords: ['acme_'] }] }));
    assert.deepEqual(problems, []);
    return config.rules;
  };

  it('finds every key a whole-text pass finds, across window edges and with lookbehind', () => {
    const regex = '(?<![A-Za-z0-9])acme_[a-f0-9]{32}(?![a-f0-9])';
    const scanner = createScanner(rule(regex));
    // Keys at offsets around each 16 KiB edge, one glued to a word (the lookbehind refuses it).
    let text = '';
    const expected: number[] = [];
    for (const edge of [16_384, 32_768, 49_152]) {
      for (const delta of [-40, -37, -20, -1, 0, 1, 255, 256, 257]) {
        const at = edge + delta;
        if (at < text.length + 2) continue;
        text += 'x'.repeat(at - text.length - 1);
        text += ' ';
        expected.push(text.length);
        text += `acme_${gen.hex(32)}`;
      }
    }
    text += ` wordacme_${gen.hex(32)} end`;
    const whole = [...text.matchAll(new RegExp(regex, 'g'))].map(m => m.index);
    assert.deepEqual(whole, expected, 'the test text is what it claims');
    assert.deepEqual(
      scanner.scan(text).map(f => f.start),
      expected,
    );
  });

  it('stops a rule that runs out of time, keeps what it found, and names it', () => {
    const scanner = createScanner(rule('acme_[a-f0-9]{32}'), { ruleBudgetMs: 0 });
    const first = `acme_${gen.hex(32)}`;
    const text = `${first}\n${'acme_ '.repeat(20_000)}\nacme_${gen.hex(32)}\n`;
    const stopped: string[] = [];
    const found = scanner.scan(text, { stopped });
    assert.deepEqual(stopped, ['acme-key']);
    assert.deepEqual(
      found.map(f => f.start),
      [0],
      'the key in the first window is reported; the one past the budget is not',
    );
    const unhurried: string[] = [];
    assert.equal(createScanner(rule('acme_[a-f0-9]{32}')).scan(text, { stopped: unhurried }).length, 2);
    assert.deepEqual(unhurried, []);
  });
});
