import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { gen } from '../../helpers/fake-keys';
import { EXTENSION_ID, renderedTexts, waitFor, workspaceRoot } from '../helpers';
import { dayFromToday } from '../../helpers/dates';

const day = dayFromToday;

describe('the Keys view in VS Code', () => {
  const folder = () => join(workspaceRoot(), 'keys-demo');
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(folder(), { recursive: true, force: true });
  });

  it('lists each key with its environments, owner and problems, and records a rotation when a value changes', async () => {
    mkdirSync(folder(), { recursive: true });
    const template = `# @owner payments @purpose card charges @rotate 30d @rotated ${day(-40)}\nDEMO_PAYMENTS_SECRET=\n`;
    writeFileSync(join(folder(), '.env.example'), template);
    writeFileSync(join(folder(), '.env'), `DEMO_PAYMENTS_SECRET=${gen.alnum(32)}\nDEMO_UNUSED_FLAG=on\n`);
    writeFileSync(join(folder(), 'pay.ts'), 'export const secret = process.env.DEMO_PAYMENTS_SECRET;\n');

    await vscode.commands.executeCommand('secretSafe.keys.focus');
    await vscode.commands.executeCommand('secretSafe.refreshKeys');
    const rows = await waitFor('the Keys view rows', async () => {
      await vscode.commands.executeCommand('secretSafe.refreshKeys');
      const all = await renderedTexts('keys-view', '.pane:has(> .pane-header:has-text("Keys")) .monaco-list-row');
      return all.some(r => r.startsWith('DEMO_PAYMENTS_SECRET')) && all.some(r => r.startsWith('DEMO_UNUSED_FLAG')) ? all : undefined;
    });
    const payments = rows.find(r => r.startsWith('DEMO_PAYMENTS_SECRET'))!;
    assert.match(payments, /^DEMO_PAYMENTS_SECRETkeys-demo · development · owner payments · rotation-overdue$/);
    assert.match(rows.find(r => r.startsWith('DEMO_UNUSED_FLAG'))!, /· unused · undocumented$/);

    // The user rotates the key: a new value in .env, saved in the editor. Secret Safe offers to record it.
    const env = await vscode.workspace.openTextDocument(join(folder(), '.env'));
    await vscode.window.showTextDocument(env);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(env.uri, new vscode.Range(0, 'DEMO_PAYMENTS_SECRET='.length, 0, env.lineAt(0).text.length), gen.alnum(32));
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await env.save());
    // The host runs with the smoke-test driver, which keeps notifications out of toasts: open the list.
    await vscode.commands.executeCommand('notifications.showList');
    console.log('[click] Record Rotation Today');
    const example = vscode.Uri.file(join(folder(), '.env.example'));
    const recorded = await waitFor('@rotated set to today in .env.example', () => {
      const open = vscode.workspace.textDocuments.find(d => d.uri.fsPath === example.fsPath);
      return open?.getText().includes(`@rotated ${day(0)}`) ? open : undefined;
    });
    assert.equal(recorded.getText(), template.replace(day(-40), day(0)), 'only the date changed');
    assert.ok(await recorded.save());
    assert.equal(readFileSync(example.fsPath, 'utf8'), template.replace(day(-40), day(0)));

    // Saved, the view says it is no longer overdue.
    await waitFor('the row without rotation-overdue', async () => {
      await vscode.commands.executeCommand('secretSafe.refreshKeys');
      const all = await renderedTexts('keys-view-after', '.pane:has(> .pane-header:has-text("Keys")) .monaco-list-row');
      const row = all.find(r => r.startsWith('DEMO_PAYMENTS_SECRET'));
      return row && !row.includes('rotation-overdue') ? row : undefined;
    });
  });
});
