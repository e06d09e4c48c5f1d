import * as assert from 'node:assert/strict';
import { KeywordAutomaton } from '../../src/core/keyword-automaton';
import { seededRandom } from '../../src/core/keygen';

/** Every occurrence the slow way, ordered as the automaton reports them: by end, then longest first as found. */
function naive(keywords: string[], text: string): Array<[number, number]> {
  const lower = text.toLowerCase();
  const found: Array<[number, number]> = [];
  for (let end = 1; end <= text.length; end++) {
    keywords.forEach((k, id) => {
      if (end >= k.length && lower.startsWith(k, end - k.length)) found.push([id, end - k.length]);
    });
  }
  return found;
}

function hitsOf(automaton: KeywordAutomaton, text: string): Array<[number, number]> {
  const out = { hits: new Int32Array(2) };
  const count = automaton.scan(text, out);
  return Array.from({ length: count }, (_, i) => [out.hits[i * 2], out.hits[i * 2 + 1]] as [number, number]);
}

/** Sorted by end, then id, so both lists compare whatever order keywords ending together come in. */
const byEnd = (hits: Array<[number, number]>, keywords: string[]) => [...hits].sort((a, b) => a[1] + keywords[a[0]].length - (b[1] + keywords[b[0]].length) || a[0] - b[0]);

describe('keyword automaton', () => {
  const keywords = ['pass', 'password', 'sk-', 'sk-ant-', 'token', 'ken', 'a', 'aa'];
  const automaton = new KeywordAutomaton(keywords);

  it('finds every occurrence, overlapping ones and any case included, in short and long texts', () => {
    const random = seededRandom(7);
    const pieces = [...'pass PassWord sk-ant- sk- TOKEN tok x aaa sk'.split(' '), ' ', 'é', '\n'];
    // Long texts are read as two halves at once: lengths around the threshold, odd and even.
    for (const length of [0, 1, 50, 4095, 4096, 4097, 9001, 20000]) {
      let text = '';
      while (text.length < length) text += pieces[Math.floor(random() * pieces.length)];
      text = text.slice(0, length);
      const found = hitsOf(automaton, text);
      assert.deepEqual(byEnd(found, keywords), byEnd(naive(keywords, text), keywords), `length ${length}`);
      // In order of where they end, as the scanner relies on.
      const ends = found.map(([id, start]) => start + keywords[id].length);
      assert.deepEqual(ends, [...ends].sort((x, y) => x - y), `length ${length}: ordered by end`);
    }
  });

  it('finds a keyword that straddles the middle of a long text, wherever it falls', () => {
    const filler = 'q'.repeat(6000);
    for (let shift = -9; shift <= 9; shift++) {
      const text = `${filler.slice(0, 3000 + shift)}sk-ant-password${filler.slice(0, 3000 - shift)}`;
      const found = hitsOf(automaton, text).map(([id, start]) => `${keywords[id]}@${start}`);
      const at = 3000 + shift;
      assert.deepEqual(found, [`sk-@${at}`, `a@${at + 3}`, `sk-ant-@${at}`, `a@${at + 8}`, `pass@${at + 7}`, `password@${at + 7}`], `shift ${shift}`);
    }
  });
});
