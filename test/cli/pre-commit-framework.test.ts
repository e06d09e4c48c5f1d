import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fake, hiddenPart } from '../helpers/fake-keys';
import { GIT_TEST_ENV, gitRepo } from '../helpers/git-repo';
import { REPO_ROOT } from '../helpers/repo';
import { tempDir } from '../helpers/temp-dir';

/**
 * The hook as pre-commit framework users add it: pre-commit (Debian's package; npm test installs
 * it) clones this repository at its HEAD, installs it with npm as it does any `language: node`
 * hook, and runs `.pre-commit-hooks.yaml`'s entry on the staged files of each commit.
 */
describe('.pre-commit-hooks.yaml under the pre-commit framework', function () {
  this.timeout(240_000);
  let repo: ReturnType<typeof gitRepo>;
  let home: ReturnType<typeof tempDir>;
  afterEach(() => {
    repo?.dispose();
    home?.dispose();
  });

  it('stops a commit that adds a key or a .env, masked, and lets a clean one through', function () {
    const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' });
    if (spawnSync('pre-commit', ['--version']).error || head.status !== 0 || !existsSync(join(REPO_ROOT, '.git'))) this.skip();
    home = tempDir();
    const env = {
      ...process.env,
      PRE_COMMIT_HOME: home.path,
      ...GIT_TEST_ENV,
    };
    const config = `repos:\n  - repo: ${REPO_ROOT}\n    rev: ${head.stdout.trim()}\n    hooks:\n      - id: secret-safe\n`;
    repo = gitRepo({ '.pre-commit-config.yaml': config, 'README.md': '# app\n' }, ['.pre-commit-config.yaml', 'README.md']);
    const run = (cmd: string, ...args: string[]) => spawnSync(cmd, args, { cwd: repo.path, encoding: 'utf8', env });
    const installed = run('pre-commit', 'install');
    assert.equal(installed.status, 0, installed.stderr + installed.stdout);

    const key = fake.anthropic();
    repo.write('src/client.ts', `export const client = new Anthropic({ apiKey: '${key}' });\n`);
    run('git', 'add', 'src/client.ts');
    const refused = run('git', 'commit', '-m', 'add client');
    const output = refused.stdout + refused.stderr;
    assert.notEqual(refused.status, 0, `the commit went through:\n${output}`);
    assert.match(output, /Secret Safe \(hardcoded secrets and secret files\)\.+Failed/);
    assert.match(output, /src\/client\.ts:1:\d+ .*anthropic-api-key/);
    assert.ok(!output.includes(hiddenPart(key)), 'masked');

    repo.write('src/client.ts', 'export const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });\n');
    repo.write('.env', `ANTHROPIC_API_KEY=${key}\n`);
    run('git', 'add', 'src/client.ts', '.env');
    const envRefused = run('git', 'commit', '-m', 'read from env');
    assert.notEqual(envRefused.status, 0, 'a staged .env is refused');
    assert.match(envRefused.stdout + envRefused.stderr, /\.env/);

    run('git', 'rm', '-q', '--cached', '.env');
    repo.write('.gitignore', '.env\n');
    run('git', 'add', '.gitignore');
    const accepted = run('git', 'commit', '-m', 'read from env');
    assert.equal(accepted.status, 0, accepted.stdout + accepted.stderr);
    assert.match(accepted.stdout + accepted.stderr, /Secret Safe \(hardcoded secrets and secret files\)\.+Passed/);
  });
});
