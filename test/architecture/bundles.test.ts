import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST } from '../helpers/repo';

describe('the bundles', () => {
  it('are ASCII, so Node holds each source as a one-byte string, not a two-byte one of twice the size', () => {
    const bundles = readdirSync(DIST).filter(f => f.endsWith('.js'));
    assert.ok(bundles.includes('cli.js') && bundles.includes('scan-worker.js') && bundles.includes('server.js'), bundles.join(', '));
    for (const bundle of bundles) {
      const bytes = readFileSync(join(DIST, bundle));
      const at = bytes.findIndex(b => b > 0x7f);
      assert.equal(at, -1, `${bundle}: a byte outside ASCII at ${at}, in ${JSON.stringify(bytes.toString('utf8', Math.max(0, at - 40), at + 10))}`);
    }
  });
});
