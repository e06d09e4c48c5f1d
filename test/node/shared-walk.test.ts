import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { SECRET_FILE_KINDS } from '../../src/core/hygiene';
import { candidates, sharedWalk } from '../../src/node/exits/secret-files';
import { tempDir } from '../helpers/temp-dir';

describe("a run's shared walk for secret files", () => {
  it('gives each folder inside the first walk exactly what a walk of its own finds', async () => {
    // Folders whose names are prefixes of others (`a`, `a-b`, `ab`) and sort around `a/`: a
    // folder's part of the list must hold its own files and no neighbour's.
    const files: Record<string, string> = {};
    for (const dir of ['a', 'a/b', 'a-b', 'ab', 'a.b', 'b', 'a/b/c', 'ab/a']) {
      files[`${dir}/.env`] = 'X=1\n';
      files[`${dir}/package.json`] = '{}\n';
      files[`${dir}/notes.txt`] = 'hello\n';
    }
    const root = tempDir(files);
    try {
      const walk = sharedWalk();
      const all = await walk(root.path, SECRET_FILE_KINDS);
      assert.ok(all.length >= 16, `the first walk found ${all.length} candidates`);
      for (const dir of ['a', 'a/b', 'a-b', 'ab', 'a.b', 'b', 'a/b/c', 'ab/a']) {
        const folder = join(root.path, dir);
        assert.deepEqual(await walk(folder, SECRET_FILE_KINDS), await candidates(folder, SECRET_FILE_KINDS), dir);
      }
    } finally {
      root.dispose();
    }
  });
});
