import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { DIAGNOSTIC_SOURCE } from '../shared/protocol';

/**
 * A status bar item: a shield with the number of secrets flagged in open files, or a warning
 * when the language server is not running (then a click restarts it).
 */
export function createStatusItem(client: LanguageClient): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('secretSafe.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Secret Safe';
  const update = (): void => {
    if (client.state !== State.Running) {
      item.text = '$(shield) Secret Safe: stopped';
      item.tooltip = 'The Secret Safe language server is not running. Click to restart it.';
      item.command = 'secretSafe.restartServer';
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      return;
    }
    const count = vscode.languages
      .getDiagnostics()
      .reduce((n, [, diagnostics]) => n + diagnostics.filter(d => d.source === DIAGNOSTIC_SOURCE).length, 0);
    item.text = count === 0 ? '$(shield)' : `$(shield) ${count}`;
    item.tooltip = count === 0 ? 'Secret Safe: no secrets in open files' : `Secret Safe: ${count} hardcoded secret${count === 1 ? '' : 's'} in open files`;
    item.command = 'workbench.actions.view.problems';
    item.backgroundColor = undefined;
  };
  update();
  item.show();
  return vscode.Disposable.from(
    item,
    vscode.languages.onDidChangeDiagnostics(update),
    client.onDidChangeState(update),
  );
}
