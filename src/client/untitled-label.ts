import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../shared/protocol';

const LABEL_FORMAT = 'workbench.editor.untitled.labelFormat';
const DECLINED = 'secretSafe.untitledLabelDeclined';
export const NAME_TABS = 'Name Tabs Untitled-N';

/**
 * VS Code names an untitled file's tab after its first line (`workbench.editor.untitled.labelFormat`
 * is `content` by default): a key pasted on that line shows in the tab, in Open Editors and in the
 * window title, where a screen share sees it. An extension cannot rename a tab, so the first time a
 * key is flagged on an untitled file's first line, Secret Safe offers to name untitled tabs by
 * their name (Untitled-1) instead, once per file; the user's choice is kept, and after "Not Now"
 * it is not asked again.
 */
export function watchUntitledLabels(context: vscode.ExtensionContext): vscode.Disposable {
  // Asked once per untitled file: a notification closed unanswered is asked again for the next one.
  const asked = new Set<string>();
  return vscode.languages.onDidChangeDiagnostics(({ uris }) => {
    if (context.globalState.get<boolean>(DECLINED)) return;
    const exposed = uris.filter(
      uri =>
        uri.scheme === 'untitled' &&
        !asked.has(uri.toString()) &&
        vscode.languages
          .getDiagnostics(uri)
          .some(d => d.source === DIAGNOSTIC_SOURCE && d.range.start.line === 0 && d.severity === vscode.DiagnosticSeverity.Error),
    );
    if (exposed.length === 0 || vscode.workspace.getConfiguration().get<string>(LABEL_FORMAT) !== 'content') return;
    for (const uri of exposed) asked.add(uri.toString());
    void vscode.window
      .showWarningMessage(
        "Secret Safe: this untitled file's tab is named after its first line, which holds a key: the tab, Open Editors and the window title show it. Name untitled tabs Untitled-N instead?",
        NAME_TABS,
        'Not Now',
      )
      .then(async choice => {
        if (choice === NAME_TABS) await vscode.workspace.getConfiguration().update(LABEL_FORMAT, 'name', vscode.ConfigurationTarget.Global);
        else if (choice === 'Not Now') await context.globalState.update(DECLINED, true);
      });
  });
}
