import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, scryptSync } from 'node:crypto';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fake } from '../helpers/fake-keys';
import { gitRepo } from '../helpers/git-repo';
import { DIST } from '../helpers/repo';
import { tempDir } from '../helpers/temp-dir';

// Issue 17, item 9: a committed baseline (and SARIF) must not let a reader recover the secrets it
// accepts. Before, each entry held SHA-256(rule, secret): a weak password came back in 8 ms.

interface Doc {
  version: number;
  salt: string;
  kdf: string;
  findings: Array<{ file: string; ruleId: string; fingerprint: string; masked: string }>;
}

describe('a committed baseline leaks nothing (CLI)', () => {
  let repo: ReturnType<typeof gitRepo>;
  let other: ReturnType<typeof tempDir> | undefined;
  afterEach(() => {
    repo?.dispose();
    other?.dispose();
    other = undefined;
  });
  const cli = (args: string[], cwd = repo.path) => {
    const r = spawnSync(process.execPath, [join(DIST, 'cli.js'), ...args], { cwd, encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const read = (rel: string): Doc => JSON.parse(readFileSync(join(repo.path, rel), 'utf8')) as Doc;
  // A weak password, as a generic-secret finding: the kind an unsalted hash gives away.
  const weak = 'Summer2024!x';
  const source = `const password = "${weak}";\n`;

  it('stores a salted scrypt of the secret, never a plain hash, and keeps the salt when rewritten', () => {
    repo = gitRepo({ 'app.ts': source });
    assert.equal(cli(['scan', '--write-baseline', 'baseline.json']).status, 0);
    const doc = read('baseline.json');
    assert.equal(doc.version, 2);
    assert.match(doc.salt, /^[0-9a-f]{32}$/);
    assert.equal(doc.kdf, 'scrypt-N1024-r8-p1');
    const [entry] = doc.findings;
    assert.equal(entry.ruleId, 'generic-secret');
    const plain = createHash('sha256').update(`${entry.ruleId}\0${weak}`).digest('hex');
    assert.notEqual(entry.fingerprint, plain, 'not the old unsalted hash');
    // What a guesser must do for each guess: the documented KDF, with this repository's salt.
    const guess = (candidate: string): string =>
      scryptSync(Buffer.from(createHash('sha256').update(`generic-secret\0${candidate}`).digest()), doc.salt, 32, { N: 1024, r: 8, p: 1 }).toString('hex');
    assert.equal(guess(weak), entry.fingerprint);
    assert.notEqual(guess('Summer2024!y'), entry.fingerprint);
    assert.ok(!JSON.stringify(doc).includes(weak));
    // Rewritten: the same salt, so the file's diff shows only what changed.
    repo.write('app.ts', `${source}// more\n`);
    assert.equal(cli(['scan', '--write-baseline', 'baseline.json']).status, 0);
    assert.equal(read('baseline.json').salt, doc.salt);
    assert.equal(read('baseline.json').findings[0].fingerprint, entry.fingerprint);
  });

  it('writes the first baseline the config names into a new folder, without a warning that it does not exist yet', () => {
    repo = gitRepo({ 'app.ts': source, '.secret-safe.json': '{ "baseline": "ci/accepted.json" }\n' });
    const r = cli(['scan', '--write-baseline', 'ci/accepted.json']);
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /does not exist/);
    assert.equal(read('ci/accepted.json').findings.length, 1);
    assert.equal(cli(['scan']).status, 0, 'and the config finds it');
  });

  it('gives the same secret different fingerprints in two repositories', () => {
    repo = gitRepo({ 'app.ts': source });
    other = tempDir({ 'app.ts': source });
    assert.equal(cli(['scan', '--write-baseline', 'b.json']).status, 0);
    assert.equal(cli(['scan', '--write-baseline', 'b.json'], other.path).status, 0);
    const theirs = JSON.parse(readFileSync(join(other.path, 'b.json'), 'utf8')) as Doc;
    assert.notEqual(read('b.json').findings[0].fingerprint, theirs.findings[0].fingerprint);
  });

  it('accepts a finding only when the masked value matches too', () => {
    const key = fake.anthropic();
    repo = gitRepo({ 'app.ts': `const k = '${key}';\n` });
    assert.equal(cli(['scan', '--write-baseline', 'b.json']).status, 0);
    assert.equal(cli(['scan', '--baseline', 'b.json']).status, 0);
    const doc = read('b.json');
    doc.findings[0].masked = 'sk-ant-api03-****test';
    writeFileSync(join(repo.path, 'b.json'), JSON.stringify(doc));
    const r = cli(['scan', '--baseline', 'b.json']);
    assert.equal(r.status, 1, 'an entry whose masked value shows another key accepts nothing');
  });

  it('still honours a version 1 baseline, and says to rewrite it', () => {
    const key = fake.anthropic();
    repo = gitRepo({ 'app.ts': `const k = '${key}';\n` });
    const v1 = {
      version: 1,
      findings: [
        {
          file: 'app.ts',
          ruleId: 'anthropic-api-key',
          fingerprint: createHash('sha256').update(`anthropic-api-key\0${key}`).digest('hex'),
          masked: `sk-ant-api03-****${key.slice(-4)}`,
        },
      ],
    };
    writeFileSync(join(repo.path, 'old.json'), JSON.stringify(v1));
    const r = cli(['scan', '--baseline', 'old.json']);
    assert.equal(r.status, 0, r.stdout);
    assert.match(r.stderr, /stores unsalted fingerprints \(version 1\).*--write-baseline/);
  });

  it('refuses a baseline the config names outside the repository, a symlink out included', () => {
    const key = fake.anthropic();
    other = tempDir({ 'app.ts': `const k = '${key}';\n` });
    repo = gitRepo({ 'app.ts': `const k = '${key}';\n` });
    // A baseline that would accept the key, written elsewhere.
    assert.equal(cli(['scan', '--write-baseline', 'outside.json'], other.path).status, 0);
    repo.write('.secret-safe.json', JSON.stringify({ baseline: join(other.path, 'outside.json') }));
    const direct = cli(['scan', 'app.ts']);
    assert.equal(direct.status, 1, 'the key is still reported');
    assert.match(direct.stderr, /config: .*the baseline .* is outside the repository; name a file inside it; no finding is accepted/);
    symlinkSync(join(other.path, 'outside.json'), join(repo.path, 'linked.json'));
    repo.write('.secret-safe.json', JSON.stringify({ baseline: 'linked.json' }));
    const linked = cli(['scan', 'app.ts']);
    assert.equal(linked.status, 1);
    assert.match(linked.stderr, /the baseline linked\.json is outside the repository/);
  });

  it('puts in SARIF a fingerprint made of what the report shows, stable from run to run, never a hash of the secret', () => {
    const key = fake.anthropic();
    repo = gitRepo({ 'app.ts': `const k = '${key}';\n` }, ['app.ts']);
    const fingerprints = (): string[] =>
      JSON.parse(cli(['scan', '--format', 'sarif']).stdout).runs[0].results.map(
        (r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['secretSafe/v2'],
      );
    const first = fingerprints();
    assert.equal(first.length, 1);
    assert.deepEqual(fingerprints(), first, 'code scanning matches alerts across runs');
    const masked = `sk-ant-api03-****${key.slice(-4)}`;
    assert.equal(first[0], createHash('sha256').update(`anthropic-api-key\0${masked}\x000`).digest('hex'), 'rule, masked value, rank');
    assert.notEqual(first[0], createHash('sha256').update(`anthropic-api-key\0${key}`).digest('hex'));
    // Moved down ten lines: the same alert. A second copy in the file: another one.
    repo.write('app.ts', `${'\n'.repeat(10)}const k = '${key}';\nconst again = '${key}';\n`);
    const moved = fingerprints();
    assert.equal(moved[0], first[0]);
    assert.notEqual(moved[1], first[0]);
  });
});
