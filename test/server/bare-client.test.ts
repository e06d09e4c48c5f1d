import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, type CodeAction, type Command, ExecuteCommandRequest, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit } from '../helpers/apply-edit';
import { fake, hiddenPart } from '../helpers/fake-keys';
import { ServerUnderTest } from '../helpers/lsp-server';
import { tempDir } from '../helpers/temp-dir';

// Issue 21: the server must not lean on what only VS Code does. A client that advertises no
// capability at all (no workspace/configuration, no dynamic registration, no work-done progress,
// no code action resolve, no literal code actions) still gets diagnostics with the value masked
// and a Move to .env it can apply, and is never sent a request it did not offer to answer.
describe('language server over stdio: a client with no capabilities', () => {
  let dir: ReturnType<typeof tempDir>;
  let server: ServerUnderTest;
  afterEach(async () => {
    await server.stop();
    dir.dispose();
  });

  it('gets masked diagnostics and a Move to .env it can apply, and no request it did not offer', async () => {
    dir = tempDir({ 'package.json': '{ "name": "app", "scripts": { "start": "node --env-file=.env index.js" } }\n', '.gitignore': 'node_modules/\n' });
    server = await ServerUnderTest.start({ folder: dir.path, bare: true });
    const key = fake.anthropic();
    const text = `const apiKey = '${key}';\n`;
    const file = dir.write('index.js', text);
    const uri = pathToFileURL(file).href;
    await server.open(uri, text, 'javascript');
    const diagnostics = await server.diagnostics(uri, ds => ds.length > 0);
    assert.equal(diagnostics[0].source, 'secret-safe');
    assert.equal(diagnostics[0].code, 'anthropic-api-key');
    assert.ok(!String(diagnostics[0].message).includes(hiddenPart(key)));

    const result = ((await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics },
    })) ?? []) as Array<CodeAction | Command>;
    const move = result.find(a => /^Move to \.env as ANTHROPIC_API_KEY$/.test(a.title));
    assert.ok(move, `offered: ${result.map(a => a.title).join(' | ')}`);
    // Applied the way such a client can: the edit the action carries, or its command, which has
    // the server send the edit back with workspace/applyEdit.
    const action = move as CodeAction & Command;
    const command = typeof action.command === 'string' ? (action as Command) : action.command;
    if (action.edit) applyWorkspaceEdit(action.edit as WorkspaceEdit);
    if (command) {
      await server.connection.sendRequest(ExecuteCommandRequest.type, { command: command.command, arguments: command.arguments });
      for (const edit of server.appliedEdits) applyWorkspaceEdit(edit);
    }
    assert.ok(readFileSync(file, 'utf8').includes('process.env.ANTHROPIC_API_KEY'), 'the literal became the env read');
    assert.ok(readFileSync(join(dir.path, '.env'), 'utf8').includes(key), 'the value went to .env');

    assert.deepEqual(server.requested, [], 'no configuration, registration or progress request');
  });
});
