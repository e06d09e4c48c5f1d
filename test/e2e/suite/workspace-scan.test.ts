import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { fillBusyFolder } from '../../helpers/busy-folder';
import { fake, hiddenPart } from '../../helpers/fake-keys';
import { EXTENSION_ID, renderedTexts, secretDiagnostics, waitFor, workspaceRoot } from '../helpers';

interface Result {
  findings: number;
  filesWithFindings: number;
  cancelled: boolean;
}

describe('Scan Workspace in VS Code', () => {
  const written = ['scan-me/server.ts', 'scan-me/deep/config.yaml'];
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(join(workspaceRoot(), 'scan-me'), { recursive: true, force: true });
    // Scanning again clears the findings of the files just removed.
    await vscode.commands.executeCommand('secretSafe.scanWorkspace');
  });

  it('reports secrets in files that are not open, in the Problems panel and the Secrets view', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Other suites' files may still be open with findings (VS Code keeps documents for a while after
    // their editors close), and their rows would scroll these out of the view. Like a user who
    // wants one folder's findings, the test excludes every other folder while it runs.
    const settings = vscode.workspace.getConfiguration('secretSafe');
    await settings.update('exclude', ['@(!(scan-me))/**'], vscode.ConfigurationTarget.Workspace);
    try {
      await scanAndShow();
    } finally {
      await settings.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  async function scanAndShow(): Promise<void> {
    // Empty, the Secrets view says what it shows and offers the scan.
    await vscode.commands.executeCommand('secretSafe.secrets.focus');
    const welcome = await waitFor('the welcome text', async () => {
      const [text] = await renderedTexts('secrets-welcome', '.pane:has(> .pane-header:has-text("Secrets")) .welcome-view-content');
      return text?.includes('Scan Workspace') ? text : undefined;
    });
    assert.match(welcome, /^No hardcoded secret in the files checked so far\./);

    const keys = [fake.anthropic(), fake.openai()];
    const texts = [`export const key = '${keys[0]}';\n`, `openai:\n  api_key: ${keys[1]}\n`];
    written.forEach((rel, i) => {
      const file = join(workspaceRoot(), rel);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, texts[i]);
    });
    const uris = written.map(rel => vscode.Uri.file(join(workspaceRoot(), rel)));
    assert.deepEqual(
      uris.map(u => secretDiagnostics(u).length),
      [0, 0],
      'nothing known before the scan',
    );

    const result = await vscode.commands.executeCommand<Result>('secretSafe.scanWorkspace');
    assert.equal(result.cancelled, false);
    assert.equal(result.findings, 2, 'the two files of scan-me, nothing excluded');
    const [d] = await waitFor('the finding on the closed file', () => (secretDiagnostics(uris[0]).length === 1 ? secretDiagnostics(uris[0]) : undefined));
    assert.equal(String(d.code && typeof d.code === 'object' ? d.code.value : d.code), 'anthropic-api-key');
    assert.equal(d.range.start.line, 0);
    await waitFor('the finding in the YAML file', () => (secretDiagnostics(uris[1]).length === 1 ? true : undefined));
    assert.ok(
      vscode.workspace.textDocuments.every(doc => !uris.some(u => u.fsPath === doc.uri.fsPath)),
      'neither file was opened',
    );

    // The Secrets view lists them by file, then finding, masked.
    await vscode.commands.executeCommand('secretSafe.secrets.focus');
    const rows = await waitFor('the Secrets view rows', async () => {
      const all = await renderedTexts('secrets-view', '.pane:has(> .pane-header:has-text("Secrets")) .monaco-list-row');
      return all.some(r => r.includes('server.ts')) && all.some(r => r.includes('config.yaml')) ? all : undefined;
    });
    const joined = rows.join('\n');
    assert.ok(!rows.some(r => r.startsWith('README.md')), `only the Secrets view's rows: ${rows.length}`);
    // A file row (name, folder, count), then its findings (masked message, rule, line).
    const server = rows.findIndex(r => r.startsWith('server.ts'));
    assert.match(rows[server], /^server\.tsscan-me · 1$/);
    assert.match(rows[server + 1], /^Anthropic API key sk-ant-api03-\*+.{4} is hardcoded; .*anthropic-api-key · line 1$/);
    const config = rows.findIndex(r => r.startsWith('config.yaml'));
    assert.ok(config >= 0 && config < server, 'sorted by path: scan-me/deep/config.yaml first');
    for (const key of keys) assert.ok(!joined.includes(hiddenPart(key)), 'masked in the view');

    // A click on a finding opens its file with the secret selected.
    console.log('[click-row] Anthropic API key sk-ant-api03-');
    const editor = await waitFor('the file opened from the view', () =>
      vscode.window.activeTextEditor?.document.uri.fsPath === uris[0].fsPath ? vscode.window.activeTextEditor : undefined,
    );
    assert.deepEqual([editor.selection.start.line, editor.selection.start.character, editor.selection.end.character], [0, 20, 20 + keys[0].length]);
  }

  it('stops when the user clicks Cancel on the progress notification, and says how far it got', async () => {
    // Enough work (about 10 s on a 2-core machine) that no machine finishes before the click.
    const many = join(workspaceRoot(), 'scan-many');
    const count = 8_000;
    fillBusyFolder(many, count);
    try {
      const pending = Promise.resolve(vscode.commands.executeCommand<Result & { filesScanned: number }>('secretSafe.scanWorkspace'));
      await new Promise(r => setTimeout(r, 300));
      await vscode.commands.executeCommand('notifications.showList');
      console.log('[click] Cancel');
      const result = await pending;
      assert.equal(result.cancelled, true, `the scan ended first (${result.filesScanned} files)`);
      assert.ok(result.filesScanned < count, `stopped early: ${result.filesScanned} files scanned`);
      const summary = await waitFor('the summary', async () =>
        (await renderedTexts('scan-cancelled', '.notifications-list-container .notification-list-item-message')).find(t => t.includes('scan cancelled')),
      );
      assert.match(summary, /^Secret Safe: scan cancelled\. So far, .*\([\d,]+ files scanned in [\d.]+ s/);
    } finally {
      rmSync(many, { recursive: true, force: true });
      await vscode.commands.executeCommand('notifications.clearAll');
    }
  });
});
