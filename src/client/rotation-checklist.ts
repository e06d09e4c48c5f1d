import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { type ChecklistItem, RotationChecklistRequest } from '../shared/protocol';

const STATE_KEY = 'secretSafe.rotatedKeys';

type Item = vscode.QuickPickItem & { key: ChecklistItem };

/**
 * "Secret Safe: Rotation Checklist": every secret the git history holds, with where it came in,
 * whether HEAD still holds it, and its provider's page; ticked off as each is rotated. The ticks
 * are kept in the workspace's storage, by a hash of the rule, masked value and path.
 */
export async function rotationChecklist(context: vscode.ExtensionContext, client: LanguageClient): Promise<void> {
  const answer = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Secret Safe: reading the git history…' }, () =>
    client.sendRequest(RotationChecklistRequest),
  );
  if (!answer.trusted) {
    void vscode.window.showInformationMessage('Secret Safe reads the git history only in a trusted workspace: it runs git.');
    return;
  }
  if (answer.items.length === 0) {
    void vscode.window.showInformationMessage('Secret Safe: no secret in the git history. Nothing to rotate.');
    return;
  }
  const done = new Set(context.workspaceState.get<string[]>(STATE_KEY) ?? []);
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = `Rotation Checklist: ${answer.items.length} key${answer.items.length === 1 ? '' : 's'} in the git history`;
  pick.placeholder = 'Tick each key once rotated; the arrow opens its provider page';
  pick.canSelectMany = true;
  pick.matchOnDescription = true;
  const openPage = { iconPath: new vscode.ThemeIcon('link-external'), tooltip: "Open the provider's page for its keys" };
  const openFile = { iconPath: new vscode.ThemeIcon('go-to-file'), tooltip: 'Open where it came in' };
  pick.items = answer.items.map(key => ({
    key,
    label: key.masked,
    description: `${key.ruleId} · ${key.relativePath}:${key.line + 1}`,
    detail: `first committed in ${key.commit.slice(0, 7)} on ${key.date.slice(0, 10)}${key.inHead ? ', still in HEAD' : ''} · ${key.page ?? key.note}`,
    buttons: key.page ? [openPage, openFile] : [openFile],
  }));
  pick.selectedItems = pick.items.filter(i => done.has(i.key.id));
  pick.onDidTriggerItemButton(({ item, button }) => {
    if (button === openPage && item.key.page) void vscode.env.openExternal(vscode.Uri.parse(item.key.page));
    else void vscode.window.showTextDocument(vscode.Uri.parse(item.key.uri), { selection: new vscode.Range(item.key.line, 0, item.key.line, 0) });
  });
  await new Promise<void>(resolve => {
    pick.onDidAccept(async () => {
      const ids = new Set(answer.items.map(i => i.id));
      const kept = [...done].filter(id => !ids.has(id)); // ticks of keys in other repositories
      await context.workspaceState.update(STATE_KEY, [...kept, ...pick.selectedItems.map(i => i.key.id)]);
      void vscode.window.setStatusBarMessage(`Secret Safe: ${pick.selectedItems.length} of ${answer.items.length} keys rotated`, 5000);
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve();
    });
    pick.show();
  });
}
