import * as assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-languageserver-protocol';
import { fillBusyFolder } from '../helpers/busy-folder';
import { fake, hiddenPart } from '../helpers/fake-keys';
import { gitRepo } from '../helpers/git-repo';
import { gitShim } from '../helpers/git-shim';
import { ServerUnderTest } from '../helpers/lsp-server';
import { tempDir } from '../helpers/temp-dir';

const SCAN = 'secretSafe/scanWorkspace';
interface Result {
  filesScanned: number;
  filesSkipped: number;
  findings: number;
  filesWithFindings: number;
  cancelled: boolean;
  files: Array<{ relativePath: string; findings: Array<{ line: number; ruleId: string; message: string }> }>;
}

describe('language server over stdio: Scan Workspace', function () {
  this.timeout(60_000);
  let server: ServerUnderTest;
  let dir: ReturnType<typeof tempDir>;
  afterEach(async () => {
    await server?.stop();
    dir?.dispose();
  });
  const uri = (rel: string): string => pathToFileURL(`${dir.path}/${rel}`).href;

  it('publishes findings on files that are not open, honouring .gitignore, the exclude settings, size and binary limits', async () => {
    const keys = { app: fake.anthropic(), config: fake.openai() };
    dir = tempDir({
      '.gitignore': 'dist/\n',
      'src/app.ts': `export const key = '${keys.app}';\n`,
      'config/settings.yaml': `openai:\n  api_key: ${keys.config}\n`,
      'src/clean.ts': 'export const port = 3000;\n',
      '.env': `ANTHROPIC_API_KEY=${fake.anthropic()}\n`, // where keys belong: not a finding
      'dist/bundle.js': `k="${fake.anthropic()}"`, // git-ignored
      'node_modules/pkg/index.js': `k="${fake.anthropic()}"`, // dependencies
      'fixtures/sample.ts': `k="${fake.anthropic()}"`, // secretSafe.exclude
      'generated/out.ts': `k="${fake.anthropic()}"`, // files.exclude
      'search-hidden/out.ts': `k="${fake.anthropic()}"`, // search.exclude
      'big/data.txt': `k="${fake.anthropic()}"\n${'x'.repeat(200_000)}`, // over 0.1 MB
      'img/logo.png': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), Buffer.from(fake.anthropic())]),
    });
    server = await ServerUnderTest.start({
      folder: dir.path,
      settings: () => ({ exclude: ['fixtures/**'], maxFileSizeMB: 0.1 }),
      sections: { 'files.exclude': { '**/generated': true, '**/.DS_Store': true, '**/off': false }, 'search.exclude': { 'search-hidden/**': true } },
    });
    const progress: Array<{ filesScanned: number }> = [];
    server.connection.onNotification('secretSafe/scanProgress', (p: { filesScanned: number }) => void progress.push(p));
    const result = await server.connection.sendRequest<Result>(SCAN, {});
    assert.equal(result.cancelled, false);
    assert.deepEqual(result.files.map(f => f.relativePath).sort(), ['config/settings.yaml', 'src/app.ts']);
    assert.equal(result.findings, 2);
    assert.equal(result.filesWithFindings, 2);
    assert.equal(result.filesScanned, 5, '.env, .gitignore, app.ts, clean.ts, settings.yaml');
    assert.equal(result.filesSkipped, 2, 'the big file and the binary one');
    assert.ok(progress.length > 0 && progress.at(-1)!.filesScanned === 5, 'progress ends at the total');
    for (const f of result.files) for (const x of f.findings) for (const key of Object.values(keys)) assert.ok(!x.message.includes(hiddenPart(key)));

    const [d] = await server.diagnostics(uri('src/app.ts'), ds => ds.length === 1);
    assert.equal(d.code, 'anthropic-api-key');
    assert.deepEqual(d.range, { start: { line: 0, character: 20 }, end: { line: 0, character: 20 + keys.app.length } });
    await server.diagnostics(uri('config/settings.yaml'), ds => ds.length === 1);
  });

  it('hands a file to its editor when opened, shows its disk findings again when closed, and clears fixed files on the next scan', async () => {
    const key = fake.anthropic();
    dir = tempDir({ 'a.ts': `const k = '${key}';\n`, 'b.ts': `const k = '${fake.openai()}';\n` });
    server = await ServerUnderTest.start({ folder: dir.path });
    await server.connection.sendRequest<Result>(SCAN, {});
    await server.diagnostics(uri('a.ts'), ds => ds.length === 1);
    // Opened and fixed in the editor (not saved): the editor's text wins.
    await server.open(uri('a.ts'), `const k = '${key}';\n`);
    await server.change(uri('a.ts'), 'const k = process.env.K;\n');
    await server.diagnostics(uri('a.ts'), ds => ds.length === 0);
    // Closed without saving: the file on disk still holds the key.
    await server.close(uri('a.ts'));
    await server.diagnostics(uri('a.ts'), ds => ds.length === 1);
    // Fixed on disk: the next scan clears it.
    dir.write('a.ts', 'const k = process.env.K;\n');
    const again = await server.connection.sendRequest<Result>(SCAN, {});
    assert.deepEqual(
      again.files.map(f => f.relativePath),
      ['b.ts'],
    );
    await server.diagnostics(uri('a.ts'), ds => ds.length === 0);
  });

  it('sends no diagnostics for clean files: a scan of a clean workspace costs the editor nothing', async () => {
    const files: Record<string, string> = { 'keyed.ts': `const k = '${fake.anthropic()}';\n` };
    for (let i = 0; i < 300; i++) files[`src/m${i}.ts`] = `export const v${i} = ${i};\n`;
    dir = tempDir(files);
    server = await ServerUnderTest.start({ folder: dir.path });
    const result = await server.connection.sendRequest<Result>(SCAN, {});
    assert.equal(result.filesScanned, 301);
    assert.deepEqual([...new Set(server.published.map(p => p.uri))], [uri('keyed.ts')], 'one publish, for the file with a finding');
    // The key removed: the next scan clears that file, and still says nothing of the others.
    dir.write('keyed.ts', 'const k = process.env.K;\n');
    await server.connection.sendRequest<Result>(SCAN, {});
    assert.deepEqual(
      server.published.map(p => [p.uri, p.diagnostics.length]),
      [
        [uri('keyed.ts'), 1],
        [uri('keyed.ts'), 0],
      ],
    );
  });

  it('lists the files through git in a trusted workspace, so .git/info/exclude counts; reads .gitignore files otherwise', async () => {
    const repo = gitRepo(
      {
        'src/a.ts': `const k = '${fake.anthropic()}';\n`,
        'local/notes.ts': `const k = '${fake.anthropic()}';\n`,
        '.gitignore': 'dist/\n',
        'dist/b.js': `k='${fake.anthropic()}'`,
      },
      ['src/a.ts', '.gitignore'],
    );
    repo.write('.git/info/exclude', 'local/\n');
    const shim = gitShim();
    try {
      for (const trustedWorkspace of [true, false]) {
        server = await ServerUnderTest.start({ folder: repo.path, trustedWorkspace, env: shim.env });
        const result = await server.connection.sendRequest<Result>(SCAN, {});
        assert.deepEqual(
          result.files.map(f => f.relativePath).sort(),
          trustedWorkspace ? ['src/a.ts'] : ['local/notes.ts', 'src/a.ts'],
          `trusted: ${trustedWorkspace}`,
        );
        if (trustedWorkspace) await server.stop(); // the other is stopped after the test
      }
      assert.equal(shim.calls().filter(c => c.includes('ls-files') && c.includes('--others')).length, 1, 'git listed the files once, in the trusted run');
    } finally {
      repo.dispose();
      shim.dispose();
    }
  });

  it('walks a trusted folder that an enclosing repository ignores as a whole, instead of scanning nothing', async () => {
    const outer = gitRepo({ '.gitignore': 'scratch/\n', 'scratch/app/a.ts': `const k = '${fake.anthropic()}';\n` }, ['.gitignore']);
    try {
      server = await ServerUnderTest.start({ folder: `${outer.path}/scratch/app`, trustedWorkspace: true });
      const result = await server.connection.sendRequest<Result>(SCAN, {});
      assert.deepEqual(
        result.files.map(f => f.relativePath),
        ['a.ts'],
      );
    } finally {
      outer.dispose();
    }
  });

  it('scans every folder of a multi-root workspace once, a nested folder included, each with its own config', async () => {
    dir = tempDir({
      'api/src/a.ts': `const k = '${fake.anthropic()}';\n`,
      'api/packages/web/src/b.ts': `const k = '${fake.openai()}';\n`,
      'api/packages/web/.secret-safe.json': '{ "allowlist": { "paths": ["fixtures/**"] } }\n',
      'api/packages/web/fixtures/c.ts': `const k = '${fake.anthropic()}';\n`,
      'tools/d.py': `KEY = "${fake.openai()}"\n`,
    });
    server = await ServerUnderTest.start({ folder: `${dir.path}/api`, moreFolders: [`${dir.path}/api/packages/web`, `${dir.path}/tools`] });
    const result = await server.connection.sendRequest<Result>(SCAN, {});
    assert.deepEqual(result.files.map(f => f.relativePath).sort(), ['d.py', 'src/a.ts', 'src/b.ts']);
    assert.equal(result.findings, 3, 'the nested folder once, its fixtures allowlisted by its own config');
  });

  it("uses the folder's own config, as the open files' diagnostics do, not one in a parent folder", async () => {
    const key = fake.anthropic();
    dir = tempDir({
      '.secret-safe.json': '{ "disabledRules": ["anthropic-api-key"] }\n',
      'app/src/a.ts': `const k = '${key}';\n`,
    });
    server = await ServerUnderTest.start({ folder: `${dir.path}/app` });
    const result = await server.connection.sendRequest<Result>(SCAN, {});
    assert.deepEqual(
      result.files.map(f => [f.relativePath, f.findings.map(x => x.ruleId)]),
      [['src/a.ts', ['anthropic-api-key']]],
    );
    await server.open(uri('app/src/a.ts'), `const k = '${key}';\n`);
    const opened = await server.diagnostics(uri('app/src/a.ts'), ds => ds.length > 0);
    assert.deepEqual(
      opened.map(d => d.code),
      ['anthropic-api-key'],
      'the open file agrees with the scan',
    );
  });

  it('stops when cancelled, and says so', async () => {
    // About 1 s of work on 2 cores: the cancel arrives long before the end, on any machine.
    dir = tempDir();
    fillBusyFolder(dir.path, 1000);
    server = await ServerUnderTest.start({ folder: dir.path });
    const source = new CancellationTokenSource();
    server.connection.onNotification('secretSafe/scanProgress', () => source.cancel());
    const result = await server.connection.sendRequest<Result>(SCAN, {}, source.token);
    assert.equal(result.cancelled, true);
    assert.ok(result.filesScanned < 1000, `stopped early (${result.filesScanned} files)`);
  });
});
