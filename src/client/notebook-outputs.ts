import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DIAGNOSTIC_SOURCE, ScanOutputsRequest } from '../shared/protocol';

/** The output kinds that hold text a person (or a notebook viewer) reads. */
const TEXT_MIMES = new Set([
  'text/plain',
  'text/html',
  'text/markdown',
  'application/json',
  'application/vnd.code.notebook.stdout',
  'application/vnd.code.notebook.stderr',
  'application/vnd.code.notebook.error',
]);
export const CLEAR_OUTPUT_TITLE = "Clear this cell's output";
const CLEAR_OUTPUT_COMMAND = 'secretSafe.clearCellOutput';

/** Clears one cell's outputs: the cell again, as it is, without them, in one undoable edit. */
async function clearCellOutput(cellUri: string): Promise<boolean> {
  for (const notebook of vscode.workspace.notebookDocuments) {
    const cell = notebook.getCells().find(c => c.document.uri.toString() === cellUri);
    if (!cell) continue;
    const data = new vscode.NotebookCellData(cell.kind, cell.document.getText(), cell.document.languageId);
    data.metadata = cell.metadata;
    if (cell.executionSummary) data.executionSummary = cell.executionSummary;
    data.outputs = [];
    const edit = new vscode.WorkspaceEdit();
    edit.set(notebook.uri, [vscode.NotebookEdit.replaceCells(new vscode.NotebookRange(cell.index, cell.index + 1), [data])]);
    return vscode.workspace.applyEdit(edit);
  }
  return false;
}

/**
 * Secrets in a notebook's saved cell outputs: a `print(api_key)` run once keeps the key in the
 * `.ipynb` file, where no text document shows it. Each open notebook's outputs are scanned by the
 * server (the notebook's project rules) and a finding is shown on its cell's first line, in the
 * Problems panel too, with the quick fix "Clear this cell's output". The CLI reports the same
 * outputs at their line in the file's JSON.
 */
export function watchNotebookOutputs(client: LanguageClient): vscode.Disposable {
  const diagnostics = vscode.languages.createDiagnosticCollection('secret-safe-outputs');
  const timers = new Map<string, NodeJS.Timeout>();
  /** The cells of each notebook given findings last time: a cell replaced or deleted since loses them. */
  const flagged = new Map<string, Set<string>>();
  const check = async (notebook: vscode.NotebookDocument): Promise<void> => {
    const cells = notebook.getCells().filter(c => c.kind === vscode.NotebookCellKind.Code);
    const texts = cells.map(c =>
      c.outputs
        .flatMap(o => o.items)
        .filter(i => TEXT_MIMES.has(i.mime))
        .map(i => new TextDecoder().decode(i.data))
        .join('\n'),
    );
    const found = texts.some(t => t !== '') ? await client.sendRequest(ScanOutputsRequest, { uri: notebook.uri.toString(), texts }) : texts.map(() => []);
    const now = new Set(cells.filter((_, i) => (found[i] ?? []).length > 0).map(c => c.document.uri.toString()));
    for (const uri of flagged.get(notebook.uri.toString()) ?? []) if (!now.has(uri)) diagnostics.delete(vscode.Uri.parse(uri));
    flagged.set(notebook.uri.toString(), now);
    cells.forEach((cell, i) => {
      const line = cell.document.lineAt(0).range;
      diagnostics.set(
        cell.document.uri,
        (found[i] ?? []).map(f => {
          const d = new vscode.Diagnostic(line, f.message, f.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
          d.source = DIAGNOSTIC_SOURCE;
          d.code = { value: f.ruleId, target: vscode.Uri.parse(f.docs) };
          return d;
        }),
      );
    });
  };
  const schedule = (notebook: vscode.NotebookDocument, delay = 300): void => {
    const key = notebook.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => void check(notebook).catch(() => {}), delay),
    );
  };
  vscode.workspace.notebookDocuments.forEach(n => schedule(n, 0));
  return vscode.Disposable.from(
    diagnostics,
    vscode.workspace.onDidOpenNotebookDocument(n => schedule(n, 0)),
    vscode.workspace.onDidChangeNotebookDocument(e => {
      if (e.cellChanges.some(c => c.outputs !== undefined) || e.contentChanges.length > 0) schedule(e.notebook);
    }),
    vscode.workspace.onDidCloseNotebookDocument(n => {
      for (const uri of flagged.get(n.uri.toString()) ?? []) diagnostics.delete(vscode.Uri.parse(uri));
      flagged.delete(n.uri.toString());
    }),
    vscode.languages.registerCodeActionsProvider(
      { scheme: 'vscode-notebook-cell' },
      {
        provideCodeActions(document, _range, context) {
          const ours = context.diagnostics.filter(d => (diagnostics.get(document.uri) ?? []).includes(d));
          if (ours.length === 0) return [];
          const action = new vscode.CodeAction(CLEAR_OUTPUT_TITLE, vscode.CodeActionKind.QuickFix);
          action.diagnostics = ours;
          // A command, not an edit: a notebook edit does not travel in a code action's edit.
          action.command = { title: CLEAR_OUTPUT_TITLE, command: CLEAR_OUTPUT_COMMAND, arguments: [document.uri.toString()] };
          action.isPreferred = true;
          return [action];
        },
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
    vscode.commands.registerCommand(CLEAR_OUTPUT_COMMAND, clearCellOutput),
    { dispose: () => timers.forEach(t => clearTimeout(t)) },
  );
}
