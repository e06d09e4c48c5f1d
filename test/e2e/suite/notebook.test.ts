import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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

  it("flags a key in a cell's saved output on that cell, and the quick fix clears the output; saved, the file holds no key", async () => {
    const key = fake.openai();
    const path = join(workspaceRoot(), 'outputs.ipynb');
    const cells = [
      {
        cell_type: 'code',
        execution_count: 1,
        metadata: { tags: ['debug'] },
        outputs: [{ name: 'stdout', output_type: 'stream', text: [`using key ${key}\n`] }],
        source: ['import os\n', 'print("using key", os.environ["OPENAI_API_KEY"])\n'],
      },
      {
        cell_type: 'code',
        execution_count: 2,
        metadata: {},
        outputs: [{ data: { 'text/plain': ['42'] }, execution_count: 2, metadata: {}, output_type: 'execute_result' }],
        source: ['6 * 7\n'],
      },
    ];
    writeFileSync(
      path,
      JSON.stringify(
        { cells, metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } }, nbformat: 4, nbformat_minor: 5 },
        null,
        1,
      ),
    );
    try {
      const notebook = await vscode.workspace.openNotebookDocument(vscode.Uri.file(path));
      await vscode.window.showNotebookDocument(notebook);
      const cell = notebook.cellAt(0).document;
      const source = cell.getText();
      const [d] = await waitFor('the output flagged on its cell', () => {
        const found = secretDiagnostics(cell.uri);
        return found.length > 0 ? found : undefined;
      });
      assert.equal(d.range.start.line, 0);
      assert.match(d.message, /^This cell's output shows OpenAI API key sk-proj-\*{4}/);
      assert.ok(!d.message.includes(hiddenPart(key)));
      assert.deepEqual(secretDiagnostics(notebook.cellAt(1).document.uri), [], 'the other output is clean');

      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        cell.uri,
        d.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const clear = actions.find(a => a.title === "Clear this cell's output");
      assert.ok(clear?.command, JSON.stringify(actions.map(a => a.title)));
      assert.equal(await vscode.commands.executeCommand(clear.command.command, ...(clear.command.arguments ?? [])), true);
      assert.equal(notebook.cellAt(0).outputs.length, 0);
      assert.equal(notebook.cellAt(0).document.getText(), source, 'the code as it was');
      assert.deepEqual(notebook.cellAt(0).metadata.tags ?? notebook.cellAt(0).metadata.metadata?.tags, ['debug'], 'the cell keeps its metadata');
      assert.equal(notebook.cellAt(1).outputs.length, 1, 'other cells keep theirs');
      await waitFor('the finding gone', () =>
        vscode.languages.getDiagnostics().every(([, ds]) => !ds.some(x => x.message.startsWith("This cell's output"))) ? true : undefined,
      );
      await notebook.save();
      const saved = readFileSync(path, 'utf8');
      assert.ok(!saved.includes(hiddenPart(key)), 'the saved notebook holds the key');
      assert.ok(saved.includes('"42"'));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      if (existsSync(path)) await vscode.workspace.fs.delete(vscode.Uri.file(path), { useTrash: false });
    }
  });
});
