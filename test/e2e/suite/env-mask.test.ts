import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { fake, gen, hiddenPart } from '../../helpers/fake-keys';
import { EXTENSION_ID, recordRenderedTexts, renderedTexts, waitFor, workspaceRoot } from '../helpers';

const settle = (ms = 1500): Promise<void> => new Promise(r => setTimeout(r, ms));

describe('.env values masked in VS Code', () => {
  const key = fake.anthropic();
  const password = `pw-${gen.alnum(18)}`;
  const oldKey = fake.openai();
  const pem = fake.pem();
  /** What must never be on screen, by name: a run from the middle of each value. */
  const values: Record<string, string> = {
    ANTHROPIC_API_KEY: hiddenPart(key),
    DB_PASSWORD: password,
    'the commented-out OPENAI_API_KEY': hiddenPart(oldKey),
    'the PEM body': pem.split('\n')[2],
  };
  /** What the editors show right now. */
  const onScreen = async (name: string): Promise<string[]> => plain(await renderedTexts(name, '.monaco-editor .view-lines'));
  /** Editors render spaces as no-break spaces. */
  const plain = (texts: string[]): string[] => texts.map(t => t.replace(/\u00a0/g, ' '));
  const leaked = (texts: string[]): string[] =>
    Object.entries(values)
      .filter(([, v]) => texts.some(t => t.includes(v)))
      .map(([name]) => name);
  let uri: vscode.Uri;

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    const path = join(workspaceRoot(), 'masking', '.env');
    mkdirSync(join(workspaceRoot(), 'masking'), { recursive: true });
    writeFileSync(
      path,
      [
        '# local settings',
        `ANTHROPIC_API_KEY=${key}`,
        `export DB_PASSWORD='${password}' # rotate monthly`,
        `# OPENAI_API_KEY=${oldKey}`,
        `PRIVATE_KEY="${pem}"`,
        'PORT=3000',
        '',
      ].join('\n'),
    );
    uri = vscode.Uri.file(path);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('never renders a value, from the moment the file opens; commented-out and multi-line values included', async () => {
    const recording = await recordRenderedTexts('env-open');
    await vscode.window.showTextDocument(uri);
    await settle();
    console.log('[screenshot] env-masked');
    await settle(500);
    const texts = plain(await recording.stop());
    assert.ok(
      texts.some(t => t.includes('ANTHROPIC_API_KEY') && t.includes('PORT=')),
      'the editor was recorded, names shown',
    );
    assert.ok(
      texts.some(t => t.includes('# local settings') && t.includes('# rotate monthly')),
      'comments stay visible',
    );
    assert.deepEqual(leaked(texts), [], `rendered in ${texts.length} snapshots`);
  });

  it('does not flash values when switching back to the tab', async () => {
    await vscode.window.showTextDocument(uri);
    await settle(500);
    const other = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'another file' });
    await vscode.window.showTextDocument(other);
    await settle(500);
    const recording = await recordRenderedTexts('env-switch');
    await vscode.window.showTextDocument(uri);
    await settle();
    const texts = plain(await recording.stop());
    assert.ok(
      texts.some(t => t.includes('PORT')),
      'the editor was recorded',
    );
    assert.deepEqual(leaked(texts), []);
  });

  it('reveals one value on demand until the cursor leaves its line, and the hover offers it', async () => {
    const editor = await vscode.window.showTextDocument(uri);
    await settle(500);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(2, 30));
    const hoverText = hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(hoverText, /Value hidden by Secret Safe\. \[Reveal this value\]\(command:secretSafe\.revealEnvValue\?/);
    assert.ok(!hoverText.includes(password), 'the hover does not show the value itself');

    await vscode.commands.executeCommand('secretSafe.revealEnvValue', uri.toString(), 2);
    await settle();
    assert.deepEqual(leaked(await onScreen('env-revealed')), ['DB_PASSWORD'], 'only the revealed value shows');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await settle();
    const after = await onScreen('env-rehidden');
    assert.ok(
      after.some(t => t.includes('DB_PASSWORD')),
      'the editor was read',
    );
    assert.deepEqual(leaked(after), [], 'hidden again once the cursor left the line');
  });

  it('shows every value from the eye in the editor title, in this window only, saying so in the status bar until the eye-closed masks them', async () => {
    await vscode.window.showTextDocument(uri);
    await settle(500);
    // The editor title's icon buttons, by label.
    const labels = (name: string): Promise<string[]> => renderedTexts(name, '.editor-group-container.active .editor-actions .action-label');
    const statusBar = async (name: string): Promise<string> => (await renderedTexts(name, '#workbench\\.parts\\.statusbar')).join(' ');
    assert.ok((await labels('eye-masked')).includes('Show .env Values'), 'the eye offers to show the values');
    assert.doesNotMatch(await statusBar('status-masked'), /\.env values shown/);

    console.log('[click-label] Show .env Values');
    await waitFor('the values shown', async () => (leaked(await onScreen('env-shown')).length === Object.keys(values).length ? true : undefined));
    assert.deepEqual(leaked(await onScreen('env-shown')).sort(), Object.keys(values).sort(), 'every value on screen: the check can see values');
    const inspect = vscode.workspace.getConfiguration('secretSafe').inspect('maskEnvValues');
    assert.deepEqual([inspect?.globalValue, inspect?.workspaceValue, inspect?.workspaceFolderValue], [undefined, undefined, undefined]);
    assert.ok((await labels('eye-shown')).includes('Mask .env Values'), 'the eye-closed offers to mask them');
    await waitFor('the lasting note', async () => (/\.env values shown/.test(await statusBar('status-shown')) ? true : undefined));
    await settle(3500);
    assert.match(await statusBar('status-still'), /\.env values shown/, 'still there after a status message would have gone');

    await vscode.commands.executeCommand('secretSafe.hideEnvValues');
    await settle();
    assert.deepEqual(leaked(await onScreen('env-masked-again')), []);
    await waitFor('the note gone', async () => (/\.env values shown/.test(await statusBar('status-gone')) ? undefined : true));
  });

  it('with maskOnlySecretValues, shows PORT=3000 and keeps every secret masked', async () => {
    const settings = vscode.workspace.getConfiguration('secretSafe');
    await settings.update('maskOnlySecretValues', true, vscode.ConfigurationTarget.Workspace);
    try {
      await vscode.window.showTextDocument(uri);
      await waitFor('PORT=3000 on screen', async () => ((await onScreen('env-port')).some(t => t.includes('PORT=3000')) ? true : undefined));
      assert.deepEqual(leaked(await onScreen('env-only-secrets')), [], 'a secret on screen');
    } finally {
      await settings.update('maskOnlySecretValues', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await settle();
    assert.ok(!(await onScreen('env-all-again')).some(t => t.includes('PORT=3000')), 'every value masked again');
  });

  it('masks both sides of a diff of env files, and shows their names', async () => {
    const other = join(workspaceRoot(), 'masking', '.env.production');
    writeFileSync(other, `ANTHROPIC_API_KEY=${key}\nPORT=8080\n`);
    const recording = await recordRenderedTexts('env-diff');
    await vscode.commands.executeCommand('vscode.diff', vscode.Uri.file(other), uri, '.env.production ↔ .env');
    await settle(2000);
    const texts = plain(await recording.stop());
    const now = await onScreen('env-diff-now');
    assert.ok(now.filter(t => t.includes('ANTHROPIC_API_KEY')).length >= 2, `both sides show their names (${now.length} editors)`);
    assert.deepEqual(leaked(texts), []);
  });
});
