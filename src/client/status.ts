import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { DIAGNOSTIC_SOURCE, DOTENV_CODE_PREFIX, HYGIENE_CODE_PREFIX } from '../shared/protocol';
import { ruleOf } from './diagnostic-code';

/**
 * A status bar item: a shield with the number of secrets Secret Safe reports (open files, and
 * the files the last workspace scan found them in), "starting…" while the language server starts,
 * or a warning when it stopped (then a click restarts it). `secretSafe.showStatusItem` hides it.
 */
export function createStatusItem(client: LanguageClient): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('secretSafe.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Secret Safe';
  // Before the first start the client is "stopped" too: that is not a failure to show in warning colours.
  let phase: 'starting' | 'ran' | 'failed' = 'starting';
  const update = (): void => {
    if (!vscode.workspace.getConfiguration('secretSafe').get<boolean>('showStatusItem', true)) {
      item.hide();
      return;
    }
    item.show();
    if (client.state !== State.Running && phase === 'starting') {
      item.text = '$(sync~spin) Secret Safe: starting…';
      item.tooltip = 'The Secret Safe language server is starting.';
      item.command = undefined;
      item.backgroundColor = undefined;
      return;
    }
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
        const code = ruleOf(d);
        if (code.startsWith(HYGIENE_CODE_PREFIX)) files++;
        else if (code !== 'config' && !code.startsWith(DOTENV_CODE_PREFIX)) secrets++;
      }
    }
    const count = secrets + files;
    item.text = count === 0 ? '$(shield)' : `$(shield) ${count}`;
    const parts = [
      ...(secrets ? [`${secrets} hardcoded secret${secrets === 1 ? '' : 's'}`] : []),
      ...(files ? [`${files} secret file${files === 1 ? '' : 's'} committed to git or not ignored`] : []),
    ];
    // Open files, and the files a workspace scan reported: both are in the Problems panel.
    item.tooltip = count === 0 ? 'Secret Safe: no secrets found' : `Secret Safe: ${parts.join(', ')} (see Problems)`;
    item.command = 'workbench.actions.view.problems';
    item.backgroundColor = undefined;
  };
  update();
  return vscode.Disposable.from(
    item,
    vscode.languages.onDidChangeDiagnostics(update),
    client.onDidChangeState(({ oldState, newState }) => {
      if (newState === State.Running) phase = 'ran';
      else if (oldState === State.Starting && newState === State.Stopped && phase === 'starting') phase = 'failed';
      update();
    }),
    vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration('secretSafe.showStatusItem')) update();
    }),
  );
}
