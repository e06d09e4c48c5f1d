import * as assert from 'node:assert/strict';
import { flagsFor } from '../../src/cli/v8-flags';

// Which V8 knows which flag was found by running each Node: `v8.setFlagsFromString` of a flag V8
// does not know prints "Error: unrecognized flag" on standard error, before the scan's own output.
describe('the V8 flags a scan sets', () => {
  const budget = '--interrupt-budget=540672';
  const tuned = ['--no-turbo-inlining', '--no-concurrent-recompilation', '--no-parallel-scavenge'];

  it('sets the interrupt budget under Node 20 (V8 11.3), which has it', () => {
    assert.deepEqual(flagsFor('11.3.244.8-node.38').sort(), [...tuned, budget].sort());
  });

  it('leaves it out under Node 21, 22 and 24 (V8 11.8, 12.4, 13.6), which do not, and keeps the rest', () => {
    for (const version of ['11.8.172.17-node.20', '12.4.254.21-node.57', '13.6.233.17-node.53']) {
      assert.deepEqual(flagsFor(version).sort(), [...tuned].sort(), version);
    }
  });

  it('leaves it out of a version it cannot read', () => {
    assert.deepEqual(flagsFor('unknown').sort(), [...tuned].sort());
  });
});
