import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, FileChangeType, HoverRequest, type Hover } from 'vscode-languageserver-protocol';
import { fake, hiddenPart } from '../helpers/fake-keys';
import { ServerUnderTest } from '../helpers/lsp-server';
import { DIST } from '../helpers/repo';
import { tempDir } from '../helpers/temp-dir';

describe('language server over stdio: diagnostics', () => {
  let server: ServerUnderTest;
  const uri = 'file:///project/src/app.ts';

  beforeEach(async () => {
    server = await ServerUnderTest.start();
  });
  afterEach(async () => {
    await server.stop();
  });

  it('answers initialize with incremental sync and its name', () => {
    const { capabilities, serverInfo } = server.initializeResult;
    assert.equal(serverInfo?.name, 'secret-safe');
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
  });

  it('publishes a diagnostic on an Anthropic key when the document opens', async () => {
    const key = fake.anthropic();
    await server.open(uri, `const client = new Anthropic({\n  apiKey: '${key}',\n});\n`);
    const [d, ...rest] = await server.diagnostics(uri, ds => ds.length > 0);
    assert.equal(rest.length, 0);
    assert.equal(d.source, 'secret-safe');
    assert.equal(d.code, 'anthropic-api-key');
    assert.equal(d.codeDescription?.href, 'https://github.com/secret-safe/secret-safe/blob/main/docs/rules.md#anthropic-api-key');
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.deepEqual(d.range, { start: { line: 1, character: 11 }, end: { line: 1, character: 11 + key.length } });
    assert.equal(typeof d.message, 'string');
    assert.match(d.message as string, /^Anthropic API key sk-ant-api03-\*\*\*\*.{4} is hardcoded/);
    assert.ok((d.message as string).endsWith('(ANTHROPIC_API_KEY).'));
  });

  it('shows the first thousand keys of a file packed with them, and says how many more there are', async () => {
    const keys = Array.from({ length: 2500 }, () => fake.github());
    await server.open(uri, `export const keys = [\n${keys.map(k => `  '${k}',\n`).join('')}];\n`);
    const ds = await server.diagnostics(uri, ds => ds.length > 0);
    const found = ds.filter(d => d.code === 'github-pat');
    assert.equal(found.length, 1000);
    assert.deepEqual(
      found.map(d => d.range.start.line),
      keys.slice(0, 1000).map((_, i) => i + 1),
    );
    const more = ds.filter(d => d.code === 'more-findings');
    assert.equal(more.length, 1);
    assert.equal(more[0].severity, DiagnosticSeverity.Information);
    assert.equal(more[0].range.start.line, 1001, 'where the first key not shown is');
    assert.match(more[0].message as string, /1,500 more secrets/);
    assert.equal(ds.length, 1001);
  });

  it('explains a key on hover: what it is, why it matters, how to move it out and rotate it, never in full', async () => {
    const key = fake.anthropic();
    const text = `const client = new Anthropic({\n  apiKey: '${key}',\n});\n`;
    await server.open(uri, text);
    await server.diagnostics(uri, ds => ds.length > 0);
    const hover = (await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 20 } })) as Hover;
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /^\*\*Anthropic API key\*\* `sk-ant-api03-\*{4}.{4}` \(anthropic-api-key\)/);
    assert.match(value, /reads `ANTHROPIC_API_KEY` from the environment/);
    assert.match(value, /rotate it:\*\* Leaked: revoke it now.*\[Keys at Anthropic\]\(https:\/\/console\.anthropic\.com\/settings\/keys\)/);
    assert.match(value, /\[Rule documentation\]\(https:\/\/github\.com\/secret-safe\/secret-safe\/blob\/main\/docs\/rules\.md#anthropic-api-key\)$/);
    assert.ok(!value.includes(hiddenPart(key)));
    assert.deepEqual(hover.range, { start: { line: 1, character: 11 }, end: { line: 1, character: 11 + key.length } });
    const elsewhere = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 3 } });
    assert.equal(elsewhere, null);
  });

  it('clears the diagnostic when an edit removes the key', async () => {
    await server.open(uri, `const k = "${fake.openai()}";\n`);
    await server.diagnostics(uri, ds => ds.length === 1);
    const version = await server.change(uri, 'const k = process.env.OPENAI_API_KEY;\n');
    await server.diagnostics(uri, ds => ds.length === 0);
    assert.equal(server.latest(uri)?.version, version);
  });

  it('reports a key typed into an open document', async () => {
    await server.open(uri, 'const k = "";\n');
    await server.diagnostics(uri, ds => ds.length === 0);
    await server.change(uri, `const k = "${fake.github()}";\n`);
    const [d] = await server.diagnostics(uri, ds => ds.length === 1);
    assert.equal(d.code, 'github-pat');
  });

  it('debounces typing and reports only the latest version', async () => {
    const key = fake.anthropic();
    await server.open(uri, '');
    await server.diagnostics(uri);
    const before = server.published.length;
    let version = 1;
    for (let i = 1; i <= key.length; i += 8) {
      version = await server.change(uri, `const k = '${key.slice(0, i)}`);
    }
    version = await server.change(uri, `const k = '${key}';`);
    const [d] = await server.diagnostics(uri, ds => ds.length === 1);
    const runs = server.published.slice(before).filter(p => p.uri === uri);
    assert.equal(server.latest(uri)?.version, version);
    assert.ok(runs.length < version - 1, `expected fewer runs than the ${version - 1} edits, got ${runs.length}`);
    assert.ok(
      runs.every(p => p.version === version || p.diagnostics.length === 0),
      'no stale run reported the key',
    );
    assert.equal(d.range.end.character - d.range.start.character, key.length);
  });

  it('reports a PEM private key across its lines, and a key in YAML, in Python and in plain text', async () => {
    const pem = fake.pem();
    const files: Array<[string, string, string]> = [
      ['file:///p/key.pem', 'plaintext', pem],
      ['file:///p/config.yml', 'yaml', `aws:\n  access_key_id: ${fake.awsKeyId()}\n`],
      ['file:///p/main.py', 'python', `client = OpenAI(api_key="${fake.openai()}")\n`],
      ['untitled:Untitled-1', 'plaintext', `${fake.github()}\n`],
    ];
    for (const [u, languageId, text] of files) {
      await server.open(u, text, languageId);
    }
    const pemDiag = await server.diagnostics('file:///p/key.pem', ds => ds.length === 1);
    assert.deepEqual([pemDiag[0].range.start.line, pemDiag[0].range.end.line], [0, 7]);
    for (const [u] of files.slice(1)) {
      await server.diagnostics(u, ds => ds.length === 1);
    }
  });

  it('clears diagnostics when the document closes', async () => {
    await server.open(uri, `k = "${fake.anthropic()}"`);
    await server.diagnostics(uri, ds => ds.length === 1);
    await server.close(uri);
    await server.diagnostics(uri, ds => ds.length === 0);
  });

  it('never sends a secret in full, in any message', async () => {
    const keys = [fake.anthropic(), fake.openai(), fake.github(), fake.awsKeyId(), fake.pem()];
    await server.open(uri, keys.map((k, i) => `const k${i} = \`${k}\`;`).join('\n'));
    await server.diagnostics(uri, ds => ds.length === keys.length);
    const everything = server.raw;
    for (const key of keys) {
      assert.ok(!everything.includes(key), 'a full secret appeared in server output');
      assert.ok(!everything.includes(hiddenPart(key)), 'a hidden part of a secret appeared in server output');
    }
  });
});

describe('language server over stdio: settings and project config', () => {
  let dir: ReturnType<typeof tempDir>;
  let server: ServerUnderTest | undefined;

  afterEach(async () => {
    await server?.stop();
    dir?.dispose();
  });

  it('reports nothing while secretSafe.enable is false, and reports again when it is turned on', async () => {
    let enable = false;
    server = await ServerUnderTest.start({ settings: () => ({ enable }) });
    const uri = 'file:///p/a.ts';
    await server.open(uri, `k = "${fake.anthropic()}"`);
    await server.diagnostics(uri, ds => ds.length === 0);
    enable = true;
    await server.settingsChanged();
    await server.diagnostics(uri, ds => ds.length === 1);
  });

  it('skips files matched by secretSafe.exclude, relative to the workspace folder', async () => {
    dir = tempDir();
    server = await ServerUnderTest.start({ folder: dir.path, settings: () => ({ exclude: ['fixtures/**'] }) });
    const excluded = pathToFileURL(`${dir.path}/fixtures/a.ts`).href;
    const included = pathToFileURL(`${dir.path}/src/a.ts`).href;
    await server.open(excluded, `k = "${fake.anthropic()}"`);
    await server.open(included, `k = "${fake.anthropic()}"`);
    await server.diagnostics(included, ds => ds.length === 1);
    await server.diagnostics(excluded, ds => ds.length === 0);
  });

  it('honours disabled rules and allowlisted paths in .secret-safe.json', async () => {
    dir = tempDir({ '.secret-safe.json': JSON.stringify({ disabledRules: ['aws-access-key-id'], allowlist: { paths: ['test/**'] } }) });
    server = await ServerUnderTest.start({ folder: dir.path });
    const app = pathToFileURL(`${dir.path}/src/a.ts`).href;
    const test = pathToFileURL(`${dir.path}/test/a.ts`).href;
    await server.open(app, `a = "${fake.awsKeyId()}"\nb = "${fake.anthropic()}"`);
    await server.open(test, `b = "${fake.anthropic()}"`);
    const ds = await server.diagnostics(app, d => d.length > 0);
    assert.deepEqual(
      ds.map(d => d.code),
      ['anthropic-api-key'],
    );
    await server.diagnostics(test, d => d.length === 0);
  });

  it('reports a broken .secret-safe.json on its line, keeps scanning, and clears the problem once fixed', async () => {
    dir = tempDir({
      '.secret-safe.json': '{\n  "disabledRules": ["private-key"],\n  "rules": [{ "id": "acme", "regex": "acme_[a-z]+", "keywords": ["acme_"] }]\n}\n',
    });
    server = await ServerUnderTest.start({ folder: dir.path });
    const configUri = pathToFileURL(`${dir.path}/.secret-safe.json`).href;
    const [problem] = await server.diagnostics(configUri, ds => ds.length === 1);
    assert.equal(problem.range.start.line, 2);
    assert.equal(problem.code, 'config');
    assert.match(problem.message as string, /rule "acme": use bounded quantifiers/);
    const app = pathToFileURL(`${dir.path}/a.ts`).href;
    await server.open(app, `k = "${fake.anthropic()}"`);
    await server.diagnostics(app, ds => ds.length === 1);
    dir.write('.secret-safe.json', '{ "disabledRules": ["private-key"] }\n');
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    await server.diagnostics(configUri, ds => ds.length === 0);
  });

  it('honours the baseline the config names, written by the CLI, even after lines move; re-reads it when it changes', async () => {
    const accepted = fake.anthropic();
    dir = tempDir({ 'src/a.ts': `const k = '${accepted}';\n`, '.secret-safe.json': '{\n  "baseline": ".secret-safe-baseline.json"\n}\n' });
    const written = spawnSync(process.execPath, [join(DIST, 'cli.js'), 'scan', '--write-baseline', '.secret-safe-baseline.json'], {
      cwd: dir.path,
      encoding: 'utf8',
    });
    assert.equal(written.status, 0, written.stderr);
    server = await ServerUnderTest.start({ folder: dir.path });
    const app = pathToFileURL(`${dir.path}/src/a.ts`).href;
    const fresh = fake.openai();
    await server.open(app, `// a header\n\nfunction f() {\n  const k = '${accepted}';\n  const n = '${fresh}';\n}\n`);
    const ds = await server.diagnostics(app, d => d.length > 0);
    assert.deepEqual(
      ds.map(d => [d.range.start.line, d.code]),
      [[4, ds[0].code]],
      'only the new key',
    );
    assert.notEqual(ds[0].code, 'anthropic-api-key');

    // The baseline is emptied: the accepted key is reported again, without reopening the file.
    dir.write('.secret-safe-baseline.json', '{ "version": 1, "findings": [] }\n');
    await server.filesChanged([{ uri: pathToFileURL(`${dir.path}/.secret-safe-baseline.json`).href, type: FileChangeType.Changed }]);
    await server.diagnostics(app, d => d.length === 2);
  });

  it('reports a baseline the config names but that is missing, on the config line', async () => {
    dir = tempDir({ '.secret-safe.json': '{\n  "disabledRules": [],\n  "baseline": "nope.json"\n}\n' });
    server = await ServerUnderTest.start({ folder: dir.path });
    const configUri = pathToFileURL(`${dir.path}/.secret-safe.json`).href;
    const [problem] = await server.diagnostics(configUri, ds => ds.length === 1);
    assert.equal(problem.range.start.line, 2);
    assert.equal(problem.message, 'Secret Safe config: the baseline nope.json does not exist; no finding is accepted');
  });

  it('uses settings pushed with didChangeConfiguration when the client cannot be asked', async () => {
    server = await ServerUnderTest.start({ configuration: false });
    const uri = 'file:///p/a.ts';
    await server.open(uri, `k = "${fake.anthropic()}"`);
    await server.diagnostics(uri, ds => ds.length === 1);
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: { secretSafe: { enable: false } } });
    await server.diagnostics(uri, ds => ds.length === 0);
  });
});
