import * as assert from 'node:assert/strict';
import { dirname, relative, sep } from 'node:path';
import { walkFiles } from '../../src/node/scan/gitignore-walk';
import { tempDir } from '../helpers/temp-dir';

async function runsOf(root: string, blocking: boolean, exclude?: (rel: string, isDirectory: boolean) => boolean): Promise<string[][]> {
  const runs: string[][] = [];
  for await (const run of walkFiles(root, exclude, { blocking })) runs.push(run.map(p => relative(root, p).split(sep).join('/')));
  return runs;
}

describe('folder walk', () => {
  const tree = {
    '.gitignore': 'dist/\n*.log\n!keep.log\n',
    'a.ts': '',
    'b/.gitignore': 'secret.txt\n',
    'b/secret.txt': '',
    'b/x.ts': '',
    'b/c/y.ts': '',
    'b/z.ts': '',
    'debug.log': '',
    'keep.log': '',
    'dist/out.js': '',
    'node_modules/lib/index.js': '',
    'm.ts': '',
    'zz/last.ts': '',
  };

  for (const blocking of [false, true]) {
    it(`gives the files git keeps, in name order, a folder's files between two subfolders as one run (${blocking ? 'blocking listings' : 'listings in the background'})`, async () => {
      const dir = tempDir(tree);
      try {
        const runs = await runsOf(dir.path, blocking);
        assert.deepEqual(runs, [['.gitignore', 'a.ts'], ['b/.gitignore'], ['b/c/y.ts'], ['b/x.ts', 'b/z.ts'], ['keep.log', 'm.ts'], ['zz/last.ts']]);
        for (const run of runs) assert.equal(new Set(run.map(f => dirname(f))).size, 1, `one folder per run: ${run.join(', ')}`);
      } finally {
        dir.dispose();
      }
    });
  }

  it('prunes what the exclude test excludes, in both modes alike', async () => {
    const dir = tempDir(tree);
    try {
      const exclude = (rel: string, isDirectory: boolean): boolean => (isDirectory && rel === 'b/c') || rel === 'm.ts';
      const expected = [['.gitignore', 'a.ts'], ['b/.gitignore', 'b/x.ts', 'b/z.ts'], ['keep.log'], ['zz/last.ts']];
      assert.deepEqual(await runsOf(dir.path, false, exclude), expected);
      assert.deepEqual(await runsOf(dir.path, true, exclude), expected);
    } finally {
      dir.dispose();
    }
  });
});
