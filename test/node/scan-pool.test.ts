import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EMPTY_CONFIG } from '../../src/core/config';
import { SECRET_FILE_KINDS } from '../../src/core/hygiene';
import { type BatchResults, scanBatch } from '../../src/node/scan/scan-batch';
import type { FileResult } from '../../src/node/scan/scan-files';
import { scanOnWorkers, workerScriptBeside } from '../../src/node/scan/scan-pool';
import { scanTogether, workersPay } from '../../src/node/scan/scan-together';
import { scannerFor } from '../../src/node/scan/rule-set';
import { adoptEarly, startEarly, stopEarly } from '../../src/node/scan/worker-start';
import { fake, gen } from '../helpers/fake-keys';
import { tempDir } from '../helpers/temp-dir';

describe('scan worker pool', () => {
  it('fails the scan, instead of waiting forever, when a worker cannot start', async () => {
    const dir = tempDir({ 'broken-worker.js': "throw new Error('cannot load the rules');\n", 'a.txt': 'hello\n' });
    try {
      async function* paths() {
        for (let i = 0; i < 200; i++) yield [`${dir.path}/a.txt`];
      }
      await assert.rejects(async () => {
        for await (const _ of scanOnWorkers(paths(), { cwd: dir.path, maxFileBytes: 1e6, workerScript: `${dir.path}/broken-worker.js`, threads: 2 })) void _;
      }, /cannot load the rules/);
    } finally {
      dir.dispose();
    }
  });

  it('does not wait on a worker that is still starting: this thread scans meanwhile', async function () {
    // Done in a second; a scan that waits on the worker never ends.
    this.timeout(10_000);
    // A worker that never says it is ready (its config load, say, takes forever), and leaves a mark that it started.
    const dir = tempDir({
      'slow-worker.js': "require('node:fs').writeFileSync(require('node:path').join(__dirname, 'started'), '');\nsetInterval(() => {}, 1000);\n",
      'a.js': `const key = '${fake.awsKeyId()}';\n`,
      'b.txt': 'hello\n',
    });
    try {
      async function* paths() {
        for (let i = 0; i < 100; i++) yield [join(dir.path, i % 2 ? 'a.js' : 'b.txt')];
      }
      const scanner = scannerFor(EMPTY_CONFIG);
      const out: FileResult[] = [];
      for await (const batch of scanTogether(paths(), {
        cwd: dir.path,
        maxFileBytes: 1e6,
        workerScript: join(dir.path, 'slow-worker.js'),
        threads: 1,
        // Slow enough (10 ms a file, a second in all) that a worker pays, and is started.
        here: files => {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
          return scanBatch(scanner, files, 1e6);
        },
      }))
        out.push(...batch);
      assert.equal(out.length, 100);
      assert.deepEqual(
        out.map(r => ('findings' in r ? r.findings.length : -1)),
        Array.from({ length: 100 }, (_, i) => i % 2),
      );
      await waitFor(() => existsSync(join(dir.path, 'started')));
    } finally {
      dir.dispose();
    }
  });

  it('starts no worker for a scan of a few files, and one for a large tree', async function () {
    this.timeout(20_000);
    // A worker that cannot start fails the scan that starts it.
    const dir = tempDir({ 'broken-worker.js': "throw new Error('cannot load the rules');\n", 'a.js': `const key = '${fake.awsKeyId()}';\n` });
    try {
      const scanner = scannerFor(EMPTY_CONFIG);
      const scan = async (count: number) => {
        const out: FileResult[] = [];
        async function* paths() {
          for (let i = 0; i < count; i++) yield [join(dir.path, 'a.js')];
        }
        const options = { cwd: dir.path, maxFileBytes: 1e6, workerScript: join(dir.path, 'broken-worker.js'), threads: 1 };
        for await (const batch of scanTogether(paths(), { ...options, here: files => scanBatch(scanner, files, 1e6) })) out.push(...batch);
        return out;
      };
      // A commit's few files: this thread scans them alone, and no worker is started to fail.
      const few = await scan(20);
      assert.deepEqual(
        few.map(r => ('findings' in r ? r.findings.map(f => f.ruleId) : r.skipped)),
        Array.from({ length: 20 }, () => ['aws-access-key-id']),
      );
      // Thousands of files still coming: a worker is started, and its failure fails the scan.
      await assert.rejects(scan(5000), /cannot load the rules/);
      // The rule: a walk still going, or what is left would keep this thread busy past 300 ms.
      assert.equal(workersPay(false, 0, 0, 1024), true, 'a walk past 1,024 paths');
      assert.equal(workersPay(true, 0, 0, 20), false, 'nothing scanned yet: no rate to judge by');
      assert.equal(workersPay(true, 5, 1, 15), false, "a commit's twenty files at 0.2 ms each");
      assert.equal(workersPay(true, 100, 20, 900), false, 'a thousand files, 180 ms left');
      assert.equal(workersPay(true, 100, 20, 2000), true, '400 ms left');
      assert.equal(workersPay(true, 1, 120, 3), true, 'four large files, 360 ms left');
    } finally {
      dir.dispose();
    }
  });

  it("takes a worker started ahead of need: it is sent its folder then, and finds what that folder's config asks for", async function () {
    this.timeout(30_000);
    // The key is found only by the project's own rule: a worker that never got its folder finds nothing.
    const value = gen.hex(32);
    const dir = tempDir({
      '.secret-safe.json': JSON.stringify({ rules: [{ id: 'acme-key', regex: 'acme_key="([a-f0-9]{32})"', secretGroup: 1, keywords: ['acme_key'] }] }),
      'a.txt': `acme_key="${value}"\n`,
    });
    const script = workerScriptBeside(join(__dirname, '../../src/node/scan'));
    try {
      startEarly(script, 1);
      async function* paths() {
        yield [join(dir.path, 'a.txt')];
      }
      const results: FileResult[] = [];
      for await (const batch of scanOnWorkers(paths(), { cwd: dir.path, maxFileBytes: 1e6, workerScript: script, threads: 1 })) results.push(...batch);
      assert.deepEqual(
        results.flatMap(r => ('findings' in r ? r.findings.map(f => f.ruleId) : [])),
        ['acme-key'],
      );
      assert.equal(adoptEarly(script, { cwd: dir.path, maxFileBytes: 1e6 }), undefined, 'the pool took the worker started ahead');
    } finally {
      stopEarly();
      dir.dispose();
    }
  });

  it('forgets a worker started ahead that no pool took once stopped, and one that failed to start', async () => {
    const dir = tempDir({ 'broken-worker.js': "throw new Error('cannot load the rules');\n" });
    const script = workerScriptBeside(join(__dirname, '../../src/node/scan'));
    try {
      startEarly(script, 1);
      stopEarly();
      assert.equal(adoptEarly(script, { cwd: dir.path, maxFileBytes: 1e6 }), undefined);
      // A worker that fails before it is taken: forgotten, so a pool starts its own instead of
      // waiting forever on one that will never say it is ready.
      const broken = `${dir.path}/broken-worker.js`;
      startEarly(broken, 1);
      await new Promise(resolve => setTimeout(resolve, 1500));
      assert.equal(adoptEarly(broken, { cwd: dir.path, maxFileBytes: 1e6 }), undefined);
    } finally {
      stopEarly();
      dir.dispose();
    }
  });

  it('takes a folder of more files than a call takes arguments, as one run of the walk', async function () {
    this.timeout(60_000);
    const dir = tempDir({ 'b.txt': 'hello\n' });
    try {
      // 130,000 paths in one run: spread as a call's arguments, as many overflow the stack.
      const count = 130_000;
      async function* paths() {
        yield Array.from({ length: count }, () => join(dir.path, 'b.txt'));
      }
      const scanner = scannerFor(EMPTY_CONFIG);
      let scanned = 0;
      for await (const batch of scanTogether(paths(), {
        cwd: dir.path,
        maxFileBytes: 1e6,
        workerScript: workerScriptBeside(join(__dirname, '../../src/node/scan')),
        threads: 1,
        here: files => scanBatch(scanner, files, 1e6),
      })) {
        for (const result of batch) assert.ok('findings' in result && result.findings.length === 0 && result.file.endsWith('b.txt'));
        scanned += batch.length;
      }
      assert.equal(scanned, count);
    } finally {
      dir.dispose();
    }
  });

  it('judges each file by the secret-file kinds known by content, on a worker as on this thread', async () => {
    const pem = fake.pem();
    const dir = tempDir({
      'sa.json': JSON.stringify({ type: 'service_account', private_key: pem }),
      'decoy.json': JSON.stringify({ type: 'service_account' }),
      'server.pem': pem,
      'app.js': 'module.exports = 1;\n',
    });
    try {
      const names = ['sa.json', 'decoy.json', 'server.pem', 'app.js'];
      const judgedBy = async (here?: (files: string[]) => BatchResults) => {
        const out: FileResult[] = [];
        const names_ = (async function* () {
          yield names.map(name => join(dir.path, name));
        })();
        const options = {
          cwd: dir.path,
          maxFileBytes: 1e6,
          workerScript: workerScriptBeside(join(__dirname, '../../src/node/scan')),
          threads: 1,
          keyFiles: true,
        };
        for await (const batch of here ? scanTogether(names_, { ...options, here }) : scanOnWorkers(names_, options)) out.push(...batch);
        // Each file's kinds it matches, by id.
        return out.map(r => ('judged' in r && r.judged ? r.judged.filter(([, matches]) => matches).map(([index]) => SECRET_FILE_KINDS[index].id) : []));
      };
      const expected = [['gcp-service-account'], [], ['pem'], []];
      assert.deepEqual(await judgedBy(), expected);
      const scanner = scannerFor(EMPTY_CONFIG);
      assert.deepEqual(await judgedBy(files => scanBatch(scanner, files, 1e6, true, SECRET_FILE_KINDS)), expected);
    } finally {
      dir.dispose();
    }
  });

  it('reads every file whole, in the order given: small ones, ones larger than its read buffer, and the ones it skips', async () => {
    const filler = 'const unrelated = compute(1, 2);\n';
    const late = fake.github();
    const big = `${filler.repeat(Math.ceil(3e6 / filler.length))}const token = '${late}';\n`;
    const files: Record<string, string | Buffer> = {
      'big.js': big,
      'over-limit.js': filler.repeat(Math.ceil(5e6 / filler.length)),
      // The limit itself: a file of exactly 4,000,000 bytes is read (its key at the very end), one byte more is not.
      'at-limit.js': atLimit(4e6, `const token = '${late}';\n`),
      'one-over.js': atLimit(4e6 + 1, ''),
      'binary.bin': Buffer.from([1, 2, 0, 3, 4]),
    };
    for (let i = 0; i < 300; i++) files[`small-${i}.js`] = i % 7 === 0 ? `export const key = '${fake.awsKeyId()}';\n` : filler;
    const dir = tempDir(files);
    try {
      const order = [
        'big.js',
        ...Array.from({ length: 150 }, (_, i) => `small-${i}.js`),
        'over-limit.js',
        'at-limit.js',
        'one-over.js',
        'gone.js',
        'binary.bin',
        ...Array.from({ length: 150 }, (_, i) => `small-${150 + i}.js`),
      ];
      // In runs of several lengths, as a walk gives them (a folder's files between its subfolders).
      async function* paths() {
        for (let i = 0, size = 1; i < order.length; i += size, size = (size * 7) % 97) yield order.slice(i, i + size).map(name => join(dir.path, name));
      }
      const run = async (here?: (files: string[]) => BatchResults) => {
        const out: FileResult[] = [];
        const options = { cwd: dir.path, maxFileBytes: 4e6, workerScript: workerScriptBeside(join(__dirname, '../../src/node/scan')) };
        for await (const batch of here ? scanTogether(paths(), { ...options, threads: 1, here }) : scanOnWorkers(paths(), { ...options, threads: 2 }))
          out.push(...batch);
        return out;
      };
      const results = await run();
      // This thread scanning too, beside one worker (as the CLI runs): the same results, in the same order.
      const scanner = scannerFor(EMPTY_CONFIG);
      let hereTook = 0;
      // This thread slowed down, so that the worker starts before it has done them all.
      const together = await run(files => {
        hereTook += files.length;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
        return scanBatch(scanner, files, 4e6);
      });
      assert.ok(hereTook > 0 && hereTook < order.length, `this thread scanned ${hereTook} of ${order.length} files`);
      assert.deepEqual(
        together.map(r => ('findings' in r ? [r.file, r.findings.map(f => `${f.ruleId}@${f.line}`)] : [r.file, r.skipped])),
        results.map(r => ('findings' in r ? [r.file, r.findings.map(f => `${f.ruleId}@${f.line}`)] : [r.file, r.skipped])),
      );
      assert.deepEqual(
        results.map(r => r.file),
        order.map(name => join(dir.path, name)),
      );
      const byName = new Map(results.map(r => [r.file.slice(dir.path.length + 1), r]));
      const bigResult = byName.get('big.js')!;
      assert.ok('findings' in bigResult && bigResult.findings.length === 1, 'the key at the end of a 3 MB file is found');
      assert.equal(bigResult.findings[0].ruleId, 'github-pat');
      assert.equal(bigResult.findings[0].line, big.split('\n').length - 2);
      assert.deepEqual(
        ['over-limit.js', 'one-over.js', 'gone.js', 'binary.bin'].map(n => (byName.get(n) as { skipped?: string }).skipped),
        ['too-large', 'too-large', 'unreadable', 'binary'],
      );
      const flagged = results.filter(r => 'findings' in r && r.findings.length > 0).map(r => r.file.slice(dir.path.length + 1));
      assert.deepEqual(
        flagged,
        order.filter(n => n === 'big.js' || n === 'at-limit.js' || (/^small-\d+\.js$/.test(n) && Number(/\d+/.exec(n)![0]) % 7 === 0)),
      );
    } finally {
      dir.dispose();
    }
  });
});

/** Filler lines up to exactly `bytes` bytes, ending with `tail`. */
function atLimit(bytes: number, tail: string): string {
  const body = '// filler\n'.repeat(Math.floor((bytes - tail.length) / 10));
  return `${body}${' '.repeat(bytes - tail.length - body.length)}${tail}`;
}

/** Resolves once `test` holds, looking every 10 ms; rejects after 5 s. */
async function waitFor(test: () => boolean): Promise<void> {
  for (const started = Date.now(); !test(); await new Promise(resolve => setTimeout(resolve, 10))) {
    if (Date.now() - started > 5000) throw new Error('waited 5 s in vain');
  }
}
