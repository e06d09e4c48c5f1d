import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fake, hiddenPart } from '../helpers/fake-keys';
import { DIST, NODE24_BIN, REPO_ROOT } from '../helpers/repo';
import { tempDir } from '../helpers/temp-dir';

/** Runs the built CLI the way a user's shell would. */
function cli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(DIST, 'cli.js'), ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('secret-safe scan (CLI)', () => {
  let dir: ReturnType<typeof tempDir>;
  afterEach(() => dir?.dispose());

  it('exits 0 and says so when a folder holds no secret', () => {
    dir = tempDir({ 'src/app.ts': 'export const apiKey = process.env.ANTHROPIC_API_KEY;\n', 'README.md': '# hello\n' });
    const r = cli(['scan', '.'], dir.path);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'secret-safe: no secrets found (2 files scanned)\n');
  });

  it('says nothing more under Node 24, whose V8 lacks a flag the scan tunes under Node 20', () => {
    // The CLI sets V8 flags for a scan; V8 prints "Error: unrecognized flag" for one it does not know.
    dir = tempDir({ 'src/app.ts': 'export const apiKey = process.env.ANTHROPIC_API_KEY;\n' });
    const r = spawnSync(join(NODE24_BIN, 'node'), [join(DIST, 'cli.js'), 'scan', '.'], { cwd: dir.path, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, 'secret-safe: no secrets found (1 file scanned)\n');
  });

  it('exits 1 and prints file:line:col, rule and the masked value for each secret', () => {
    const anthropic = fake.anthropic();
    const aws = fake.awsKeyId();
    dir = tempDir({ 'src/app.ts': `// config\nconst apiKey = '${anthropic}';\n`, 'deploy/env.sh': `export AWS_ACCESS_KEY_ID=${aws}\n` });
    const r = cli(['scan'], dir.path);
    assert.equal(r.status, 1);
    assert.equal(
      r.stdout,
      `deploy/env.sh:1:26  aws-access-key-id  AKIA****${aws.slice(-4)}\n` + `src/app.ts:2:17  anthropic-api-key  sk-ant-api03-****${anthropic.slice(-4)}\n`,
    );
    assert.equal(r.stderr, 'secret-safe: 2 secrets found in 2 files (2 files scanned)\n');
  });

  it('streams text: a finding is printed as soon as its file is scanned, before the scan ends', async () => {
    const first = fake.anthropic();
    const second = fake.github();
    dir = tempDir({ 'a.ts': `const k = '${first}';\n` });
    // A named pipe as the second file: the scan cannot end until the test writes into it.
    spawnSync('mkfifo', [join(dir.path, 'b.ts')]);
    const child = spawn(process.execPath, [join(DIST, 'cli.js'), 'scan', '--threads', '1', 'a.ts', 'b.ts'], { cwd: dir.path });
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b));
    const exited = new Promise<number | null>(r => child.on('exit', r));
    try {
      for (let i = 0; i < 300 && !stdout.includes('a.ts:1:12'); i++) await new Promise(r => setTimeout(r, 50));
      assert.equal(
        stdout,
        `a.ts:1:12  anthropic-api-key  sk-ant-api03-****${first.slice(-4)}\n`,
        'the first file is reported while the second is still being read',
      );
    } finally {
      // Written without blocking: should the CLI have died before opening the pipe, the test fails instead of hanging.
      for (let i = 0; i < 200 && child.exitCode === null; i++) {
        try {
          const fd = openSync(join(dir.path, 'b.ts'), constants.O_WRONLY | constants.O_NONBLOCK);
          writeSync(fd, `const t = '${second}';\n`);
          closeSync(fd);
          break;
        } catch (e) {
          // biome-ignore lint/correctness/noUnsafeFinally: an unexpected error must surface; ENXIO only means no reader yet
          if ((e as NodeJS.ErrnoException).code !== 'ENXIO') throw e;
          await new Promise(r => setTimeout(r, 50));
        }
      }
    }
    assert.equal(await exited, 1);
    assert.equal(stdout, `a.ts:1:12  anthropic-api-key  sk-ant-api03-****${first.slice(-4)}\nb.ts:1:12  github-pat  ghp_****${second.slice(-4)}\n`);
  });

  it("scans thousands of files named on the command line (a hook's list) as it scans a folder, in their order, with the git checks", () => {
    const files: Record<string, string> = { '.gitignore': 'node_modules/\n' };
    const keys = new Map<string, string>();
    for (let i = 0; i < 2400; i++) {
      const key = i % 300 === 7 ? fake.github() : undefined;
      const path = `src/m${Math.floor(i / 100)}/f${i}.ts`;
      files[path] = `export const v${i} = ${i};\n${key ? `export const token = '${key}';\n` : ''}`;
      if (key) keys.set(path, key);
    }
    files['.env'] = `OPENAI_API_KEY=${fake.openai()}\n`;
    dir = tempDir(files);
    spawnSync('git', ['init', '-q'], { cwd: dir.path });
    // Named in reverse: the report follows the order given.
    const named = Object.keys(files)
      .filter(f => f.endsWith('.ts'))
      .reverse();
    const r = cli(['scan', '--format', 'json', ...named, '.env'], dir.path);
    assert.equal(r.status, 1, r.stderr);
    const rows = JSON.parse(r.stdout) as Array<{ kind: string; file: string; ruleId?: string }>;
    assert.deepEqual(
      rows.filter(x => x.kind === 'secret').map(x => x.file),
      [...keys.keys()].reverse(),
    );
    assert.ok(
      rows.some(x => x.kind !== 'secret' && x.file === '.env'),
      'the .env named is checked against .gitignore',
    );
  });

  it('prints every finding of files packed with keys, once each and in order, before the git checks', () => {
    const keys = Array.from({ length: 6000 }, (_, i) => (i % 2 === 0 ? fake.github() : fake.awsKeyId()));
    dir = tempDir({
      'a/keys.js': keys
        .slice(0, 3000)
        .map(k => `"${k}",`)
        .join(''),
      'b/keys.txt': keys.slice(3000).join('\n'),
      '.env': 'TOKEN=x\n',
    });
    spawnSync('git', ['init', '-q'], { cwd: dir.path });
    const text = cli(['scan', '--threads', '2'], dir.path);
    assert.equal(text.status, 1, text.stderr);
    const report = cli(['scan', '--format', 'json', '--threads', '2'], dir.path).stdout;
    const found = (JSON.parse(report) as Array<{ kind: string; file: string; line: number; column: number; ruleId: string; masked: string }>).filter(
      r => r.kind === 'secret',
    );
    // A random fake key now and then spells a placeholder word ("test", "xxx"): nearly all are found.
    assert.ok(found.length > 5900, `${found.length} of 6,000 found`);
    const lines = text.stdout.split('\n').slice(0, -1);
    assert.deepEqual(
      lines.slice(0, -1),
      found.map(f => `${f.file}:${f.line}:${f.column}  ${f.ruleId}  ${f.masked}`),
    );
    assert.match(lines[lines.length - 1], /^\.env:1:1 {2}/, 'the git check comes last');
  });

  it('never prints a secret in full, in any format', () => {
    const keys = [fake.anthropic(), fake.openai(), fake.github(), fake.pem()];
    dir = tempDir({ 'keys.txt': keys.map((k, i) => `K${i}="${k}"`).join('\n') });
    for (const format of ['text', 'json']) {
      const r = cli(['scan', '--format', format], dir.path);
      assert.equal(r.status, 1);
      for (const key of keys) {
        assert.ok(!(r.stdout + r.stderr).includes(key), `a full key appeared in ${format} output`);
        assert.ok(!(r.stdout + r.stderr).includes(hiddenPart(key)), `a hidden part of a key appeared in ${format} output`);
      }
    }
  });

  it('writes JSON findings with 1-based positions, severity, message and masked value', () => {
    const key = fake.github();
    dir = tempDir({ 'ci.yml': `env:\n  GITHUB_TOKEN: ${key}\n` });
    const r = cli(['scan', '--format', 'json', '--output', 'report.json'], dir.path);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    const [row] = JSON.parse(readFileSync(join(dir.path, 'report.json'), 'utf8'));
    assert.deepEqual(
      { ...row, message: undefined, fingerprint: undefined },
      {
        kind: 'secret',
        file: 'ci.yml',
        line: 2,
        column: 17,
        endLine: 2,
        endColumn: 57,
        ruleId: 'github-pat',
        severity: 'error',
        confidence: 'high',
        message: undefined,
        masked: `ghp_****${key.slice(-4)}`,
        fingerprint: undefined,
      },
    );
    assert.match(row.fingerprint, /^[0-9a-f]{64}$/, 'the fingerprint baselines and SARIF match on');
    assert.match(row.message, /^GitHub personal access token ghp_\*\*\*\*/);
  });

  it('does not scan files the folder .gitignore ignores, nested .gitignore files included', () => {
    dir = tempDir({
      '.gitignore': 'secrets/\n*.log\n',
      'secrets/a.txt': fake.anthropic(),
      'build.log': fake.anthropic(),
      'pkg/.gitignore': 'local.ts\n',
      'pkg/local.ts': fake.anthropic(),
      'pkg/kept.ts': `k = "${fake.anthropic()}"`,
    });
    const r = cli(['scan', '.'], dir.path);
    assert.equal(r.status, 1);
    assert.deepEqual(
      r.stdout
        .trim()
        .split('\n')
        .map(l => l.split(':')[0]),
      ['pkg/kept.ts'],
    );
  });

  it('does not walk into node_modules or .git, but scans node_modules when named', () => {
    dir = tempDir({ 'node_modules/pkg/index.js': `k="${fake.anthropic()}"`, '.git/config': fake.anthropic(), 'a.ts': 'ok' });
    const r = cli(['scan', '.'], dir.path);
    assert.equal(r.status, 0, r.stdout);
    assert.equal(r.stderr, 'secret-safe: no secrets found (1 file scanned)\n');
    assert.equal(cli(['scan', 'node_modules'], dir.path).status, 1);
  });

  it('scans a file named on the command line even when it is git-ignored', () => {
    dir = tempDir({ '.gitignore': 'notes.txt\n', 'notes.txt': `KEY=${fake.anthropic()}\n` });
    assert.equal(cli(['scan', '.'], dir.path).status, 0);
    assert.equal(cli(['scan', 'notes.txt'], dir.path).status, 1);
  });

  it('prints file names escaped: no control character reaches the terminal, no line reads as a CI command', () => {
    const names = ['esc\x1b[2J.ts', 'cr\rforged.ts', 'nl\nforged.ts', 'bs\bx.ts', '::error file=x::forged.ts'];
    dir = tempDir(Object.fromEntries(names.map(n => [n, `export const k = '${fake.anthropic()}';\n`])));
    const r = cli(['scan', '.', '--no-color'], dir.path);
    assert.equal(r.status, 1);
    assert.doesNotMatch(r.stdout, /[\x00-\x09\x0b-\x1f\x7f]/, 'no control character but the line breaks');
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, names.length, 'one line per finding: no forged line');
    for (const line of ['esc\\x1b[2J.ts:1:', 'cr\\rforged.ts:1:', 'nl\\nforged.ts:1:', 'bs\\bx.ts:1:', './::error file=x::forged.ts:1:']) {
      assert.ok(
        lines.some(l => l.startsWith(line)),
        `${line} in ${JSON.stringify(lines)}`,
      );
    }
    assert.ok(!lines.some(l => l.startsWith('::')), 'no line starts a workflow command');
  });

  it("agrees with the editor on env files: values in a git-ignored .env are no finding, a template's are", () => {
    const key = fake.anthropic();
    dir = tempDir({ '.gitignore': '.env\n', '.env': `ANTHROPIC_API_KEY=${key}\n` });
    assert.equal(cli(['scan', '.'], dir.path).status, 0, 'the ignored .env is where the key belongs');
    const named = cli(['scan', '.env'], dir.path);
    assert.equal(named.status, 0, 'named, it is still no finding');
    assert.match(named.stderr, /no secrets found \(1 file scanned\)/);
    dir.write('.env.local', `ANTHROPIC_API_KEY=${key}\n`);
    const unignored = cli(['scan', '.'], dir.path);
    assert.equal(unignored.status, 1);
    assert.match(unignored.stdout, /^\.env\.local:1:1  secret-file-not-ignored/m, 'git would commit it: a hygiene problem');
    assert.doesNotMatch(unignored.stdout, /anthropic-api-key/);
    dir.write('.env.example', `ANTHROPIC_API_KEY=${key}\n`);
    assert.match(cli(['scan', '.env.example'], dir.path).stdout, /^\.env\.example:1:19  anthropic-api-key/m, 'a committed template must not hold a real key');
    // A file in dotenv syntax that git hygiene does not cover (not .env*) is scanned: no blind spot.
    dir.write('deploy/prod.env', `ANTHROPIC_API_KEY=${key}\n`);
    assert.match(cli(['scan', 'deploy'], dir.path).stdout, /^deploy\/prod\.env:1:19  anthropic-api-key/m);
  });

  it('skips binary files and honours allowlisted paths in .secret-safe.json', () => {
    dir = tempDir({
      'logo.png': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), Buffer.from(fake.anthropic())]),
      'fixtures/k.ts': fake.anthropic(),
      '.secret-safe.json': '{ "allowlist": { "paths": ["fixtures/**"] } }',
    });
    const r = cli(['scan', '.'], dir.path);
    assert.equal(r.status, 0, r.stdout);
  });

  it('matches allowlisted paths against the project root when a subfolder is scanned', () => {
    dir = tempDir({
      'packages/app/fixtures/k.ts': fake.anthropic(),
      'packages/app/src/k.ts': fake.anthropic(),
      'fixtures/k.ts': fake.anthropic(),
      '.secret-safe.json': '{ "allowlist": { "paths": ["packages/app/fixtures/**"] } }',
    });
    for (const threads of ['1', '2']) {
      const r = cli(['scan', 'packages/app', '--format', 'json', '--threads', threads], dir.path);
      assert.equal(r.status, 1, r.stderr);
      assert.deepEqual(
        (JSON.parse(r.stdout) as Array<{ file: string }>).map(f => f.file),
        ['packages/app/src/k.ts'],
        `--threads ${threads}`,
      );
    }
  });

  it('reports a broken config file with its line and still scans with the built-in rules', () => {
    dir = tempDir({ '.secret-safe.json': '{\n  "disabledRules": [,]\n}', 'a.ts': fake.anthropic() });
    const r = cli(['scan', '.'], dir.path);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^secret-safe: config: \.secret-safe\.json:2: invalid JSON/);
  });

  it('exits 2 with a one-line message for a missing path, an unknown option or command', () => {
    dir = tempDir();
    const cases: Array<[string[], RegExp]> = [
      [['scan', 'nope'], /^secret-safe: no such file or folder: .*nope\n$/],
      [['scan', '--bogus'], /^secret-safe: Unknown option '--bogus'/],
      [['scan', '--format', 'xml'], /^secret-safe: unknown format 'xml' \(use text, json, sarif or gitlab\)\n$/],
      [['lint'], /^secret-safe: unknown command 'lint'/],
      [[], /^secret-safe: missing command/],
    ];
    for (const [args, message] of cases) {
      const r = cli(args, dir.path);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, 'one line');
    }
  });

  it('reports the files named before a missing one, then exits 2 naming it', () => {
    // A hook's list in one run: the files before the missing one are scanned and reported first.
    dir = tempDir({ 'a.ts': `export const token = '${fake.github()}';\n`, 'b.ts': 'export {};\n' });
    const r = cli(['scan', 'a.ts', 'b.ts', 'gone.ts', 'c.ts'], dir.path);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stdout, /^a\.ts:1:\d+ {2}github-pat {2}/);
    assert.match(r.stderr, /^secret-safe: no such file or folder: .*gone\.ts\n$/);
  });

  it('prints help and the package version', () => {
    dir = tempDir();
    const help = cli(['--help'], dir.path);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: secret-safe scan \[paths\.\.\.\]/);
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    assert.equal(cli(['--version'], dir.path).stdout, `${version}\n`);
  });
});

describe('the npm package', () => {
  let dir: ReturnType<typeof tempDir>;
  afterEach(() => dir?.dispose());

  it('installs from its tarball and runs as `npx secret-safe scan .`', function () {
    this.timeout(120_000);
    dir = tempDir({
      'package.json': '{ "name": "user-project", "version": "1.0.0", "private": true }',
      'src/llm.ts': `const apiKey = '${fake.anthropic()}';\n`,
      // A compose file: its YAML is read by a bundle of its own, which the package must carry.
      '.gitignore': '.env\nnode_modules/\n',
      '.env': 'API_TOKEN=x\n',
      'compose.yaml': 'services:\n  api:\n    build:\n      context: .\n      dockerfile: docker/Dockerfile\n',
      'docker/Dockerfile': 'FROM node:22\nCOPY . .\n',
    });
    const npm = (args: string[], cwd: string): string => {
      const r = spawnSync('npm', args, { cwd, encoding: 'utf8' });
      assert.equal(r.status, 0, `npm ${args.join(' ')}: ${r.stderr}`);
      return r.stdout;
    };
    // --ignore-scripts: the package's `prepare` would rebuild dist/ and out/ in the working tree
    // while this very run reads them; `npm run test:unit` has just built them.
    const tarball = npm(['pack', '--silent', '--ignore-scripts', '--pack-destination', dir.path, REPO_ROOT], dir.path).trim().split('\n').pop()!;
    npm(['install', '--offline', '--no-audit', '--no-fund', join(dir.path, tarball)], dir.path);
    const r = spawnSync('npx', ['--no-install', 'secret-safe', 'scan', '.'], { cwd: dir.path, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^src\/llm\.ts:1:17  anthropic-api-key  sk-ant-api03-\*\*\*\*/m);
    assert.match(r.stdout, /^docker\/Dockerfile:2:1  secret-file-in-docker-context  COPY copies \.env .* compose\.yaml's service api/m);
  });
});

describe('self-scan', () => {
  it('finds no secret in this repository', () => {
    const r = cli(['scan', '.'], REPO_ROOT);
    assert.equal(r.status, 0, r.stdout);
  });
});
