import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { SECRET_FILE_KINDS } from '../../src/core/hygiene';
import { candidates, observedCandidates, sharedWalk } from '../../src/node/exits/secret-files';
import { walkFiles } from '../../src/node/scan/gitignore-walk';
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

  it("takes from a scan's walk the same candidates a walk of their own finds: ignored and allowlisted folders, and what they hold, too", async () => {
    const root = tempDir({
      '.gitignore': 'build/\n.docker/\n*.log\nsecrets.json\nvault/\n',
      // A project's own kind known by its path from the root, in a folder the walk does not enter.
      'vault/token': 's.abc\n',
      '.env': 'A=1\n',
      'secrets.json': '{}\n',
      'app/.env.local': 'B=2\n',
      'app/.gitignore': 'keys/\n!keep.pem\n',
      'app/keys/id_rsa': 'x\n',
      'app/keys/deeper/server.pem': 'x\n',
      'app/keep.pem': 'x\n',
      'build/.env.production': 'C=3\n',
      'build/out/credentials.json': '{}\n',
      // Known by its path: `.docker/config.json`, in a folder the walk does not enter.
      '.docker/config.json': '{}\n',
      'vendor/allowlisted/.env': 'D=4\n',
      'node_modules/pkg/.env': 'E=5\n',
      'notes.txt': 'hello\n',
    });
    try {
      const kinds = [...SECRET_FILE_KINDS, { id: 'vault-token', description: 'a Vault token', path: /(?:^|\/)vault\/token$/, ignorePattern: '{path}' }];
      const seen = observedCandidates(root.path, kinds, { blocking: true });
      const allowlisted = (rel: string) => rel === 'vendor/allowlisted';
      for await (const _ of walkFiles(root.path, allowlisted, { blocking: true, observer: seen.observer })) {
        // the scan's side of the walk
      }
      const own = await candidates(root.path, kinds);
      assert.ok(own.length >= 10 && own.some(f => f.endsWith('token')), `a walk of its own found ${own.length}`);
      assert.deepEqual(await seen.candidates(), own);
    } finally {
      root.dispose();
    }
  });
});
