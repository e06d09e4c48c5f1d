import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fake, hiddenPart } from '../helpers/fake-keys';
import { GIT_TEST_ENV, gitRepo } from '../helpers/git-repo';
import { DIST } from '../helpers/repo';
import { tempDir } from '../helpers/temp-dir';

describe('secret-safe install-hook: a pre-commit hook that stops a commit carrying a key', () => {
  let repo: ReturnType<typeof gitRepo>;
  let bin: ReturnType<typeof tempDir>;
  beforeEach(() => {
    // `secret-safe` on PATH, as a global or npx install gives it.
    bin = tempDir();
    bin.write('secret-safe', `#!/bin/sh\nexec '${process.execPath}' '${join(DIST, 'cli.js')}' "$@"\n`);
    spawnSync('chmod', ['+x', join(bin.path, 'secret-safe')]);
  });
  afterEach(() => {
    repo?.dispose();
    bin.dispose();
  });

  const env = (): NodeJS.ProcessEnv => ({
    ...process.env,
    PATH: `${bin.path}${delimiter}${process.env.PATH}`,
    ...GIT_TEST_ENV,
  });
  const install = () => spawnSync(process.execPath, [join(DIST, 'cli.js'), 'install-hook'], { cwd: repo.path, encoding: 'utf8', env: env() });
  const commit = (message: string) => spawnSync('git', ['commit', '-q', '-m', message], { cwd: repo.path, encoding: 'utf8', env: env() });

  it('installs into .git/hooks, once; git then refuses a commit that adds a key, and accepts the fix', () => {
    repo = gitRepo({ 'README.md': '# app\n' }, ['README.md']);
    const r = install();
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'secret-safe: created .git/hooks/pre-commit (git): commits that add a secret now stop\n');
    assert.ok(statSync(join(repo.path, '.git/hooks/pre-commit')).mode & 0o100, 'executable');
    const again = install();
    assert.equal(again.stdout, 'secret-safe: the pre-commit hook is already in .git/hooks/pre-commit\n');

    const key = fake.anthropic();
    repo.write('src/llm.ts', `export const key = '${key}';\n`);
    repo.git('add', 'src/llm.ts');
    const refused = commit('add the llm client');
    assert.notEqual(refused.status, 0, 'the commit is refused');
    assert.match(refused.stdout + refused.stderr, /src\/llm\.ts:1:21  anthropic-api-key  sk-ant-api03-\*+/);
    assert.ok(!(refused.stdout + refused.stderr).includes(hiddenPart(key)), 'masked');
    assert.equal(repo.git('log', '--oneline').trim().split('\n').length, 1, 'no commit was made');

    repo.write('src/llm.ts', 'export const key = process.env.ANTHROPIC_API_KEY;\n');
    repo.git('add', 'src/llm.ts');
    const accepted = commit('read the key from the environment');
    assert.equal(accepted.status, 0, accepted.stdout + accepted.stderr);
  });

  it('appends to an existing shell hook keeping every byte, and refuses a hook in another language', () => {
    repo = gitRepo({ 'README.md': '# app\n' }, ['README.md']);
    const original = '#!/bin/bash\n# lint first\nnpm run lint --silent'; // no final newline
    repo.write('.git/hooks/pre-commit', original);
    assert.equal(install().status, 0);
    const text = readFileSync(join(repo.path, '.git/hooks/pre-commit'), 'utf8');
    assert.ok(text.startsWith(`${original}\n# >>> secret-safe >>>\n`), text);
    assert.match(text, /secret-safe scan --staged/);

    repo.write('.git/hooks/pre-commit', '#!/usr/bin/env python3\nprint("hi")\n');
    const r = install();
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'secret-safe: .git/hooks/pre-commit is not a shell script (#!/usr/bin/env python3); add "secret-safe scan --staged" to it yourself\n');
    assert.equal(readFileSync(join(repo.path, '.git/hooks/pre-commit'), 'utf8'), '#!/usr/bin/env python3\nprint("hi")\n', 'untouched');
  });

  it('follows core.hooksPath, and uses .husky/pre-commit in a husky project', () => {
    repo = gitRepo({ 'README.md': '# app\n' }, ['README.md']);
    repo.git('config', 'core.hooksPath', '.githooks');
    const r = install();
    assert.equal(r.stdout, 'secret-safe: created .githooks/pre-commit (core.hooksPath): commits that add a secret now stop\n');
    // git runs it from there: a staged .env stops the commit.
    repo.write('.env', 'A=1\n');
    repo.git('add', '.env');
    const refused = commit('env');
    assert.notEqual(refused.status, 0);
    assert.match(refused.stdout + refused.stderr, /\.env:1:1  secret-file-tracked/);
    repo.dispose();

    repo = gitRepo({ 'README.md': '# app\n', '.husky/pre-commit': 'npm test\n' }, ['README.md']);
    const husky = install();
    assert.equal(husky.stdout, 'secret-safe: added to .husky/pre-commit (husky): commits that add a secret now stop\n');
    assert.match(readFileSync(join(repo.path, '.husky/pre-commit'), 'utf8'), /^npm test\n# >>> secret-safe >>>\n/);
  });

  it('says so outside a git repository, and exits 2', () => {
    const dir = tempDir({ 'a.txt': 'x' });
    const r = spawnSync(process.execPath, [join(DIST, 'cli.js'), 'install-hook'], { cwd: dir.path, encoding: 'utf8', env: { ...env(), GIT_CEILING_DIRECTORIES: dir.path } });
    dir.dispose();
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'secret-safe: not a git repository (run it inside one)\n');
  });
});
