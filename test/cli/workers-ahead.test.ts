import * as assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { workersAhead } from '../../src/cli/workers-ahead';
import { gitRepo } from '../helpers/git-repo';
import { tempDir } from '../helpers/temp-dir';

describe('workers the CLI starts as it loads (workersAhead)', () => {
  it('starts one per thread but the first for a scan of a large folder outside git, and none for one thread', () => {
    const dir = tempDir(manyFiles(1100, 'src'));
    try {
      assert.equal(workersAhead(['scan', '--threads', '3'], dir.path), 2);
      assert.equal(workersAhead(['scan', 'src', 'src/a0.ts', '--threads=4', '--format', 'json'], dir.path), 3);
      assert.equal(workersAhead(['scan', '.'], dir.path), availableParallelism() - 1);
      assert.equal(workersAhead(['scan', '.', '--threads', '1'], dir.path), 0);
    } finally {
      dir.dispose();
    }
  });

  it('starts none for a small folder outside git, and counts the files of its subfolders', () => {
    const small = tempDir(manyFiles(600, 'a'));
    const large = tempDir({ ...manyFiles(600, 'a'), ...manyFiles(600, 'b/c') });
    const deep: Record<string, string> = {};
    for (let i = 0; i < 80; i++) deep[`packages/p${i}/index.js`] = 'module.exports = 1;\n';
    const many = tempDir(deep);
    try {
      assert.equal(workersAhead(['scan', '.', '--threads', '2'], small.path), 0);
      assert.equal(workersAhead(['scan', '.', '--threads', '2'], large.path), 1);
      assert.equal(workersAhead(['scan', '.', '--threads', '2'], many.path), 1, 'more folders than it looks at');
    } finally {
      small.dispose();
      large.dispose();
      many.dispose();
    }
  });

  it('starts none for other commands, named files, a long list of paths, standard input, staged files, a range, the history, or a command line the CLI refuses', () => {
    // A folder that takes workers, so that each command line has nothing else against them.
    const dir = tempDir({ 'a.ts': 'export const a = 1;\n', ...manyFiles(1100, 'src') });
    try {
      assert.equal(workersAhead(['scan', '.', '--threads', '2'], dir.path), 1);
      for (const argv of [
        ['inventory', '.'],
        ['install-hook'],
        ['scan', 'a.ts', '--threads', '2'],
        ['scan', 'missing-folder', '--threads', '2'],
        ['scan', '--stdin', '--threads', '2'],
        ['scan', '--staged', '--threads', '2'],
        ['scan', '--since', 'HEAD~1', '--threads', '2'],
        ['scan', '--history', '--threads', '2'],
        ['scan', '--help', '--threads', '2'],
        ['scan', ...Array.from({ length: 17 }, () => 'src'), '--threads', '2'],
        ['scan', '.', '--threads', 'many'],
        ['scan', '.', '--no-such-option', '--threads', '2'],
        [],
      ]) {
        assert.equal(workersAhead(argv, dir.path), 0, argv.join(' '));
      }
    } finally {
      dir.dispose();
    }
  });

  it('starts none in a repository whose index is small (its scan does without workers), and starts them in a large one', function () {
    this.timeout(60_000);
    const small = gitRepo({ 'a.ts': 'export const a = 1;\n', 'src/b.ts': 'export const b = 2;\n' }, ['a.ts', 'src/b.ts']);
    const files: Record<string, string> = {};
    for (let i = 0; i < 1500; i++) files[`packages/package-${Math.floor(i / 100)}/src/components/module-${i}.ts`] = `export const m${i} = ${i};\n`;
    const large = gitRepo(files, Object.keys(files));
    try {
      assert.equal(workersAhead(['scan', '.', '--threads', '2'], small.path), 0);
      assert.equal(workersAhead(['scan', 'src', '--threads', '2'], small.path), 0, 'a folder inside it');
      assert.equal(workersAhead(['scan', '.', '--threads', '2'], large.path), 1);
      assert.equal(workersAhead(['scan', join(large.path, 'packages'), '--threads', '2'], small.path), 1, 'a folder of another repository, named');
    } finally {
      small.dispose();
      large.dispose();
    }
  });
});

/** `count` small source files under `folder`. */
function manyFiles(count: number, folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) files[`${folder}/a${i}.ts`] = `export const a${i} = ${i};\n`;
  return files;
}
