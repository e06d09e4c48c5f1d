import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fake, hiddenPart } from '../helpers/fake-keys';
import { GIT_TEST_ENV } from '../helpers/git-repo';
import { DIST } from '../helpers/repo';
import { tempDir } from '../helpers/temp-dir';

interface Row {
  kind: string;
  file: string;
  line: number;
  ruleId: string;
  masked: string;
  fingerprint: string;
  commit: string;
  author: string;
  date: string;
  inHead: boolean;
}

/**
 * A repository with a history a real one has: a key added then moved by a rename, then removed; a
 * committed .env; a key on a branch merged in; a key in a commit reset away (only the reflog holds
 * it); a key typed while resolving a merge conflict; a key inside a binary file.
 */
function history() {
  const dir = tempDir();
  // Each commit a day after the one before, from 2026-01-01: dates and the log's order are fixed.
  let day = 0;
  const git = (...args: string[]): string => {
    if (args[0] === 'commit' || args[0] === 'merge') day++;
    const date = `2026-01-${String(day).padStart(2, '0')}T12:00:00+00:00`;
    return execFileSync('git', args, {
      cwd: dir.path,
      encoding: 'utf8',
      env: { ...process.env, ...GIT_TEST_ENV, GIT_AUTHOR_NAME: 'Ann Example', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    });
  };
  const write = (rel: string, text: string | Buffer) => dir.write(rel, text as string);
  const commit = (message: string) => {
    git('add', '-A');
    git('commit', '-q', '-m', message);
    return git('rev-parse', 'HEAD').trim();
  };
  const keys = {
    moved: fake.anthropic(),
    env: fake.openai(),
    branch: fake.github(),
    reset: fake.awsKeyId(),
    conflict: fake.github(),
    binary: fake.anthropic(),
  };
  git('init', '-q', '-b', 'main');
  write('src/config.ts', `// settings\nexport const timeout = 30;\nexport const key = '${keys.moved}';\n`);
  write('m.txt', 'base\n');
  const added = commit('add config');
  git('mv', 'src/config.ts', 'src/settings.ts');
  write('src/settings.ts', `// settings\nexport const timeout = 60;\nexport const key = '${keys.moved}';\n`);
  const renamed = commit('rename config');
  write('src/settings.ts', '// settings\nexport const timeout = 60;\nexport const key = process.env.ANTHROPIC_API_KEY;\n');
  commit('read the key from the environment');
  write('.env', `OPENAI_API_KEY=${keys.env}\n`);
  const envCommit = commit('commit .env by mistake');
  git('rm', '-q', '--cached', '.env');
  write('.gitignore', '.env\n');
  commit('untrack .env');
  git('checkout', '-q', '-b', 'feature');
  write('feature.ts', `export const token = "${keys.branch}";\n`);
  const featureCommit = commit('feature with a token');
  git('checkout', '-q', 'main');
  git('merge', '-q', '--no-ff', '-m', 'merge feature', 'feature');
  // A key committed, then reset away: only the reflog holds that commit.
  write('oops.sh', `export AWS_ACCESS_KEY_ID=${keys.reset}\n`);
  const resetCommit = commit('oops');
  git('reset', '-q', '--hard', 'HEAD~1');
  // A conflict resolved by typing a key.
  git('checkout', '-q', '-b', 'side');
  write('m.txt', 'side\n');
  commit('side change');
  git('checkout', '-q', 'main');
  write('m.txt', 'main\n');
  commit('main change');
  spawnSync('git', ['merge', '-q', 'side'], { cwd: dir.path, env: { ...process.env, ...GIT_TEST_ENV } }); // conflicts
  write('m.txt', `resolved with ${keys.conflict}\n`);
  git('add', 'm.txt');
  git('commit', '-q', '--no-edit');
  const mergeCommit = git('rev-parse', 'HEAD').trim();
  // A key inside a binary file (a NUL byte up front, as a compiled file or a database has).
  write('data.bin', Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`\u0000\u0003config\u0000api_key=${keys.binary}\u0000\u0007`)]));
  const binaryCommit = commit('add data');
  return { dir, git, keys, commits: { added, renamed, envCommit, featureCommit, resetCommit, mergeCommit, binaryCommit } };
}

function cli(args: string[], cwd: string) {
  return spawnSync(process.execPath, [join(DIST, 'cli.js'), ...args], { cwd, encoding: 'utf8' });
}

describe('secret-safe scan --history (CLI)', () => {
  let repo: ReturnType<typeof history>;
  before(() => {
    repo = history();
  });
  after(() => repo.dir.dispose());

  it('finds every secret ever committed once, with the commit that first brought it and whether HEAD holds it', () => {
    const r = cli(['scan', '--history', '--format', 'json'], repo.dir.path);
    assert.equal(r.status, 1, r.stderr);
    const rows = (JSON.parse(r.stdout) as Row[]).filter(x => x.kind === 'secret');
    const { keys, commits } = repo;
    const summary = rows.map(x => ({ file: x.file, line: x.line, ruleId: x.ruleId, tail: x.masked.slice(-4), commit: x.commit, inHead: x.inHead }));
    assert.deepEqual(summary, [
      { file: 'src/config.ts', line: 3, ruleId: 'anthropic-api-key', tail: keys.moved.slice(-4), commit: commits.added, inHead: false },
      { file: '.env', line: 1, ruleId: 'openai-api-key', tail: keys.env.slice(-4), commit: commits.envCommit, inHead: false },
      { file: 'feature.ts', line: 1, ruleId: 'github-pat', tail: keys.branch.slice(-4), commit: commits.featureCommit, inHead: true },
      { file: 'oops.sh', line: 1, ruleId: 'aws-access-key-id', tail: keys.reset.slice(-4), commit: commits.resetCommit, inHead: false },
      { file: 'm.txt', line: 1, ruleId: 'github-pat', tail: keys.conflict.slice(-4), commit: commits.mergeCommit, inHead: true },
      { file: 'data.bin', line: 1, ruleId: 'anthropic-api-key', tail: keys.binary.slice(-4), commit: commits.binaryCommit, inHead: true },
    ]);
    assert.deepEqual([...new Set(rows.map(x => x.author))], ['Ann Example']);
    assert.equal(rows[0].date, '2026-01-01T12:00:00+00:00', "the first commit's author date");
    assert.ok(rows.every(x => /^[0-9a-f]{64}$/.test(x.fingerprint)));
    assert.deepEqual(
      rows.map(x => (x as Row & { rotate: string | null }).rotate),
      [
        'https://console.anthropic.com/settings/keys',
        'https://platform.openai.com/api-keys',
        'https://github.com/settings/tokens',
        'https://console.aws.amazon.com/iam/home#/security_credentials',
        'https://github.com/settings/tokens',
        'https://console.anthropic.com/settings/keys',
      ],
      "each provider's page for its keys",
    );
    for (const key of Object.values(keys)) assert.ok(!r.stdout.includes(hiddenPart(key)) && !r.stderr.includes(hiddenPart(key)), 'masked');
    assert.match(r.stderr, /^secret-safe: 6 secrets found in 6 files \(\d+ unique blobs of history scanned\)\n$/);
  });

  it('prints one line per secret: where it came in, and whether it is still in HEAD', () => {
    const r = cli(['scan', '--history'], repo.dir.path);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 6);
    assert.equal(
      lines[0],
      `src/config.ts:3:21  anthropic-api-key  sk-ant-api03-****${repo.keys.moved.slice(-4)}  first committed in ${repo.commits.added.slice(0, 7)} on 2026-01-01 by Ann Example; removed since, still in history: rotate it (https://console.anthropic.com/settings/keys)`,
    );
    assert.match(
      lines[2],
      /^feature\.ts:1:\d+ {2}github-pat {2}ghp_\*{4}.{4} {2}first committed in [0-9a-f]{7} on 2026-01-\d\d by Ann Example; still in HEAD: rotate it \(https:\/\/github\.com\/settings\/tokens\)$/,
    );
  });

  it('with --since, scans only what came after the revision; SARIF carries the commit', () => {
    const r = cli(['scan', '--history', '--since', repo.commits.featureCommit, '--format', 'sarif'], repo.dir.path);
    assert.equal(r.status, 1, r.stderr);
    const results = JSON.parse(r.stdout).runs[0].results as Array<{
      ruleId: string;
      properties: { commit: string; inHead: boolean };
      partialFingerprints: object;
    }>;
    assert.deepEqual(
      results.map(x => [x.ruleId, x.properties.commit, x.properties.inHead]),
      [
        ['github-pat', repo.commits.mergeCommit, true],
        ['anthropic-api-key', repo.commits.binaryCommit, true],
      ],
    );
    assert.ok(results.every(x => 'secretSafe/v2' in x.partialFingerprints));
  });

  it('exits 0 on a clean history, and 2 outside a repository or with --history and --staged', () => {
    const clean = tempDir();
    try {
      execFileSync('git', ['init', '-q'], { cwd: clean.path });
      writeFileSync(join(clean.path, 'a.ts'), 'export const a = process.env.A;\n');
      execFileSync('git', ['add', '.'], { cwd: clean.path });
      execFileSync('git', ['commit', '-q', '-m', 'a'], { cwd: clean.path, env: { ...process.env, ...GIT_TEST_ENV } });
      const ok = cli(['scan', '--history'], clean.path);
      assert.equal(ok.status, 0, ok.stderr);
      assert.equal(ok.stderr, 'secret-safe: no secrets found (1 unique blob of history scanned)\n');
      assert.equal(cli(['scan', '--history', '--staged'], clean.path).status, 2);
    } finally {
      clean.dispose();
    }
    const outside = tempDir();
    try {
      const r = cli(['scan', '--history'], outside.path);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^secret-safe: git: /);
    } finally {
      outside.dispose();
    }
  });
});
