import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { BUILTIN_RULES, createScanner } from '../../src/core';
import { type BlobResult, scanHistory } from '../../src/node/git/history';
import { WorkerPool, workerScriptBeside } from '../../src/node/scan/scan-pool';
import { fake } from '../helpers/fake-keys';
import { gitRepo } from '../helpers/git-repo';

describe('the history scan: read again as commits come, and on worker threads', () => {
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

  it('finds the same on worker threads as on one: every secret, commit, line and env file, the git stream paused while the workers are full', async () => {
    // 700 blobs over 7 commits (more than the workers hold at once), a 1.5 MB one, a binary one, and a committed .env.
    repo = gitRepo();
    const planted: string[] = [];
    for (let c = 0; c < 7; c++) {
      for (let i = 0; i < 100; i++) {
        const key = i % 9 === 0 ? fake.github() : undefined;
        if (key) planted.push(key);
        repo.write(`src/m${i}.ts`, `// commit ${c}\nexport const v${i} = ${c * 100 + i};\n${key ? `export const token = '${key}';\n` : ''}`);
      }
      if (c === 3) {
        repo.write('big.txt', `${'lorem ipsum dolor sit amet\n'.repeat(56_000)}key = '${fake.anthropic()}'\n`);
        repo.write('blob.bin', Buffer.concat([Buffer.from([0, 1, 2, 0xff]), Buffer.from(`AWS=${fake.awsKeyId()}\0`)]).toString('latin1'));
        repo.write('.env', `OPENAI_API_KEY=${fake.openai()}\nDEBUG=1\n`);
      }
      repo.git('add', '-f', '-A');
      repo.git('commit', '-q', '-m', `c${c}`);
    }
    const scanner = createScanner(BUILTIN_RULES);
    const alone = await scanHistory(repo.path, scanner, { maxBlobBytes: 4 << 20 });
    const pool = new WorkerPool({
      cwd: repo.path,
      workerScript: workerScriptBeside(join(__dirname, '../../src/node/scan')),
      threads: 2,
      maxFileBytes: 4 << 20,
    });
    const workers = await scanHistory(repo.path, scanner, { maxBlobBytes: 4 << 20, pool }).finally(() => pool.close());
    const shape = (r: typeof alone) => r.findings.map(f => [f.path, f.finding.ruleId, f.finding.line, f.finding.masked, f.commit, f.inHead]);
    assert.equal(alone.blobs, 703);
    assert.ok(alone.findings.length >= planted.length + 3, `${alone.findings.length} findings`);
    assert.deepEqual(shape(workers), shape(alone));
    assert.deepEqual(workers.envFiles, alone.envFiles);
    assert.deepEqual(
      workers.envFiles.map(e => [e.path, e.names]),
      [['.env', ['OPENAI_API_KEY']]],
    );
    assert.deepEqual([workers.blobs, workers.bytes], [alone.blobs, alone.bytes]);
    assert.ok(workers.findings.some(f => f.path === 'big.txt') && workers.findings.some(f => f.path === 'blob.bin'));
  });

  it('fails, instead of waiting forever, when a worker cannot start', async () => {
    repo = gitRepo({ 'a.ts': `export const a = '${fake.github()}';\n`, 'broken-worker.js': "throw new Error('cannot load the rules');\n" }, ['a.ts']);
    const pool = new WorkerPool({ cwd: repo.path, workerScript: join(repo.path, 'broken-worker.js'), threads: 2, maxFileBytes: 1 << 20 });
    await assert.rejects(
      scanHistory(repo.path, createScanner(BUILTIN_RULES), { maxBlobBytes: 1 << 20, pool }).finally(() => pool.close()),
      /cannot load the rules/,
    );
  });
});
