import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { fake, hiddenPart } from '../../helpers/fake-keys';
import { EXTENSION_ID, diagnosticsCount, openNewFile, secretDiagnostics, waitFor, workspaceRoot } from '../helpers';

describe('Secret Safe in VS Code', () => {
  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    await extension.activate();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('contributes its commands under the Secret Safe category', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('secretSafe.restartServer'));
    assert.ok(commands.includes('secretSafe.showOutput'));
  });

  it('flags an Anthropic key in a TypeScript file, on the key, with a masked message and a docs link', async () => {
    const key = fake.anthropic();
    const document = await openNewFile(
      'src/anthropic.ts',
      `import Anthropic from '@anthropic-ai/sdk';\n\nconst client = new Anthropic({ apiKey: '${key}' });\n`,
    );
    const [d] = await diagnosticsCount(document.uri, 1);
    assert.equal(document.getText(d.range), key);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    const code = d.code as { value: string; target: vscode.Uri };
    assert.equal(code.value, 'anthropic-api-key');
    assert.equal(code.target.toString(true), 'https://github.com/secret-safe/secret-safe/blob/main/docs/rules.md#anthropic-api-key');
    assert.match(d.message, /^Anthropic API key sk-ant-api03-\*\*\*\*/);
    assert.ok(!d.message.includes(hiddenPart(key)));
  });

  it('flags keys in Python, YAML, shell, JSON and a PEM file alike', async () => {
    const files: Array<[string, string, string]> = [
      ['app/main.py', `client = OpenAI(api_key="${fake.openai()}")\n`, 'openai-api-key'],
      ['deploy/values.yaml', `aws:\n  accessKeyId: ${fake.awsKeyId()}\n`, 'aws-access-key-id'],
      ['scripts/release.sh', `#!/bin/sh\nexport GITHUB_TOKEN=${fake.github()}\n`, 'github-pat'],
      ['config/settings.json', `{ "token": "${fake.github()}" }\n`, 'github-pat'],
      ['certs/server.key', `${fake.pem()}\n`, 'private-key'],
    ];
    for (const [path, content, rule] of files) {
      const document = await openNewFile(path, content);
      const [d] = await diagnosticsCount(document.uri, 1);
      assert.equal((d.code as { value: string }).value, rule, path);
    }
  });

  it('flags a key typed into an untitled file and clears it when the key is deleted', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'token: ' });
    const editor = await vscode.window.showTextDocument(document);
    await diagnosticsCount(document.uri, 0);
    const key = fake.github();
    await editor.edit(b => b.insert(document.positionAt(document.getText().length), key));
    const [d] = await diagnosticsCount(document.uri, 1);
    assert.equal(document.getText(d.range), key);
    await editor.edit(b => b.delete(d.range));
    await diagnosticsCount(document.uri, 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('clears its diagnostics when secretSafe.enable is turned off, and restores them when turned on', async () => {
    const document = await openNewFile('src/toggle.ts', `export const token = '${fake.github()}';\n`);
    await diagnosticsCount(document.uri, 1);
    const config = vscode.workspace.getConfiguration('secretSafe');
    await config.update('enable', false, vscode.ConfigurationTarget.Workspace);
    try {
      await diagnosticsCount(document.uri, 0);
    } finally {
      await config.update('enable', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnosticsCount(document.uri, 1);
  });

  it('does not flag files matched by secretSafe.exclude', async () => {
    const config = vscode.workspace.getConfiguration('secretSafe');
    await config.update('exclude', ['**/fixtures/**'], vscode.ConfigurationTarget.Workspace);
    try {
      const excluded = await openNewFile('test/fixtures/key.ts', `k = '${fake.anthropic()}'\n`);
      const included = await openNewFile('src/key.ts', `k = '${fake.anthropic()}'\n`);
      await diagnosticsCount(included.uri, 1);
      assert.deepEqual(secretDiagnostics(excluded.uri), []);
    } finally {
      await config.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('reports again after "Secret Safe: Restart Language Server"', async () => {
    const document = await openNewFile('src/restart.ts', `const k = '${fake.openai()}';\n`);
    await diagnosticsCount(document.uri, 1);
    await vscode.commands.executeCommand('secretSafe.restartServer');
    // The command resolves once the new server runs; it must report the open file and new ones.
    await waitFor('diagnostics after restart', () => (secretDiagnostics(document.uri).length === 1 ? true : undefined), 30_000);
    const opened = await openNewFile('src/after-restart.ts', `const k = '${fake.anthropic()}';\n`);
    await diagnosticsCount(opened.uri, 1);
  });
});

describe('.secret-safe.json in VS Code', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(join(workspaceRoot(), '.secret-safe.json'), { force: true });
  });

  it('is validated against the contributed schema, and its problems are reported on their lines', async () => {
    const document = await openNewFile(
      '.secret-safe.json',
      '{\n  // rules for this repo\n  "disabledRule": ["generic-secret"],\n  "rules": [{ "id": "acme", "regex": "acme_[a-z]+", "keywords": ["acme_"] }]\n}\n',
    );
    assert.equal(document.languageId, 'jsonc');
    // The JSON language service applies our schema: the misspelt field is flagged.
    const schemaProblem = await waitFor('a schema diagnostic', () =>
      vscode.languages.getDiagnostics(document.uri).find(d => d.source !== 'secret-safe' && /disabledRule/.test(d.message + document.getText(d.range))),
    );
    assert.equal(schemaProblem.range.start.line, 2);
    // The server reads the file from disk and names both problems with their lines.
    const ours = await waitFor('config diagnostics', () => {
      const ds = secretDiagnostics(document.uri);
      return ds.length === 2 ? ds : undefined;
    });
    assert.deepEqual(ours.map(d => d.range.start.line).sort(), [2, 3]);
    assert.ok(ours.some(d => /use bounded quantifiers/.test(d.message)));
  });
});
