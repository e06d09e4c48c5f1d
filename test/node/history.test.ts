import * as assert from 'node:assert/strict';
import { BUILTIN_RULES, createScanner } from '../../src/core';
import { type BlobResult, scanHistory } from '../../src/node/git/history';
import { fake } from '../helpers/fake-keys';
import { gitRepo } from '../helpers/git-repo';

describe('the history scan, run again as commits come', () => {
  let repo: ReturnType<typeof gitRepo>;
  afterEach(() => repo?.dispose());

  it('reads only the blobs it has not read before, and still attributes the old ones', async () => {
    const first = fake.github();
    const second = fake.anthropic();
    repo = gitRepo({ 'a.ts': `export const a = '${first}';\n`, 'b.ts': 'export const b = 1;\n' }, ['a.ts', 'b.ts']);
    const scanner = createScanner(BUILTIN_RULES);
    const known = new Map<string, BlobResult>();
    const once = await scanHistory(repo.path, scanner, { maxBlobBytes: 1 << 20, known });
    assert.equal(once.blobs, 2);
    assert.deepEqual(
      once.findings.map(f => f.path),
      ['a.ts'],
    );
    repo.write('c.ts', `export const c = '${second}';\n`);
    repo.git('add', 'c.ts');
    repo.git('commit', '-q', '-m', 'c');
    const twice = await scanHistory(repo.path, scanner, { maxBlobBytes: 1 << 20, known });
    assert.equal(twice.blobs, 1, 'only c.ts was read');
    assert.deepEqual(
      twice.findings.map(f => [f.path, f.finding.ruleId, f.inHead]),
      [
        ['a.ts', 'github-pat', true],
        ['c.ts', 'anthropic-api-key', true],
      ],
    );
    assert.equal(twice.findings[0].commit, repo.git('rev-list', '--max-parents=0', 'HEAD').trim());
  });
});
