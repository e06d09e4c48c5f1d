import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fake, hiddenPart } from '../helpers/fake-keys';
import { DIST } from '../helpers/repo';
import { tempDir } from '../helpers/temp-dir';

// Issue 17, items 5 and 6: wide encodings are scanned, what is not scanned is listed with its
// reason, an unreadable folder does not end the scan, and endless inputs end with a clear error.

/** Runs the built CLI; as root, as `nobody`, so that permissions deny it what they deny a user. */
function cli(args: string[], cwd: string, extra: SpawnSyncOptions = {}): { status: number | null; stdout: string; stderr: string } {
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const r = spawnSync(process.execPath, [join(DIST, 'cli.js'), ...args], { cwd, encoding: 'utf8', ...asUser, ...extra });
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** A temporary folder the CLI may read when it runs as `nobody`. */
function openDir(files: Record<string, string | Buffer>): ReturnType<typeof tempDir> {
  const dir = tempDir(files);
  chmodSync(dir.path, 0o755);
  return dir;
}

const utf16be = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();
function utf32(text: string, littleEndian: boolean): Buffer {
  const points = [...text].map(c => c.codePointAt(0)!);
  const out = Buffer.alloc(points.length * 4);
  points.forEach((p, i) => (littleEndian ? out.writeUInt32LE(p, i * 4) : out.writeUInt32BE(p, i * 4)));
  return out;
}

describe('nothing skipped in silence (CLI)', () => {
  let dir: ReturnType<typeof tempDir>;
  afterEach(() => dir?.dispose());

  it('scans UTF-16 and UTF-32 files, with a BOM or without, and reports the same line and column', () => {
    const key = fake.github();
    const text = `# set up\n$token = '${key}'\n`;
    dir = openDir({
      'bom16le.ps1': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      'bom16be.txt': Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]),
      'plain16le.ps1': Buffer.from(text, 'utf16le'),
      'plain16be.txt': utf16be(text),
      'bom32le.txt': Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32(text, true)]),
      'plain32be.txt': utf32(text, false),
      'utf8.ps1': text,
    });
    const r = cli(['scan', '--format', 'json', '.'], dir.path);
    assert.equal(r.status, 1, r.stderr);
    const found = (JSON.parse(r.stdout) as Array<{ file: string; line: number; column: number; ruleId: string; masked: string }>).map(
      f => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.masked}`,
    );
    const masked = `ghp_****${key.slice(-4)}`;
    assert.deepEqual(
      found,
      ['bom16be.txt', 'bom16le.ps1', 'bom32le.txt', 'plain16be.txt', 'plain16le.ps1', 'plain32be.txt', 'utf8.ps1'].map(f => `${f}:2:11 github-pat ${masked}`),
    );
  });

  it('still takes files with NUL bytes in no text order for binary, and says nothing of them', () => {
    const key = fake.github();
    const binary = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0]), Buffer.from(`x='${key}'`)]);
    dir = openDir({ 'a.out': binary, 'ok.ts': 'export {};\n' });
    const r = cli(['scan', '.'], dir.path);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, 'secret-safe: no secrets found (1 file scanned)\n');
  });

  it('goes on past a folder it cannot list, names it with the reason, and exits 2 when nothing else was found', () => {
    dir = openDir({ 'a/app.ts': 'export {};\n', 'locked/app.ts': `const k = '${fake.github()}';\n`, 'z/app.ts': 'export {};\n' });
    chmodSync(join(dir.path, 'locked'), 0o000);
    try {
      const text = cli(['scan', '.'], dir.path);
      assert.equal(text.status, 2, text.stderr);
      assert.match(text.stderr, /not scanned: locked: unreadable \(EACCES\)/);
      assert.match(text.stderr, /scan is incomplete/);
      assert.match(text.stderr, /2 files scanned/, 'the folders before and after it were scanned');
      const json = JSON.parse(cli(['scan', '--format', 'json', '.'], dir.path).stdout) as object[];
      assert.deepEqual(json, [{ kind: 'skipped', file: 'locked', reason: 'unreadable', detail: 'EACCES' }]);
      const sarif = JSON.parse(cli(['scan', '--format', 'sarif', '.'], dir.path).stdout);
      const invocation = sarif.runs[0].invocations[0];
      assert.equal(invocation.executionSuccessful, false);
      assert.equal(invocation.toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation.uri, 'locked');
      assert.equal(invocation.toolExecutionNotifications[0].level, 'error');
    } finally {
      chmodSync(join(dir.path, 'locked'), 0o755);
    }
  });

  it('reports findings with exit 1 even when part of the tree could not be read', () => {
    const key = fake.github();
    dir = openDir({ 'app.ts': `const k = '${key}';\n`, 'locked/x.ts': 'export {};\n' });
    chmodSync(join(dir.path, 'locked'), 0o000);
    try {
      const r = cli(['scan', '.'], dir.path);
      assert.equal(r.status, 1);
      assert.match(r.stdout, /app\.ts:1:12 {2}github-pat/);
      assert.match(r.stderr, /not scanned: locked: unreadable/);
    } finally {
      chmodSync(join(dir.path, 'locked'), 0o755);
    }
  });

  it('lists an unreadable file with its reason, on the main thread and on workers alike', () => {
    dir = openDir({ 'a.ts': 'export {};\n', 'secret.ts': `const k = '${fake.github()}';\n`, 'sub/b.ts': 'export {};\n' });
    chmodSync(join(dir.path, 'secret.ts'), 0o000);
    for (const threads of ['1', '2']) {
      const r = cli(['scan', '--threads', threads, '--format', 'json', '.'], dir.path);
      assert.equal(r.status, 2, `--threads ${threads}: ${r.stderr}`);
      assert.deepEqual(JSON.parse(r.stdout), [{ kind: 'skipped', file: 'secret.ts', reason: 'unreadable', detail: 'EACCES' }]);
    }
  });

  it('lists a large file found by the walk, but a large file named on the command line leaves the scan incomplete', () => {
    const big = `${'x'.repeat(1023)}\n`.repeat(10 * 1024 + 1); // just over 10 MiB
    dir = openDir({ 'bundle.js': big, 'app.ts': 'export {};\n' });
    const walked = cli(['scan', '.'], dir.path);
    assert.equal(walked.status, 0, 'a generated bundle over the limit is no reason to fail a folder scan');
    assert.match(walked.stderr, /not scanned: bundle\.js: larger than 10 MiB/);
    const named = cli(['scan', 'bundle.js'], dir.path);
    assert.equal(named.status, 2);
    assert.match(named.stderr, /not scanned: bundle\.js: larger than 10 MiB\nsecret-safe: the scan is incomplete/);
  });

  it('ends with a clear error on endless inputs: /dev/zero, /dev/urandom, a symlink to them, standard input', function () {
    this.timeout(60_000);
    dir = openDir({});
    symlinkSync('/dev/zero', join(dir.path, 'endless.env'));
    for (const path of ['/dev/zero', '/dev/urandom', 'endless.env']) {
      const r = cli(['scan', path], dir.path);
      assert.equal(r.status, 2, `${path}: ${r.stderr}`);
      assert.match(r.stderr, /larger than 10 MiB/, path);
    }
    const stdin = cli(['scan', '--stdin'], dir.path, { input: Buffer.alloc(11 << 20, 'a') });
    assert.equal(stdin.status, 2);
    assert.match(stdin.stderr, /standard input is larger than 10 MiB; nothing was scanned/);
  });

  it('stops reading a FIFO whose writer never stops', async function () {
    this.timeout(60_000);
    dir = openDir({});
    const fifo = join(dir.path, 'pipe.ts');
    spawnSync('mkfifo', [fifo]);
    chmodSync(fifo, 0o666);
    const writer = spawn('sh', ['-c', `yes "const a = 1;" > '${fifo}'`], { stdio: 'ignore' });
    try {
      const child = spawn(process.execPath, [join(DIST, 'cli.js'), 'scan', 'pipe.ts'], { cwd: dir.path });
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => (stderr += b));
      const status = await new Promise<number | null>(r => child.on('exit', r));
      assert.equal(status, 2, stderr);
      assert.match(stderr, /not scanned: pipe\.ts: larger than 10 MiB/);
    } finally {
      writer.kill();
    }
  });

  it('reads standard input in UTF-16, as PowerShell 5 pipes it', () => {
    const key = fake.github();
    dir = openDir({});
    const r = cli(['scan', '--stdin'], dir.path, { input: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`$t = '${key}'\r\n`, 'utf16le')]) });
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stdout, `<stdin>:1:7  github-pat  ghp_****${key.slice(-4)}\n`);
    assert.ok(!r.stdout.includes(hiddenPart(key)));
  });

  it('names a staged file with a newline in its name and scans it', () => {
    const key = fake.github();
    dir = openDir({});
    const git = (...args: string[]): void => {
      const r = spawnSync('git', args, { cwd: dir.path, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    };
    git('init', '-q');
    mkdirSync(join(dir.path, 'src'));
    dir.write('src/odd\nname.ts', `const k = '${key}';\n`);
    git('add', '-A');
    const r = cli(['scan', '--staged', '--format', 'json'], dir.path, { uid: undefined, gid: undefined });
    assert.equal(r.status, 1, r.stderr);
    const [finding] = JSON.parse(r.stdout) as Array<{ file: string; ruleId: string }>;
    assert.equal(finding.file, 'src/odd\nname.ts');
    assert.equal(finding.ruleId, 'github-pat');
  });

  it('says which file a config rule ran out of its time budget on, and calls the scan incomplete', () => {
    const key = `acme_${'0123456789abcdef'.repeat(2)}`;
    dir = openDir({
      '.secret-safe.json': JSON.stringify({ rules: [{ id: 'acme-key', regex: 'acme_[a-f0-9]{32}', keywords: ['acme_'] }] }),
      'big.txt': `${key}\n${'acme_ '.repeat(20_000)}\n`,
    });
    const r = cli(['scan', '--format', 'json', '.'], dir.path, { env: { ...process.env, SECRET_SAFE_RULE_BUDGET_MS: '0' } });
    assert.equal(r.status, 1, 'the key found before the budget ran out is reported');
    const rows = JSON.parse(r.stdout) as Array<{ kind: string; file: string; reason?: string; detail?: string; ruleId?: string }>;
    assert.deepEqual(
      rows.map(x => [x.kind, x.file, x.ruleId ?? x.reason, x.detail]),
      [
        ['secret', 'big.txt', 'acme-key', undefined],
        ['skipped', 'big.txt', 'time-budget', 'acme-key'],
      ],
    );
    assert.match(r.stderr, /partly scanned: big\.txt: checked only in part by acme-key, which ran out of its time budget/);
  });
});
