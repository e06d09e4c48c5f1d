import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { readBoundedSync, readBoundedTextSync, TooLargeError } from '../../src/node/read-bounded';
import { tempDir } from '../helpers/temp-dir';

// What the CLI reads a file the repository chose through (a candidate key file after a scan, a
// baseline, a .env for the inventory): the whole of a regular file, never a wait on a FIFO, never
// without end on a device.
describe('readBoundedSync', () => {
  let dir: ReturnType<typeof tempDir>;
  let server: Server | undefined;
  afterEach(() => {
    server?.close();
    server = undefined;
    dir?.dispose();
  });

  it('reads a regular file whole, up to and including the limit, and refuses one byte more', () => {
    dir = tempDir({ 'a.json': '{"type": "x"}\n', 'exact.txt': 'x'.repeat(100), 'over.txt': 'x'.repeat(101), 'empty.txt': '' });
    assert.equal(readBoundedTextSync(join(dir.path, 'a.json'), 1 << 20, { regularOnly: true }), '{"type": "x"}\n');
    assert.equal(readBoundedSync(join(dir.path, 'exact.txt'), 100, { regularOnly: true }).length, 100);
    assert.equal(readBoundedSync(join(dir.path, 'empty.txt'), 100, { regularOnly: true }).length, 0);
    assert.throws(() => readBoundedSync(join(dir.path, 'over.txt'), 100, { regularOnly: true }), TooLargeError);
  });

  it('refuses a FIFO with regularOnly at once, with no writer ever coming', () => {
    dir = tempDir();
    const fifo = join(dir.path, 'credentials.json');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    // In a process of its own: a blocking open would wait there for ever, and is killed.
    const read = `try { require(${JSON.stringify(require.resolve('../../src/node/read-bounded'))}).readBoundedSync(process.argv[1], 1 << 20, { regularOnly: true }); } catch (e) { console.log(e.message); }`;
    const r = spawnSync(process.execPath, ['-e', read, fifo], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(r.signal, null, 'the read waited on the FIFO');
    assert.match(r.stdout, /is not a regular file/);
  });

  it('refuses a socket with regularOnly as not a regular file', async () => {
    dir = tempDir();
    const socket = join(dir.path, 'key.pem');
    server = createServer();
    await new Promise<void>(resolve => server!.listen(socket, resolve));
    assert.throws(() => readBoundedSync(socket, 1 << 20, { regularOnly: true }), /is not a regular file/);
  });

  it('stops at the limit on a device without one, and refuses it with regularOnly', () => {
    dir = tempDir();
    const link = join(dir.path, '.env');
    symlinkSync('/dev/zero', link);
    assert.throws(() => readBoundedSync(link, 4096), TooLargeError);
    assert.throws(() => readBoundedSync(link, 4096, { regularOnly: true }), /is not a regular file/);
  });
});
