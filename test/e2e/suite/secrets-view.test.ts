import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as dotenv from 'dotenv';
import * as vscode from 'vscode';
import { fake, hiddenPart } from '../../helpers/fake-keys';
import { EXTENSION_ID, diagnosticsCount, openNewFile, renderedTexts, secretDiagnostics, waitFor, workspaceRoot } from '../helpers';

/** This suite's own project folder: the .env the Move writes is its own. */
// First by path among the files other suites leave with findings: the view renders only the rows in sight.
const PROJECT = 'a-secrets-view-app';
const SECRETS_ROWS = '.pane:has(> .pane-header:has-text("Secrets")) .monaco-list-row';

describe('the Secrets view in VS Code', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.saveAll(false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const project = vscode.Uri.file(join(workspaceRoot(), PROJECT));
    if (existsSync(project.fsPath)) await vscode.workspace.fs.delete(project, { recursive: true, useTrash: false });
  });

  it('lists a pasted-into untitled file first, as Untitled-N, never by its first line (the key)', async () => {
    // VS Code names an untitled file after its first line: here the key itself.
    const key = fake.openai();
    const document = await vscode.workspace.openTextDocument({ content: `${key}\nconst client = new OpenAI();\n`, language: 'plaintext' });
    await vscode.window.showTextDocument(document);
    await waitFor('the key flagged in the untitled file', () => (secretDiagnostics(document.uri).length > 0 ? true : undefined));
    // Untitled files come first in the view (it renders only the rows in sight, and other suites'
    // files have findings too).
    await vscode.commands.executeCommand('secretSafe.secrets.focus');
    let seen: string[] = [];
    const rows = await waitFor('the untitled file in the Secrets view', async () => {
      seen = await renderedTexts('secrets-view', '.pane:has(> .pane-header:has-text("Secrets")) .monaco-list-row');
      return seen.some(r => r.startsWith(document.uri.path)) ? seen : undefined;
    }).catch((e: Error) => {
      console.log('[screenshot] secrets-view');
      // Rows that show any of the key are named, not quoted.
      throw new Error(`${e.message}; its rows: ${JSON.stringify(seen.map(r => (r.includes(key.slice(0, 12)) ? '<a row showing the key>' : r)))}`);
    });
    assert.match(document.uri.path, /^Untitled-\d+$/);
    // The tab is VS Code's: it is named after the first line unless the user says otherwise. Secret
    // Safe offers to; accepted, the tab shows Untitled-N.
    await vscode.commands.executeCommand('notifications.showList');
    console.log('[click] Name Tabs Untitled-N');
    const labelFormat = (): string | undefined => vscode.workspace.getConfiguration().get<string>('workbench.editor.untitled.labelFormat');
    try {
      await waitFor('tabs named by name', () => (labelFormat() === 'name' ? true : undefined));
      const tabs = await waitFor('the tab renamed', async () => {
        const labels = await renderedTexts('tabs', '.tabs-container .tab .label-name');
        return labels.some(l => /^Untitled-\d+$/.test(l)) ? labels : undefined;
      });
      assert.ok(
        tabs.every(t => !t.includes(key.slice(0, 12))),
        'a tab shows the key',
      );
    } finally {
      await vscode.commands.executeCommand('notifications.hideList');
      await vscode.workspace.getConfiguration().update('workbench.editor.untitled.labelFormat', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.ok(
      rows.every(row => !row.includes(hiddenPart(key)) && !row.includes(key.slice(0, 12))),
      'a row of the Secrets view shows the key',
    );
  });

  it("a finding's context menu: Copy Masked Value, Ignore… with a reason and an end date typed, Move to .env", async () => {
    // A repository of its own, so the .env the move writes is this suite's alone.
    mkdirSync(join(workspaceRoot(), PROJECT, '.git'), { recursive: true });
    writeFileSync(join(workspaceRoot(), PROJECT, 'package.json'), '{ "name": "secrets-view-app", "private": true }\n');
    const anthropic = fake.anthropic();
    const github = fake.github();
    const document = await openNewFile(`${PROJECT}/src/clients.ts`, `export const anthropicKey = '${anthropic}';\nexport const githubToken = '${github}';\n`);
    const [first, second] = (await diagnosticsCount(document.uri, 2)).sort((a, b) => a.range.start.line - b.range.start.line);
    const node = (diagnostic: vscode.Diagnostic) => ({ kind: 'finding', uri: document.uri, diagnostic });

    // The menu a person opens on a finding's row.
    await vscode.commands.executeCommand('secretSafe.secrets.focus');
    await waitFor('the finding rows', async () => ((await renderedTexts('rows', SECRETS_ROWS)).some(r => r.includes('github-pat')) ? true : undefined));
    console.log(`[rightclick] ${SECRETS_ROWS}:has-text("github-pat")`);
    const menu = await waitFor('the context menu', async () => {
      const items = await renderedTexts('menu', '.context-view .action-label');
      return items.some(i => i.includes('Copy Masked Value')) ? items : undefined;
    });
    console.log('[press] Escape anywhere');
    // The driver presses Escape when it reads that line: a press that came after the reason box
    // below had opened would close the box instead (the menu is gone first, or the steps race).
    await waitFor('the context menu closed', async () => ((await renderedTexts('menu-closed', '.context-view .action-label')).length === 0 ? true : undefined));
    for (const item of ['Move to .env', 'Ignore…', 'Open Rule Documentation', 'Copy Masked Value']) {
      assert.ok(
        menu.some(i => i.trim() === item),
        `the menu shows ${item}: ${JSON.stringify(menu)}`,
      );
    }

    await vscode.commands.executeCommand('secretSafe.secrets.copyMaskedValue', node(first));
    const copied = await vscode.env.clipboard.readText();
    assert.match(copied, /^sk-ant-api03-\*{4}/);
    assert.ok(!copied.includes(hiddenPart(anthropic)), 'the clipboard holds the key');

    // Ignore…: a reason typed, then "For 90 days" chosen from the list.
    const ignoring = vscode.commands.executeCommand('secretSafe.secrets.ignore', node(second));
    await waitFor('the reason box', async () =>
      (await renderedTexts('reason', '.quick-input-widget .quick-input-title')).some(t => t.includes('(1/2)')) ? true : undefined,
    );
    // Typed once the box has the focus, as a person would see the caret there first.
    await waitFor('the quick input focused', async () =>
      (await renderedTexts('input-focus', '.quick-input-widget input:focus')).length === 1 ? true : undefined,
    );
    console.log('[type] test fixture for the CI bot');
    await waitFor('the reason typed', async () =>
      (await renderedTexts('reason-typed', '.quick-input-widget input')).includes('test fixture for the CI bot') ? true : undefined,
    );
    console.log('[press] Enter anywhere');
    await waitFor('the end-date list', async () =>
      (await renderedTexts('until', '.quick-input-widget .monaco-list-row')).some(r => r.startsWith('For 90 days')) ? true : undefined,
    );
    // Typed once the box has the focus, as a person would see the caret there first.
    await waitFor('the quick input focused', async () =>
      (await renderedTexts('input-focus', '.quick-input-widget input:focus')).length === 1 ? true : undefined,
    );
    console.log('[type] 90 days');
    await waitFor('the list filtered', async () => {
      const rows = await renderedTexts('until-typed', '.quick-input-widget .monaco-list-row');
      return rows.length === 1 && rows[0].startsWith('For 90 days') ? true : undefined;
    });
    console.log('[press] Enter anywhere');
    await ignoring;
    const until = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    await waitFor('the comment', () => (document.getText().includes('secret-safe-ignore-next-line') ? true : undefined));
    assert.equal(document.getText().split('\n')[1], `// secret-safe-ignore-next-line github-pat until ${until} -- test fixture for the CI bot`);
    await diagnosticsCount(document.uri, 1);

    // Move to .env, from the menu: the code reads the variable, the value is in .env.
    await vscode.commands.executeCommand('secretSafe.secrets.moveToEnv', node(secretDiagnostics(document.uri)[0]));
    await waitFor('the code rewritten', () => (document.getText().includes('process.env.ANTHROPIC') ? true : undefined));
    await vscode.workspace.saveAll(false);
    // Created, then saved by VS Code (files.refactoring.autoSave): wait for the value on disk.
    await waitFor('the key in .env', () => {
      const file = join(workspaceRoot(), PROJECT, '.env');
      return existsSync(file) && Object.values(dotenv.parse(readFileSync(file, 'utf8'))).includes(anthropic) ? true : undefined;
    });
    await diagnosticsCount(document.uri, 0);
  });
});
