import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILTIN_RULES } from '../../src/core';
import { KeywordAutomaton } from '../../src/core/keyword-automaton';
import { createKeyGen, seededRandom } from '../../src/core/keygen';
import { KEYWORD_SCAN_WASM } from '../../src/core/keyword-scan-wasm';
import { writeUtf16 } from '../../src/node/scan/utf16';
import { REPO_ROOT } from '../helpers/repo';

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

function hitsIn(automaton: KeywordAutomaton, text: string, asBytes = false): Array<[number, number]> {
  const out = { hits: new Int32Array(2) };
  // The text as a file's bytes, one per character (as an ASCII file is read), for the byte pass.
  const count = automaton.scan(text, out, asBytes ? Buffer.from(text, 'latin1') : undefined);
  return Array.from({ length: count }, (_, i) => [out.hits[i * 2], out.hits[i * 2 + 1]] as [number, number]);
}

/** Sorted by end, then id, so both lists compare whatever order keywords ending together come in. */
const byEnd = (hits: Array<[number, number]>, keywords: string[]) =>
  [...hits].sort((a, b) => a[1] + keywords[a[0]].length - (b[1] + keywords[b[0]].length) || a[0] - b[0]);

// Each case runs on every pass: JavaScript, WebAssembly (given a writer, for texts of 512
// characters or more; read in four streams, each started a keyword's length early), WebAssembly
// over the text's bytes (a text of characters below 256, as an ASCII file is read), and
// JavaScript with its own table, as where the engine has no WebAssembly.
for (const pass of ['JavaScript', 'WebAssembly', 'WebAssembly over bytes', 'JavaScript without WebAssembly'] as const)
  describe(`keyword automaton (${pass} pass)`, () => {
    const keywords = ['pass', 'password', 'sk-', 'sk-ant-', 'token', 'ken', 'a', 'aa'];
    const bytes = pass === 'WebAssembly over bytes';
    const javaScript = pass === 'JavaScript' || pass === 'JavaScript without WebAssembly';
    const automaton = new KeywordAutomaton(keywords, javaScript ? undefined : writeUtf16, pass !== 'JavaScript without WebAssembly');
    const hitsOf = (a: KeywordAutomaton, text: string) => hitsIn(a, text, bytes);

    it('finds every occurrence, overlapping ones and any case included, in short and long texts', () => {
      const random = seededRandom(7);
      // Beyond ASCII: é, and characters whose low byte is an ASCII letter of a keyword (Ŵ is
      // U+0174, ŭ U+016D), which must not read as that letter.
      // Over bytes: characters from 128 to 255 (é, a no-break space, ÿ) instead, each a byte.
      const pieces = [
        ...'pass PassWord sk-ant- sk- TOKEN tok x aaa sk'.split(' '),
        ' ',
        'é',
        '\n',
        ...(bytes ? ['\u00a0oken', 'paÿs', 'Ã'] : ['Ŵoken', 'paŭs', '\u{1F511}']),
      ];
      // Lengths around each threshold (WebAssembly from 512, two JavaScript streams from 4096),
      // and each remainder of a division into four streams.
      for (const length of [0, 1, 50, 511, 512, 513, 514, 515, 4095, 4096, 4097, 9001, 20000, 20003]) {
        let text = '';
        while (text.length < length) text += pieces[Math.floor(random() * pieces.length)];
        text = text.slice(0, length);
        const found = hitsOf(automaton, text);
        assert.deepEqual(byEnd(found, keywords), byEnd(naive(keywords, text), keywords), `length ${length}`);
        assert.equal(automaton.pass, !javaScript && length >= 512 ? 'webassembly' : 'javascript', `length ${length}: the pass taken`);
        // In order of where they end, as the scanner relies on.
        const ends = found.map(([id, start]) => start + keywords[id].length);
        assert.deepEqual(
          ends,
          [...ends].sort((x, y) => x - y),
          `length ${length}: ordered by end`,
        );
      }
    });

    it('finds a keyword that straddles the boundary between two streams, wherever it falls', () => {
      // 6000 characters: two JavaScript streams meet at 3000, four WebAssembly ones at 1500, 3000 and 4500.
      const filler = 'q'.repeat(6000);
      for (const boundary of [1500, 3000, 4500]) {
        for (let shift = -16; shift <= 9; shift++) {
          const at = boundary + shift;
          const text = `${filler.slice(0, at)}sk-ant-password${filler.slice(0, 6000 - at)}`;
          const found = hitsOf(automaton, text).map(([id, start]) => `${keywords[id]}@${start}`);
          assert.deepEqual(found, [`sk-@${at}`, `a@${at + 3}`, `sk-ant-@${at}`, `a@${at + 8}`, `pass@${at + 7}`, `password@${at + 7}`], `at ${at}`);
        }
      }
    });

    it('finds every hit of a text with more hits than the WebAssembly pass holds, in order', () => {
      // 'a' and 'aa' end at nearly every character: 150,000 hits, beyond the pass's 16,384 per stream.
      const text = `${'a'.repeat(75_000)}token${'a'.repeat(1000)}`;
      const found = hitsOf(automaton, text);
      assert.equal(automaton.pass, 'javascript', 'the JavaScript pass took over');
      assert.equal(found.length, naive(keywords, text).length);
      assert.deepEqual(byEnd(found, keywords), byEnd(naive(keywords, text), keywords));
    });
  });

describe('keyword automaton: the WebAssembly module', () => {
  it('is what keyword-scan.wat compiles to (run `npm run wasm` after editing the .wat)', async () => {
    const { compileKeywordScan } = (await import(pathToFileURL(join(REPO_ROOT, 'scripts/wasm.mjs')).href)) as { compileKeywordScan: () => Promise<string> };
    assert.equal(KEYWORD_SCAN_WASM, await compileKeywordScan());
  });

  it("reads the same hits as the JavaScript pass (with a table of its own) over the built-in rules' keywords, in a long text of every kind", () => {
    const keywords = [...new Set(BUILTIN_RULES.flatMap(r => r.keywords))];
    const js = new KeywordAutomaton(keywords, undefined, false);
    const wasm = new KeywordAutomaton(keywords, writeUtf16);
    const examples = BUILTIN_RULES.flatMap(r => [...r.examples.positive(createKeyGen(seededRandom(3))), ...r.examples.negative(createKeyGen(seededRandom(4)))]);
    const text = Array.from({ length: 2 }, () => examples.join('\n')).join('\n');
    assert.ok(text.length > 100_000);
    const a = hitsIn(js, text);
    assert.ok(a.length > 1000);
    assert.deepEqual(hitsIn(wasm, text), a);
    assert.equal(wasm.pass, 'webassembly');
    // And over bytes, the text's non-ASCII characters replaced by ones below 256.
    const latin = text.replace(/[^\x00-\xff]/g, '\u00e9');
    assert.deepEqual(hitsIn(wasm, latin, true), hitsIn(js, latin));
    assert.equal(wasm.pass, 'webassembly');
  });
});
