import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as dotenv from 'dotenv';
import { CodeActionRequest, CodeActionResolveRequest, ExecuteCommandRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit } from '../helpers/apply-edit';
import { fake } from '../helpers/fake-keys';
import { ServerUnderTest } from '../helpers/lsp-server';
import { tempDir } from '../helpers/temp-dir';

describe('language server over stdio: Move to .env', () => {
  let dir: ReturnType<typeof tempDir>;
  let server: ServerUnderTest;

  async function openWithSecret(rel: string, text: string, languageId = 'typescript'): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const file = dir.write(rel, text);
    const uri = pathToFileURL(file).href;
    await server.open(uri, text, languageId);
    const diagnostics = await server.diagnostics(uri, ds => ds.length > 0);
    return { uri, diagnostics };
  }

  async function actions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const result = await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics, ...(only ? { only } : {}) },
    });
    return (result ?? []) as CodeAction[];
  }

  const read = (rel: string): string => readFileSync(join(dir.path, rel), 'utf8');

  beforeEach(async () => {
    // The project loads .env already (Node's --env-file): the move adds no loader here; the tests
    // of the loader it adds are in the loader's own suite and in test/runs.
    dir = tempDir({ 'package.json': '{ "name": "app", "scripts": { "start": "node --env-file=.env dist/index.js" } }\n', '.gitignore': 'node_modules/\n' });
    mkdirSync(join(dir.path, '.git'));
    // As VS Code's client: it registers the commands that ask for a name or a reason.
    server = await ServerUnderTest.start({ folder: dir.path, clientCommands: true });
  });
  afterEach(async () => {
    await server.stop();
    dir.dispose();
  });

  it('offers the preferred "Move to .env as NAME", "Move to .env as…", "Ignore…" and the source action', async () => {
    const { uri, diagnostics } = await openWithSecret('src/client.ts', `export const apiKey = '${fake.anthropic()}';\n`);
    const list = await actions(uri, diagnostics);
    assert.deepEqual(
      list.map(a => [a.title, a.kind, a.isPreferred ?? false]),
      [
        ['Move to .env as ANTHROPIC_API_KEY', 'quickfix', true],
        ['Move to .env as…', 'quickfix', false],
        ['Ignore this secret on this line…', 'quickfix', false],
        ['Ignore anthropic-api-key in this file…', 'quickfix', false],
        ['Accept in the baseline (.secret-safe-baseline.json)', 'quickfix', false],
        ['Move all secrets in this file to .env', 'source.secretSafe.moveAllToEnv', false],
      ],
    );
    assert.equal(list[0].edit, undefined, 'the edit comes with codeAction/resolve');
    assert.deepEqual(list[1].command?.arguments?.[0].name, 'ANTHROPIC_API_KEY');
  });

  it('resolves the move into one edit: the code, a new .env and .env.example, and .env in .gitignore', async () => {
    const key = fake.anthropic();
    const { uri, diagnostics } = await openWithSecret('src/client.ts', `export const apiKey = '${key}';\n`);
    const [move] = await actions(uri, diagnostics);
    const resolved = (await server.connection.sendRequest(CodeActionResolveRequest.type, move)) as CodeAction;
    const kinds = resolved.edit!.documentChanges!.map(c =>
      'textDocument' in c ? `edit ${c.textDocument.uri.split('/').pop()}` : c.kind === 'create' ? `create ${c.uri.split('/').pop()}` : c.kind,
    );
    // Creations come first: VS Code then undoes the whole edit, creations included, in one step.
    assert.deepEqual(kinds, ['create .env', 'create .env.example', 'edit client.ts', 'edit .env', 'edit .env.example', 'edit .gitignore']);
    const code = applyWorkspaceEdit(resolved.edit!, new Map([[uri, `export const apiKey = '${key}';\n`]]));
    assert.equal(code.get(uri), 'export const apiKey = process.env.ANTHROPIC_API_KEY!;\n');
    assert.equal(dotenv.parse(read('.env')).ANTHROPIC_API_KEY, key);
    assert.equal(read('.env.example'), 'ANTHROPIC_API_KEY=your-anthropic-api-key-here\n');
    assert.equal(read('.gitignore'), 'node_modules/\n.env\n');
  });

  it('edits an open .env with unsaved changes at its version, keeping them', async () => {
    dir.write('.env', '# on disk\n');
    const envUri = pathToFileURL(join(dir.path, '.env')).href;
    await server.open(envUri, '# unsaved: edited in the editor\nOTHER=1\n', 'dotenv');
    const key = fake.openai();
    const { uri, diagnostics } = await openWithSecret('src/a.ts', `const openaiKey = "${key}";\n`);
    const [move] = await actions(uri, diagnostics);
    const resolved = (await server.connection.sendRequest(CodeActionResolveRequest.type, move)) as CodeAction;
    const envEdit = resolved.edit!.documentChanges!.find(c => !('kind' in c) && c.textDocument.uri === envUri);
    assert.ok(envEdit && !('kind' in envEdit));
    assert.equal(envEdit.textDocument.version, 1, 'the open document, at its version');
    const after = applyWorkspaceEdit(
      resolved.edit!,
      new Map([
        [envUri, '# unsaved: edited in the editor\nOTHER=1\n'],
        [uri, `const openaiKey = "${key}";\n`],
      ]),
    );
    assert.match(after.get(envUri)!, /^# unsaved: edited in the editor\nOTHER=1\nOPENAI_KEY='sk-proj-[^']+'\n$/);
  });

  it('keeps a BOM, CRLF line endings and a missing final newline in files on disk', async () => {
    dir.write('.env', '\uFEFF# local\r\nA=1');
    dir.write('.gitignore', 'node_modules/\r\n');
    const key = fake.anthropic();
    const { uri, diagnostics } = await openWithSecret('src/a.ts', `const apiKey = '${key}';\n`);
    const [move] = await actions(uri, diagnostics);
    const resolved = (await server.connection.sendRequest(CodeActionResolveRequest.type, move)) as CodeAction;
    applyWorkspaceEdit(resolved.edit!, new Map([[uri, `const apiKey = '${key}';\n`]]));
    assert.match(read('.env'), /^\uFEFF# local\r\nA=1\r\nANTHROPIC_API_KEY='sk-ant-api03-[\w-]+'$/);
    assert.equal(read('.gitignore'), 'node_modules/\r\n.env\r\n');
  });

  it('gives the edit inline to a client without codeAction/resolve', async () => {
    await server.stop();
    server = await ServerUnderTest.start({ folder: dir.path, resolveSupport: false });
    const { uri, diagnostics } = await openWithSecret('src/a.ts', `const k = '${fake.anthropic()}';\n`);
    const [move] = await actions(uri, diagnostics);
    assert.ok(move.edit?.documentChanges?.length);
  });

  it('moves under the name the user typed, through workspace/executeCommand and workspace/applyEdit', async () => {
    const key = fake.github();
    const { uri, diagnostics } = await openWithSecret('deploy.py', `token = "${key}"\n`, 'python');
    const asNamed = (await actions(uri, diagnostics)).find(a => a.title === 'Move to .env as…')!;
    const result = await server.connection.sendRequest(ExecuteCommandRequest.type, {
      command: 'secretSafe.applyMoveToEnv',
      arguments: [{ ...asNamed.command!.arguments![0], name: 'DEPLOY_BOT_TOKEN' }],
    });
    assert.deepEqual(result, { applied: true });
    const after = applyWorkspaceEdit(server.appliedEdits[0], new Map([[uri, `token = "${key}"\n`]]));
    assert.equal(after.get(uri), 'import os\n\ntoken = os.environ["DEPLOY_BOT_TOKEN"]\n');
    assert.equal(dotenv.parse(read('.env')).DEPLOY_BOT_TOKEN, key);
  });

  it('refuses a typed name that .env holds with another value, and says why', async () => {
    dir.write('.env', 'TAKEN=something-else\n');
    const { uri, diagnostics } = await openWithSecret('a.ts', `const k = '${fake.anthropic()}';\n`);
    const [move] = await actions(uri, diagnostics);
    const result = await server.connection.sendRequest(ExecuteCommandRequest.type, {
      command: 'secretSafe.applyMoveToEnv',
      arguments: [{ ...(move.data as { move: object }).move, name: 'TAKEN' }],
    });
    assert.deepEqual(result, { applied: false });
    await waitUntil(() => server.messages.length > 0);
    assert.match(server.messages[0], /cannot move to \.env: \.env already holds TAKEN with another value/);
  });

  it('offers to move a connection string whole or only its password', async () => {
    const { uri, diagnostics } = await openWithSecret('db.ts', `export const url = "postgres://app:${'Zx9q'.repeat(5)}@db.acme.internal:5432/orders";\n`);
    const titles = (await actions(uri, diagnostics)).map(a => a.title);
    assert.deepEqual(titles.slice(0, 3), [
      'Move the connection string to .env as DATABASE_URL',
      'Move to .env as…',
      'Move only the password to .env as DATABASE_PASSWORD',
    ]);
  });

  it("inserts a suppression comment in the file's comment syntax, on the line above, indented alike, with the reason and end date asked", async () => {
    const text = `db:\n  password: ${'Zx9!q'.repeat(3)}\n`;
    const { uri, diagnostics } = await openWithSecret('config.yml', text, 'yaml');
    const ignore = (await actions(uri, diagnostics)).find(a => a.title === 'Ignore this secret on this line…')!;
    assert.equal(ignore.command?.command, 'secretSafe.ignore', 'VS Code asks first');
    const result = await server.connection.sendRequest(ExecuteCommandRequest.type, {
      command: 'secretSafe.applyIgnore',
      arguments: [{ ...ignore.command!.arguments![0], reason: 'local test\ndatabase', until: '2027-03-31' }],
    });
    assert.deepEqual(result, { applied: true });
    const after = applyWorkspaceEdit(server.appliedEdits[0], new Map([[uri, text]]));
    assert.equal(
      after.get(uri),
      `db:\n  # secret-safe-ignore-next-line generic-secret until 2027-03-31 -- local test database\n  password: ${'Zx9!q'.repeat(3)}\n`,
    );
  });

  it('ignores nothing when the secret moved while the user typed the reason, and says so', async () => {
    const text = `const k = '${fake.anthropic()}';\n`;
    const { uri, diagnostics } = await openWithSecret('a.ts', text);
    const ignore = (await actions(uri, diagnostics)).find(a => a.title === 'Ignore this secret on this line…')!;
    await server.change(uri, `\n${text}`);
    const result = await server.connection.sendRequest(ExecuteCommandRequest.type, { command: 'secretSafe.applyIgnore', arguments: ignore.command!.arguments });
    assert.deepEqual(result, { applied: false });
    await waitUntil(() => server.messages.length > 0);
    assert.match(server.messages[0], /no longer where it was; nothing was ignored/);
  });

  it('gives any other client the comments as edits, the file-wide one after a #! line and an encoding line, and no "Move to .env as…"', async () => {
    await server.stop();
    server = await ServerUnderTest.start({ folder: dir.path });
    const text = `#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nimport os\n\ntoken = "${fake.github()}"\n`;
    const { uri, diagnostics } = await openWithSecret('deploy.py', text, 'python');
    const list = await actions(uri, diagnostics);
    assert.deepEqual(
      list.filter(a => a.kind === 'quickfix').map(a => a.title),
      [
        'Move to .env as GITHUB_TOKEN (python-dotenv is not among the project’s dependencies, so nothing loads .env)',
        'Ignore this secret on this line',
        'Ignore github-pat in this file',
        'Accept in the baseline (.secret-safe-baseline.json)',
      ],
    );
    const fileWide = list.find(a => a.title === 'Ignore github-pat in this file')!;
    const after = applyWorkspaceEdit(fileWide.edit!, new Map([[uri, text]])).get(uri)!;
    assert.equal(after.split('\n').slice(0, 4).join('\n'), '#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n# secret-safe-ignore-file github-pat\nimport os');
    await server.change(uri, after);
    await server.diagnostics(uri, ds => ds.length === 0);
  });

  it('moves every secret of a file with the source action, each under its own name', async () => {
    const text = `export const anthropicKey = '${fake.anthropic()}';\nexport const openaiKey = "${fake.openai()}";\n`;
    const { uri } = await openWithSecret('keys.ts', text);
    const list = await actions(uri, [], ['source']);
    assert.deepEqual(
      list.map(a => a.title),
      ['Move all secrets in this file to .env'],
    );
    const resolved = (await server.connection.sendRequest(CodeActionResolveRequest.type, list[0])) as CodeAction;
    const after = applyWorkspaceEdit(resolved.edit!, new Map([[uri, text]]));
    assert.equal(after.get(uri), 'export const anthropicKey = process.env.ANTHROPIC_KEY!;\nexport const openaiKey = process.env.OPENAI_KEY!;\n');
    assert.deepEqual(Object.keys(dotenv.parse(read('.env'))), ['ANTHROPIC_KEY', 'OPENAI_KEY']);
    assert.equal(read('.gitignore'), 'node_modules/\n.env\n');
  });

  it('offers moving every secret of the file in the quick-fix menu (Ctrl+.) too, when there are several', async () => {
    const text = `export const a = '${fake.anthropic()}';\nexport const b = "${fake.openai()}";\n`;
    const { uri, diagnostics } = await openWithSecret('two.ts', text);
    const quick = await actions(uri, diagnostics.slice(0, 1), ['quickfix']);
    const all = quick.find(a => a.title === 'Move all 2 secrets in this file to .env');
    assert.ok(all, quick.map(a => a.title).join(', '));
    assert.equal(all.kind, 'quickfix');
    const resolved = (await server.connection.sendRequest(CodeActionResolveRequest.type, all)) as CodeAction;
    const after = applyWorkspaceEdit(resolved.edit!, new Map([[uri, text]]));
    assert.equal(after.get(uri), 'export const a = process.env.ANTHROPIC_API_KEY!;\nexport const b = process.env.OPENAI_API_KEY!;\n');
  });

  it('reports no secret diagnostics in a .env file: that is where secrets belong', async () => {
    const file = dir.write('.env.local', `OPENAI_API_KEY=${fake.openai()}\n`);
    const uri = pathToFileURL(file).href;
    await server.open(uri, readFileSync(file, 'utf8'), 'dotenv');
    await server.diagnostics(uri, ds => ds.length === 0);
    // Another file in dotenv syntax is no .env git hygiene watches over: its keys are findings.
    const other = dir.write('deploy/prod.env', `OPENAI_API_KEY=${fake.openai()}\n`);
    await server.open(pathToFileURL(other).href, readFileSync(other, 'utf8'), 'dotenv');
    const ds = await server.diagnostics(pathToFileURL(other).href, list => list.some(x => x.code === 'openai-api-key'));
    assert.equal(ds.find(x => x.code === 'openai-api-key')?.severity, 1, 'an error');
  });
});

async function waitUntil(probe: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise(r => setTimeout(r, 50));
  }
}
