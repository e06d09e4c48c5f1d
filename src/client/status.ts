import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { DIAGNOSTIC_SOURCE, DOTENV_CODE_PREFIX, HYGIENE_CODE_PREFIX } from '../shared/protocol';

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
    let secrets = 0;
    let files = 0;
    for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
      for (const d of diagnostics) {
        if (d.source !== DIAGNOSTIC_SOURCE) continue;
        const code = typeof d.code === 'object' ? d.code.value : d.code;
        if (String(code).startsWith(HYGIENE_CODE_PREFIX)) files++;
        else if (code !== 'config' && !String(code).startsWith(DOTENV_CODE_PREFIX)) secrets++;
      }
    }
    const count = secrets + files;
    item.text = count === 0 ? '$(shield)' : `$(shield) ${count}`;
    const parts = [
      ...(secrets ? [`${secrets} hardcoded secret${secrets === 1 ? '' : 's'} in open files`] : []),
      ...(files ? [`${files} secret file${files === 1 ? '' : 's'} committed to git or not ignored`] : []),
    ];
    item.tooltip = count === 0 ? 'Secret Safe: no secrets in open files' : `Secret Safe: ${parts.join(', ')}`;
    item.command = 'workbench.actions.view.problems';
    item.backgroundColor = undefined;
  };
  update();
  item.show();
  return vscode.Disposable.from(item, vscode.languages.onDidChangeDiagnostics(update), client.onDidChangeState(update));
}
