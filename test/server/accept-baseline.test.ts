import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, CodeActionResolveRequest, FileChangeType, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit } from '../helpers/apply-edit';
import { fake, hiddenPart } from '../helpers/fake-keys';
import { ServerUnderTest } from '../helpers/lsp-server';
import { DIST } from '../helpers/repo';
import { tempDir } from '../helpers/temp-dir';

describe('language server over stdio: Accept in the baseline', () => {
  let dir: ReturnType<typeof tempDir>;
  let server: ServerUnderTest;
  afterEach(async () => {
    await server.stop();
    dir.dispose();
  });

  const cli = (...args: string[]) => spawnSync(process.execPath, [join(DIST, 'cli.js'), 'scan', ...args], { cwd: dir.path, encoding: 'utf8' });

  async function accept(uri: string, diagnostic: Diagnostic): Promise<CodeAction> {
    const list = (await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const action = list.find(a => a.title.startsWith('Accept in the baseline'));
    assert.ok(action, `no Accept action among ${JSON.stringify(list.map(a => a.title))}`);
    return action;
  }

  it('starts a baseline and names it in .secret-safe.json; the editor and the CLI then accept the key, and only that one', async () => {
    const key = fake.anthropic();
    const text = `// keep\nconst k = '${key}';\n`;
    dir = tempDir({ 'src/a.ts': text, '.secret-safe.json': '{\n  // the team\'s\n  "disabledRules": []\n}\n' });
    server = await ServerUnderTest.start({ folder: dir.path });
    const uri = pathToFileURL(join(dir.path, 'src/a.ts')).href;
    await server.open(uri, text);
    const [diagnostic] = await server.diagnostics(uri, ds => ds.length === 1);
    const action = await accept(uri, diagnostic);
    assert.equal(action.title, 'Accept in the baseline (.secret-safe-baseline.json)');
    const resolved = (await server.connection.sendRequest(CodeActionResolveRequest.type, action)) as CodeAction;
    applyWorkspaceEdit(resolved.edit!);

    const config = readFileSync(join(dir.path, '.secret-safe.json'), 'utf8');
    assert.equal(config, '{\n  // the team\'s\n  "disabledRules": [],\n  "baseline": ".secret-safe-baseline.json"\n}\n');
    const baseline = readFileSync(join(dir.path, '.secret-safe-baseline.json'), 'utf8');
    assert.ok(!baseline.includes(hiddenPart(key)), 'the baseline holds the key');
    assert.deepEqual(
      JSON.parse(baseline).findings.map((f: { file: string; ruleId: string }) => [f.file, f.ruleId]),
      [['src/a.ts', 'anthropic-api-key']],
    );

    await server.filesChanged([{ uri: pathToFileURL(join(dir.path, '.secret-safe.json')).href, type: FileChangeType.Changed }]);
    await server.diagnostics(uri, ds => ds.length === 0);
    assert.equal(cli().status, 0, 'the CLI reads the same baseline through the config');

    // Another key in the same file is still reported, in the editor and by the CLI.
    const more = `${text}const other = '${fake.anthropic()}';\n`;
    await server.change(uri, more);
    const [left] = await server.diagnostics(uri, ds => ds.length === 1);
    assert.equal(left.range.start.line, 2);
  });

  it('adds to the baseline the config names, in sorted order, keeping its salt and the entries there', async () => {
    const a = fake.github();
    dir = tempDir({ 'z.ts': `const t = '${a}';\n`, 'a.ts': `const u = '${fake.openai()}';\n`, '.secret-safe.json': '{ "baseline": "ci/accepted.json" }\n' });
    assert.equal(cli('--write-baseline', 'ci/accepted.json', 'z.ts').status, 0);
    const before = JSON.parse(readFileSync(join(dir.path, 'ci/accepted.json'), 'utf8'));
    server = await ServerUnderTest.start({ folder: dir.path });
    const uri = pathToFileURL(join(dir.path, 'a.ts')).href;
    await server.open(uri, readFileSync(join(dir.path, 'a.ts'), 'utf8'));
    const [diagnostic] = await server.diagnostics(uri, ds => ds.length === 1);
    const action = await accept(uri, diagnostic);
    assert.equal(action.title, 'Accept in the baseline (ci/accepted.json)');
    applyWorkspaceEdit(((await server.connection.sendRequest(CodeActionResolveRequest.type, action)) as CodeAction).edit!);
    const after = JSON.parse(readFileSync(join(dir.path, 'ci/accepted.json'), 'utf8'));
    assert.equal(after.salt, before.salt);
    assert.deepEqual(
      after.findings.map((f: { file: string }) => f.file),
      ['../a.ts', '../z.ts'],
    );
    assert.equal(cli().status, 0, 'both accepted');
  });

  it('is unavailable, saying why, when the baseline cannot be read', async () => {
    dir = tempDir({ 'a.ts': `const k = '${fake.anthropic()}';\n`, '.secret-safe.json': '{ "baseline": "b.json" }\n', 'b.json': '{ "findings": ' });
    server = await ServerUnderTest.start({ folder: dir.path });
    const uri = pathToFileURL(join(dir.path, 'a.ts')).href;
    await server.open(uri, readFileSync(join(dir.path, 'a.ts'), 'utf8'));
    const [diagnostic] = await server.diagnostics(uri, ds => ds.length === 1);
    const action = await accept(uri, diagnostic);
    assert.match(action.disabled?.reason ?? '', /^the baseline b\.json is not JSON/);
    assert.equal(readFileSync(join(dir.path, 'b.json'), 'utf8'), '{ "findings": ');
  });
});
