import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fake, hiddenPart } from '../helpers/fake-keys';
import { GIT_TEST_ENV, gitRepo } from '../helpers/git-repo';
import { DIST } from '../helpers/repo';
import { tempDir } from '../helpers/temp-dir';

/** git by its full path, so a test can run it with a PATH that lacks node. */
const GIT = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();

describe('secret-safe install-hook: a pre-commit hook that stops a commit carrying a key', () => {
  let repo: ReturnType<typeof gitRepo>;
  let bin: ReturnType<typeof tempDir>;
  beforeEach(() => {
    // No `secret-safe` on PATH (it is not published), and an `npx` that fails loudly: the hook
    // must call the CLI the way it was installed, never fetch it.
    bin = tempDir();
    bin.write('npx', '#!/bin/sh\necho "npx was called" >&2\nexit 99\n');
    spawnSync('chmod', ['+x', join(bin.path, 'npx')]);
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
  const install = (cli = join(DIST, 'cli.js')) => spawnSync(process.execPath, [cli, 'install-hook'], { cwd: repo.path, encoding: 'utf8', env: env() });
  const commit = (message: string, extraEnv: NodeJS.ProcessEnv = {}) =>
    spawnSync(GIT, ['commit', '-q', '-m', message], { cwd: repo.path, encoding: 'utf8', env: { ...env(), ...extraEnv } });
  /** A copy of the built CLI, installed as npm would put it under `dir`. */
  const installedCopy = (dir: string): string => {
    const pkg = join(dir, 'node_modules', 'secret-safe');
    mkdirSync(pkg, { recursive: true });
    cpSync(DIST, join(pkg, 'dist'), { recursive: true });
    writeFileSync(join(pkg, 'package.json'), '{ "name": "secret-safe", "bin": { "secret-safe": "dist/cli.js" } }\n');
    return join(pkg, 'dist', 'cli.js');
  };
  /** Stages a file holding a fresh key and asserts that the commit stops, masked. */
  const assertKeyStops = (): void => {
    const key = fake.anthropic();
    repo.write('src/llm.ts', `export const key = '${key}';\n`);
    repo.git('add', 'src/llm.ts');
    const refused = commit('add the llm client');
    assert.notEqual(refused.status, 0, 'the commit is refused');
    assert.match(refused.stdout + refused.stderr, /src\/llm\.ts:1:21  anthropic-api-key  sk-ant-api03-\*+/);
    assert.ok(!(refused.stdout + refused.stderr).includes(hiddenPart(key)), 'masked');
    assert.ok(!(refused.stdout + refused.stderr).includes('npx was called'), 'npx is never called');
    assert.equal(repo.git('log', '--oneline').trim().split('\n').length, 1, 'no commit was made');
  };

  it("from a dev dependency, calls the project's node_modules copy; a clone without it is told to npm install", () => {
    repo = gitRepo({ 'README.md': '# app\n', '.gitignore': 'node_modules/\n' }, ['README.md', '.gitignore']);
    const cli = installedCopy(repo.path);
    const r = install(cli);
    assert.equal(r.status, 0, r.stderr);
    const hook = readFileSync(join(repo.path, '.git/hooks/pre-commit'), 'utf8');
    assert.match(
      hook,
      /^node 'node_modules\/secret-safe\/dist\/cli\.js' scan --staged \|\| exit \$\?$/m,
      'relative to the repository, so it works in any clone',
    );
    assertKeyStops();
    rmSync(join(repo.path, 'node_modules'), { recursive: true });
    const missing = commit('without node_modules');
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /secret-safe: node_modules\/secret-safe\/dist\/cli\.js is missing: run npm install/);
  });

  it('from a global install, calls secret-safe on PATH', () => {
    repo = gitRepo({ 'README.md': '# app\n' }, ['README.md']);
    const prefix = tempDir();
    try {
      const cli = installedCopy(join(prefix.path, 'lib'));
      bin.write('secret-safe', `#!/bin/sh\necho global >> '${join(prefix.path, 'calls')}'\nexec '${process.execPath}' '${cli}' "$@"\n`);
      spawnSync('chmod', ['+x', join(bin.path, 'secret-safe')]);
      assert.equal(install(cli).status, 0);
      assertKeyStops();
      assert.equal(readFileSync(join(prefix.path, 'calls'), 'utf8'), 'global\nglobal\n', 'the global command ran, in the check and in the commit');
    } finally {
      prefix.dispose();
    }
  });

  it('says how to fix a PATH without node (a git GUI) instead of failing with "not found", and the commit stops', () => {
    repo = gitRepo({ 'README.md': '# app\n' }, ['README.md']);
    assert.equal(install().status, 0);
    repo.write('notes.txt', 'hello\n');
    repo.git('add', 'notes.txt');
    const r = commit('no node', { PATH: bin.path });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /^secret-safe: node is not on the PATH this git runs hooks with/m);
    assert.doesNotMatch(r.stderr, /not found/);
  });

  it('from a checkout: installs into .git/hooks, once; git then refuses a commit that adds a key, and accepts the fix', () => {
    repo = gitRepo({ 'README.md': '# app\n' }, ['README.md']);
    const r = install();
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      r.stdout,
      'secret-safe: created .git/hooks/pre-commit (git): commits that add a secret now stop (checked: git ran it on a planted test key and the commit stopped)\n',
    );
    assert.ok(statSync(join(repo.path, '.git/hooks/pre-commit')).mode & 0o100, 'executable');
    const again = install();
    assert.equal(
      again.stdout,
      'secret-safe: the pre-commit hook is already in .git/hooks/pre-commit: commits that add a secret now stop (checked: git ran it on a planted test key and the commit stopped)\n',
    );

    assert.ok(
      readFileSync(join(repo.path, '.git/hooks/pre-commit'), 'utf8').includes(`node '${join(DIST, 'cli.js')}' scan --staged`),
      "this checkout's CLI, by its absolute path",
    );
    assertKeyStops();

    repo.write('src/llm.ts', 'export const key = process.env.ANTHROPIC_API_KEY;\n');
    repo.git('add', 'src/llm.ts');
    const accepted = commit('read the key from the environment');
    assert.equal(accepted.status, 0, accepted.stdout + accepted.stderr);
  });

  it('adds itself first in an existing shell hook, keeping every byte, and refuses a hook in another language', () => {
    repo = gitRepo({ 'README.md': '# app\n' }, ['README.md']);
    const original = '#!/bin/bash\n# lint first\nnpm run lint --silent'; // no final newline
    repo.write('.git/hooks/pre-commit', original);
    assert.equal(install().status, 0);
    const text = readFileSync(join(repo.path, '.git/hooks/pre-commit'), 'utf8');
    assert.ok(text.startsWith('#!/bin/bash\n# >>> secret-safe >>>\n'), text);
    assert.ok(text.endsWith('# <<< secret-safe <<<\n# lint first\nnpm run lint --silent'), text);
    assert.match(text, /cli\.js' scan --staged/);

    repo.write('.git/hooks/pre-commit', '#!/usr/bin/env python3\nprint("hi")\n');
    const r = install();
    assert.equal(r.status, 2);
    assert.equal(
      r.stderr,
      'secret-safe: .git/hooks/pre-commit is not a shell script (#!/usr/bin/env python3); add "secret-safe scan --staged" to it yourself\n',
    );
    assert.equal(readFileSync(join(repo.path, '.git/hooks/pre-commit'), 'utf8'), '#!/usr/bin/env python3\nprint("hi")\n', 'untouched');
  });

  it('follows core.hooksPath, and uses .husky/pre-commit in a husky project', () => {
    repo = gitRepo({ 'README.md': '# app\n' }, ['README.md']);
    repo.git('config', 'core.hooksPath', '.githooks');
    const r = install();
    assert.equal(
      r.stdout,
      'secret-safe: created .githooks/pre-commit (core.hooksPath): commits that add a secret now stop (checked: git ran it on a planted test key and the commit stopped)\n',
    );
    // git runs it from there: a staged .env stops the commit.
    repo.write('.env', 'A=1\n');
    repo.git('add', '.env');
    const refused = commit('env');
    assert.notEqual(refused.status, 0);
    assert.match(refused.stdout + refused.stderr, /\.env:1:1  secret-file-tracked/);
    repo.dispose();

    repo = gitRepo({ 'README.md': '# app\n', '.husky/pre-commit': 'npm test\n', '.husky/_/pre-commit': '#!/bin/sh\nsh -e .husky/pre-commit\n' }, ['README.md']);
    spawnSync('chmod', ['+x', join(repo.path, '.husky/_/pre-commit')]);
    repo.git('config', 'core.hooksPath', '.husky/_');
    const husky = install();
    assert.equal(
      husky.stdout,
      'secret-safe: added to .husky/pre-commit (husky): commits that add a secret now stop (checked: git ran it on a planted test key and the commit stopped)\n',
    );
    assert.match(readFileSync(join(repo.path, '.husky/pre-commit'), 'utf8'), /^# >>> secret-safe >>>\n[\s\S]*# <<< secret-safe <<<\nnpm test\n$/);
  });

  it('says so outside a git repository, and exits 2', () => {
    const dir = tempDir({ 'a.txt': 'x' });
    const r = spawnSync(process.execPath, [join(DIST, 'cli.js'), 'install-hook'], {
      cwd: dir.path,
      encoding: 'utf8',
      env: { ...env(), GIT_CEILING_DIRECTORIES: dir.path },
    });
    dir.dispose();
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'secret-safe: not a git repository (run it inside one)\n');
  });
});

// Issue 17, item 1: install-hook never claims protection it does not give.
describe('secret-safe install-hook: where git really runs the hook', () => {
  let repo: ReturnType<typeof gitRepo>;
  let home: ReturnType<typeof tempDir>;
  beforeEach(() => {
    home = tempDir();
  });
  afterEach(() => {
    repo?.dispose();
    home.dispose();
  });
  // A HOME of the test's own: the global config and `~` are there.
  const env = (): NodeJS.ProcessEnv => ({ ...process.env, ...GIT_TEST_ENV, HOME: home.path, GIT_CONFIG_GLOBAL: join(home.path, '.gitconfig') });
  const install = (...args: string[]) =>
    spawnSync(process.execPath, [join(DIST, 'cli.js'), 'install-hook', ...args], { cwd: repo.path, encoding: 'utf8', env: env() });
  /** A real commit of a staged key: refused, and nothing committed. */
  const assertCommitStops = (): void => {
    const key = fake.github();
    repo.write('src/token.ts', `export const token = '${key}';\n`);
    repo.git('add', 'src/token.ts');
    const refused = spawnSync(GIT, ['commit', '-q', '-m', 'add token'], { cwd: repo.path, encoding: 'utf8', env: env() });
    assert.notEqual(refused.status, 0, `the commit went through: ${refused.stdout}${refused.stderr}`);
    assert.match(refused.stdout + refused.stderr, /src\/token\.ts:1:23  github-pat/);
    assert.equal(repo.git('log', '--oneline').trim().split('\n').length, 1, 'no commit was made');
  };

  for (const [name, hook] of [
    ['exit 0', '#!/bin/sh\n# checks that always pass\nexit 0\n'],
    ['exec (as the pre-commit framework writes it)', '#!/usr/bin/env bash\nif [ -x /nonexistent ]; then\n  exec /nonexistent hook-impl "$@"\nfi\nexec true\n'],
  ] as const) {
    it(`runs before a hook's own ${name}: the commit of a key stops`, () => {
      repo = gitRepo({ 'README.md': '# app\n' }, ['README.md']);
      repo.write('.git/hooks/pre-commit', hook);
      spawnSync('chmod', ['+x', join(repo.path, '.git/hooks/pre-commit')]);
      const r = install();
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /checked: git ran it on a planted test key and the commit stopped/);
      assert.ok(readFileSync(join(repo.path, '.git/hooks/pre-commit'), 'utf8').endsWith(hook.slice(hook.indexOf('\n') + 1)), 'the hook keeps every byte');
      assertCommitStops();
    });
  }

  it('moves a block an older version appended after an exit 0 to where it runs', () => {
    repo = gitRepo({ 'README.md': '# app\n' }, ['README.md']);
    const old = `#!/bin/sh\nexit 0\n# >>> secret-safe >>>\nnode '${join(DIST, 'cli.js')}' scan --staged || exit $?\n# <<< secret-safe <<<\n`;
    repo.write('.git/hooks/pre-commit', old);
    spawnSync('chmod', ['+x', join(repo.path, '.git/hooks/pre-commit')]);
    const r = install();
    assert.equal(r.status, 0, r.stderr);
    const text = readFileSync(join(repo.path, '.git/hooks/pre-commit'), 'utf8');
    assert.match(text, /^#!\/bin\/sh\n# >>> secret-safe >>>\n[\s\S]*# <<< secret-safe <<<\nexit 0\n$/);
    assertCommitStops();
  });

  it('passes over a .husky folder git does not run hooks from, and says so', () => {
    repo = gitRepo({ 'README.md': '# app\n', '.husky/pre-commit': 'npm test\n' }, ['README.md']);
    const r = install();
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /\.husky\/ is here, but git does not run hooks from it/);
    assert.match(r.stdout, /created \.git\/hooks\/pre-commit \(git\)/);
    assert.equal(readFileSync(join(repo.path, '.husky/pre-commit'), 'utf8'), 'npm test\n', 'untouched');
    assertCommitStops();
  });

  it('expands ~ in core.hooksPath, as git does', () => {
    repo = gitRepo({ 'README.md': '# app\n' }, ['README.md']);
    repo.git('config', 'core.hooksPath', '~/my-hooks');
    const r = install();
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(join(home.path, 'my-hooks', 'pre-commit')), 'in the home folder');
    assert.ok(!existsSync(join(repo.path, '~')), 'not in a folder named ~');
    assertCommitStops();
  });

  it('refuses a core.hooksPath set globally unless asked with --global-hooks', () => {
    repo = gitRepo({ 'README.md': '# app\n' }, ['README.md']);
    const shared = join(home.path, 'shared-hooks');
    writeFileSync(join(home.path, '.gitconfig'), `[core]\n\thooksPath = ${shared}\n`);
    const refused = install();
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /core\.hooksPath is set outside this repository .*\.gitconfig.*--global-hooks/);
    assert.ok(!existsSync(join(shared, 'pre-commit')), 'nothing written to the shared folder');
    const r = install('--global-hooks');
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(join(shared, 'pre-commit')));
    assertCommitStops();
  });

  it('says the repository is not protected when git runs the hook and the planted key passes', () => {
    repo = gitRepo({ 'README.md': '# app\n' }, ['README.md']);
    assert.equal(install().status, 0);
    // The block now calls a CLI that no longer reports anything.
    const file = join(repo.path, '.git/hooks/pre-commit');
    const fakeCli = join(home.path, 'silent.js');
    writeFileSync(fakeCli, 'process.exit(0);\n');
    writeFileSync(file, readFileSync(file, 'utf8').split(join(DIST, 'cli.js')).join(fakeCli));
    const r = install();
    assert.equal(r.status, 2);
    assert.match(r.stderr, /when git ran it on a planted test key it did not report the key; this repository is not protected/);
  });
});
