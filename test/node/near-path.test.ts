import * as assert from 'node:assert/strict';
import { join, sep } from 'node:path';
import { BUILTIN_RULES, createScanner } from '../../src/core';
import { nearPath } from '../../src/node/scan/near-path';
import { scanBatch } from '../../src/node/scan/scan-batch';
import { fake } from '../helpers/fake-keys';
import { tempDir } from '../helpers/temp-dir';

describe('files opened by the path nearest the working directory', () => {
  const before = process.cwd();
  const dir = tempDir();
  afterEach(() => process.chdir(before));
  after(() => dir.dispose());

  it('is the relative path for a file inside the working directory, and the absolute one for any other', () => {
    process.chdir(dir.path);
    const cwd = process.cwd(); // symbolic links resolved
    assert.equal(nearPath(join(cwd, 'src', 'app.ts')), join('src', 'app.ts'));
    assert.equal(nearPath(join(cwd, 'app.ts')), 'app.ts');
    // The working directory itself, a sibling whose name it begins, and elsewhere: as they are.
    assert.equal(nearPath(cwd), cwd);
    assert.equal(nearPath(`${cwd}-other${sep}app.ts`), `${cwd}-other${sep}app.ts`);
    assert.equal(nearPath(join(sep, 'elsewhere', 'app.ts')), join(sep, 'elsewhere', 'app.ts'));
  });

  it('gives a scan the same findings and skips wherever it runs from', () => {
    process.chdir(dir.path);
    const cwd = process.cwd();
    dir.write('src/config.ts', `export const key = '${fake.anthropic()}';\n`);
    const scanner = createScanner(BUILTIN_RULES);
    const files = [join(cwd, 'src', 'config.ts'), join(cwd, 'src', 'missing.ts')];
    const inside = scanBatch(scanner, files, 1 << 20, false);
    process.chdir(join(cwd, '..'));
    const outside = scanBatch(scanner, files, 1 << 20, false);
    process.chdir(join(cwd, 'src'));
    const below = scanBatch(scanner, files, 1 << 20, false);
    assert.equal(inside.length, 2);
    const [index, outcome] = inside[0];
    assert.equal(index, 0);
    assert.ok('findings' in outcome && outcome.findings.length === 1, 'the key is found');
    assert.deepEqual(inside[1], [1, { skipped: 'unreadable', detail: 'ENOENT' }]);
    assert.deepEqual(outside, inside);
    assert.deepEqual(below, inside);
  });
});
