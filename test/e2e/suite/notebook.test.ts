import * as assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { fake, hiddenPart } from '../../helpers/fake-keys';
import { EXTENSION_ID, secretDiagnostics, waitFor, workspaceRoot } from '../helpers';

/** A notebook opened in VS Code's notebook editor: a key in a code cell is flagged in that cell, on its line. */
describe('Jupyter notebooks in VS Code', () => {
  const file = (): string => join(workspaceRoot(), 'analysis.ipynb');
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });
  after(async () => {
    // A closed notebook's cells stay open documents, their diagnostics with them: empty the cell
    // first, so the suites after this one (the Secrets view's) start with nothing reported.
    const notebook = vscode.workspace.notebookDocuments.find(n => n.uri.fsPath === file());
    if (notebook) {
      const cell = notebook.cellAt(1).document;
      const edit = new vscode.WorkspaceEdit();
      edit.replace(cell.uri, new vscode.Range(0, 0, cell.lineCount, 0), '');
      await vscode.workspace.applyEdit(edit);
      await waitFor('the cell no longer flagged', () => (secretDiagnostics(cell.uri).length === 0 ? true : undefined));
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (existsSync(file())) await vscode.workspace.fs.delete(vscode.Uri.file(file()), { useTrash: false });
  });

  it('flags a key in a code cell on its line in that cell, masked', async () => {
    const key = fake.anthropic();
    const cells = [
      { cell_type: 'markdown', metadata: {}, source: ['# Calls the model\n'] },
      {
        cell_type: 'code',
        execution_count: null,
        metadata: {},
        outputs: [],
        source: ['import anthropic\n', `client = anthropic.Anthropic(api_key="${key}")\n`],
      },
    ];
    writeFileSync(
      file(),
      JSON.stringify(
        { cells, metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } }, nbformat: 4, nbformat_minor: 5 },
        null,
        1,
      ),
    );
    const notebook = await vscode.workspace.openNotebookDocument(vscode.Uri.file(file()));
    await vscode.window.showNotebookDocument(notebook);
    const code = notebook.cellAt(1).document;
    assert.equal(code.uri.scheme, 'vscode-notebook-cell');
    const [d] = await waitFor('the key flagged in the cell', () => {
      const found = secretDiagnostics(code.uri);
      return found.length > 0 ? found : undefined;
    });
    assert.equal(d.range.start.line, 1);
    assert.equal(code.getText(d.range), key);
    assert.match(d.message, /^Anthropic API key sk-ant-api03-\*\*\*\*[\w-]{4} is hardcoded/);
    assert.ok(!d.message.includes(hiddenPart(key)));
    assert.deepEqual(secretDiagnostics(notebook.cellAt(0).document.uri), []);
  });
});
