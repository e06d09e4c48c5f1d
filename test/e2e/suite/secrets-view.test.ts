import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fake, hiddenPart } from '../../helpers/fake-keys';
import { EXTENSION_ID, renderedTexts, secretDiagnostics, waitFor } from '../helpers';

describe('the Secrets view in VS Code', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('lists a pasted-into untitled file first, as Untitled-N, never by its first line (the key)', async () => {
    // VS Code names an untitled file after its first line: here the key itself.
    const key = fake.openai();
    const document = await vscode.workspace.openTextDocument({ content: `${key}\nconst client = new OpenAI();\n`, language: 'plaintext' });
    await vscode.window.showTextDocument(document);
    await waitFor('the key flagged in the untitled file', () => (secretDiagnostics(document.uri).length > 0 ? true : undefined));
    // Untitled files come first in the view (it renders only the rows in sight, and other suites'
    // files have findings too).
    await vscode.commands.executeCommand('secretSafe.secrets.focus');
    let seen: string[] = [];
    const rows = await waitFor('the untitled file in the Secrets view', async () => {
      seen = await renderedTexts('secrets-view', '.pane:has(> .pane-header:has-text("Secrets")) .monaco-list-row');
      return seen.some(r => r.startsWith(document.uri.path)) ? seen : undefined;
    }).catch((e: Error) => {
      console.log('[screenshot] secrets-view');
      // Rows that show any of the key are named, not quoted.
      throw new Error(`${e.message}; its rows: ${JSON.stringify(seen.map(r => (r.includes(key.slice(0, 12)) ? '<a row showing the key>' : r)))}`);
    });
    assert.match(document.uri.path, /^Untitled-\d+$/);
    assert.ok(
      rows.every(row => !row.includes(hiddenPart(key)) && !row.includes(key.slice(0, 12))),
      'a row of the Secrets view shows the key',
    );
  });
});
