import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { fake, hiddenPart } from '../../helpers/fake-keys';
import { EXTENSION_ID, secretDiagnostics, waitFor, workspaceRoot } from '../helpers';

/**
 * A key pasted into `.vscode/mcp.json`, fixed the way VS Code itself keeps MCP secrets: an input it
 * asks for when the server starts, stored in its secret storage. In the real host: the lightbulb's
 * preferred fix, applied as one edit, undone as one.
 */
/** A diagnostic's code: VS Code gives it with its docs link, `{ value, target }`. */
const codeOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code);

describe('.vscode/mcp.json in VS Code', () => {
  const folder = (): string => join(workspaceRoot(), '.vscode');
  const file = (): string => join(folder(), 'mcp.json');
  let hadFolder = false;
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    hadFolder = existsSync(folder());
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const made = vscode.Uri.file(hadFolder ? file() : folder());
    if (existsSync(made.fsPath)) await vscode.workspace.fs.delete(made, { recursive: true, useTrash: false });
  });

  it('turns the key into ${input:…} with a password prompt, as one undoable edit', async () => {
    const token = fake.github();
    const config = `{\n  "servers": {\n    "github": {\n      "command": "npx",\n      "args": ["-y", "@modelcontextprotocol/server-github"],\n      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${token}" }\n    }\n  }\n}\n`;
    mkdirSync(join(workspaceRoot(), '.vscode'), { recursive: true });
    writeFileSync(file(), config);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file()));
    await vscode.window.showTextDocument(document);
    const diagnostic = await waitFor('the key flagged', () => secretDiagnostics(document.uri).find(d => codeOf(d) === 'github-pat'));
    assert.ok(!diagnostic.message.includes(hiddenPart(token)));
    const actions = await waitFor('the quick fixes', async () => {
      const list = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        diagnostic.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      return list?.some(a => a.isPreferred) ? list : undefined;
    });
    const [preferred] = actions.filter(a => a.isPreferred);
    assert.equal(preferred.title, "Ask for it when the server starts: ${input:github-personal-access-token}, kept in VS Code's secret storage");
    assert.ok(await vscode.workspace.applyEdit(preferred.edit!));
    const fixed = document.getText();
    assert.equal(
      fixed,
      config
        .replace(token, '${input:github-personal-access-token}')
        .replace(
          /\n\}\n$/,
          ',\n  "inputs": [\n    {\n      "type": "promptString",\n      "id": "github-personal-access-token",\n      "description": "GitHub personal access token for the github MCP server",\n      "password": true\n    }\n  ]\n}\n',
        ),
    );
    assert.deepEqual(Object.keys(JSON.parse(fixed)), ['servers', 'inputs']);
    await waitFor('the key no longer flagged', () => (secretDiagnostics(document.uri).length === 0 ? true : undefined));
    // One undo gives the file back as it was.
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), config);
  });
});
