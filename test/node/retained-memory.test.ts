import * as assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { BUILTIN_RULES, createScanner } from '../../src/core';

/** A full garbage collection, as `--expose-gc` gives it, without starting node with that flag. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

describe('memory a scan keeps', () => {
  it('keeps no file alive once it is scanned: what the scanner remembers is its own, not a view of the text', () => {
    // Names the generic rules look at, each file its own (a name cut from a text is a view of the
    // whole text: a cache keyed by it kept a thousand files alive, 100 MB on a tree of packages).
    const scanner = createScanner(BUILTIN_RULES);
    const filler = 'const unrelated = compute(1, 2); // filler line of ordinary code\n'.repeat(16_000);
    const scan = (i: number) =>
      scanner.scan(
        Buffer.from(
          `${filler}const service_${i}_connection_secret = 'plainwords';\nconst other_${i}_settings_api_token = process.env.TOKEN;\n${filler}`,
        ).toString('latin1'),
      );
    // Warmed up first: the first scans compile the rules' regular expressions (code the heap keeps).
    for (let i = 0; i < 4; i++) scan(-1 - i);
    collectGarbage();
    // The heap and external memory: a large text read from a file lives outside the heap.
    const used = () => process.memoryUsage().heapUsed + process.memoryUsage().external;
    const before = used();
    for (let i = 0; i < 40; i++) scan(i);
    collectGarbage();
    const grown = (used() - before) / 1e6;
    // 40 texts of 2 MB each: kept, they would be 80 MB.
    assert.ok(grown < 25, `memory grew by ${grown.toFixed(1)} MB after scanning 40 texts of 2 MB`);
  });
});
