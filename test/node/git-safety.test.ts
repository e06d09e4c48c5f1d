import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { addedLinesSince, repositoryRoot, stagedBlobs, stagedPaths } from '../../src/node/git/git-content';
import { gitIgnored, gitListFiles, gitTracked, gitUntrack } from '../../src/node/git/git';
import { scanHistory } from '../../src/node/git/history';
import { BUILTIN_RULES, createScanner } from '../../src/core';
import { fake } from '../helpers/fake-keys';
import { GIT_TEST_ENV, gitRepo } from '../helpers/git-repo';
import { tempDir } from '../helpers/temp-dir';

/**
 * A repository can make git run its own programs: clean/smudge/process filters, textconv, hooks,
 * fsmonitor. Secret Safe runs git on strangers' repositories (trusted workspaces, `scan --staged`,
 * `scan --since`), so none of these may run. Each vector is planted as a command that leaves a
 * marker file; plain git leaves them (the plant works), Secret Safe's calls leave none.
 */
describe("git runs none of the repository's programs", () => {
  let repo: ReturnType<typeof gitRepo>;
  let markers: ReturnType<typeof tempDir>;
  afterEach(() => {
    repo?.dispose();
    markers?.dispose();
  });

  const left = (): string[] => readdirSync(markers.path).sort();

  /** `processFilter`: also a long-running filter, which plain git cannot even run (it fails git outright). */
  function plantedRepo(processFilter = true): void {
    markers = tempDir();
    const mark = (name: string): string => `touch '${join(markers.path, name)}'`;
    repo = gitRepo({ '.gitattributes': '* filter=evil diff=evil\n', 'app.ts': 'export const a = 1;\n', '.env': 'A=1\n' }, ['.gitattributes', 'app.ts', '.env']);
    repo.git('config', 'filter.evil.clean', `${mark('clean')}; cat`);
    repo.git('config', 'filter.evil.smudge', `${mark('smudge')}; cat`);
    if (processFilter) repo.git('config', 'filter.evil.process', `${mark('process')}; exit 1`);
    repo.git('config', 'diff.evil.textconv', `${mark('textconv')}; cat`);
    repo.git('config', 'core.fsmonitor', join(repo.path, 'fsmonitor.sh'));
    repo.write('fsmonitor.sh', `#!/bin/sh\n${mark('fsmonitor')}\n`);
    chmodSync(join(repo.path, 'fsmonitor.sh'), 0o755);
    for (const hook of ['post-index-change', 'pre-commit', 'post-checkout']) {
      repo.write(`.git/hooks/${hook}`, `#!/bin/sh\n${mark(hook)}\n`);
      chmodSync(join(repo.path, '.git/hooks', hook), 0o755);
    }
    repo.write('app.ts', 'export const a = 1;\nexport const b = 2;\n');
  }

  it('plain git runs the planted programs (so the test can see them)', () => {
    plantedRepo(false);
    const plain = (...args: string[]) => execFileSync('git', args, { cwd: repo.path, env: { ...process.env, ...GIT_TEST_ENV }, stdio: 'pipe' });
    plain('diff', 'HEAD', '--', 'app.ts');
    plain('add', 'app.ts');
    plain('rm', '--cached', '-q', '.env');
    for (const m of ['clean', 'textconv', 'post-index-change', 'fsmonitor']) assert.ok(left().includes(m), `${m}: ${left().join(', ')}`);
  });

  it("Secret Safe's git calls (hygiene, untrack, --staged, --since) leave no marker", async () => {
    plantedRepo();
    repo.git('-c', 'core.hooksPath=/dev/null', '-c', 'filter.evil.clean=', '-c', 'filter.evil.process=', 'add', 'app.ts');
    repo.write('app.ts', 'export const a = 1;\nexport const b = 2;\nexport const c = 3;\n');
    rmSync(markers.path, { recursive: true });
    markers = tempDir();
    const before = left();
    assert.deepEqual(before, []);
    assert.ok((await gitTracked(repo.path))?.has('.env'));
    assert.ok(await gitIgnored(repo.path, ['.env']));
    assert.ok((await gitListFiles(repo.path))?.includes('app.ts'));
    assert.equal(await repositoryRoot(repo.path), repo.path);
    assert.deepEqual(await stagedPaths(repo.path, ['.']), ['app.ts']);
    assert.equal((await stagedBlobs(repo.path, ['app.ts']))[0]?.toString(), 'export const a = 1;\nexport const b = 2;\n');
    const added = await addedLinesSince(repo.path, 'HEAD', ['.']);
    assert.deepEqual([...(added.get('app.ts') ?? [])], [2, 3]);
    assert.equal(await gitUntrack(repo.path, '.env'), undefined);
    assert.ok(!(await gitTracked(repo.path))?.has('.env'), 'untracked');
    assert.ok(existsSync(join(repo.path, '.env')), 'the file stays');
    assert.deepEqual(left(), [], 'no program of the repository ran');
  });

  it('the history scan (rev-list, cat-file, log --raw, ls-tree) leaves no marker', async () => {
    plantedRepo();
    repo.write('keys.ts', `export const k = '${fake.github()}';\n`);
    repo.git('-c', 'core.hooksPath=/dev/null', '-c', 'filter.evil.clean=', '-c', 'filter.evil.process=', 'add', 'keys.ts', 'app.ts');
    repo.git('-c', 'core.hooksPath=/dev/null', '-c', 'filter.evil.clean=', '-c', 'filter.evil.process=', 'commit', '-q', '-m', 'keys');
    rmSync(markers.path, { recursive: true });
    markers = tempDir();
    const history = await scanHistory(repo.path, createScanner(BUILTIN_RULES), { maxBlobBytes: 1 << 20 });
    assert.deepEqual(
      history.findings.map(f => [f.path, f.finding.ruleId, f.inHead]),
      [['keys.ts', 'github-pat', true]],
    );
    assert.deepEqual(left(), [], 'no program of the repository ran');
  });
});
