import * as assert from 'node:assert/strict';
import { scanOnWorkers } from '../../src/node/scan-pool';
import { tempDir } from '../helpers/temp-dir';

describe('scan worker pool', () => {
  it('fails the scan, instead of waiting forever, when a worker cannot start', async () => {
    const dir = tempDir({ 'broken-worker.js': "throw new Error('cannot load the rules');\n", 'a.txt': 'hello\n' });
    try {
      async function* paths() {
        for (let i = 0; i < 200; i++) yield `${dir.path}/a.txt`;
      }
      await assert.rejects(async () => {
        for await (const _ of scanOnWorkers(paths(), { cwd: dir.path, maxFileBytes: 1e6, workerScript: `${dir.path}/broken-worker.js`, threads: 2 })) void _;
      }, /cannot load the rules/);
    } finally {
      dir.dispose();
    }
  });
});
