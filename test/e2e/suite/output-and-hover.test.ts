import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { fake, hiddenPart } from '../../helpers/fake-keys';
import { EXTENSION_ID, diagnosticsCount, openNewFile, renderedTexts, waitFor, workspaceRoot } from '../helpers';

/** The "Secret Safe" output channel as VS Code wrote it to its log folder (what Show Output shows). */
function outputChannelText(): string {
  const logs = join(dirname(process.env.SECRET_SAFE_E2E_RESULTS ?? ''), 'ud', 'logs');
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : []) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/Secret Safe\.log$/.test(entry.name) && !entry.name.includes('Trace')) found.push(readFileSync(path, 'utf8'));
    }
  };
  walk(logs);
  return found.join('\n');
}

describe('Show Output, the hover, per-rule severity and the status item in VS Code', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const folder = vscode.Uri.file(join(workspaceRoot(), 'output-demo'));
    if (existsSync(folder.fsPath)) await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
  });

  it('Show Output shows the start-up line and each scan summary, never a key', async () => {
    const key = fake.anthropic();
    await openNewFile('output-demo/keys.ts', `export const k = '${key}';\n`);
    await vscode.commands.executeCommand('secretSafe.scanWorkspace');
    await vscode.commands.executeCommand('secretSafe.showOutput');
    const logged = await waitFor('the scan summary in the channel', () => {
      const text = outputChannelText();
      return /Scan Workspace done: \d+ files scanned/.test(text) ? text : undefined;
    });
    assert.match(logged, /Secret Safe \d+\.\d+\.\d+: \d{3,} built-in rules; workspace trusted/);
    assert.ok(!logged.includes(hiddenPart(key)), 'a key in the output channel');
    // And on screen, in the Output panel that Show Output opened.
    const shown = await waitFor('the Output panel showing it', async () => {
      const lines = (await renderedTexts('output', '.part.panel .monaco-editor .view-lines')).join('\n').replace(/\u00a0/g, ' ');
      return lines.includes('Scan Workspace done') ? lines : undefined;
    });
    assert.ok(!shown.includes(hiddenPart(key)));
  });

  it('the hover explains the key: what it is, why it matters, how to rotate it, masked', async () => {
    const key = fake.openai();
    const document = await openNewFile('output-demo/hover.py', `client = OpenAI(api_key="${key}")\n`);
    const editor = await vscode.window.showTextDocument(document);
    const [diagnostic] = await diagnosticsCount(document.uri, 1);
    editor.selection = new vscode.Selection(diagnostic.range.start.translate(0, 4), diagnostic.range.start.translate(0, 4));
    const hover = await waitFor('the hover rendered', async () => {
      await vscode.commands.executeCommand('editor.action.showHover');
      const texts = (await renderedTexts('hover', '.monaco-hover')).join('\n');
      return texts.includes('rotate') ? texts : undefined;
    });
    assert.match(hover, /OpenAI API key/);
    assert.match(hover, /sk-proj-\*{4}/, 'the whole public prefix kept in the mask');
    assert.match(hover, /OPENAI_API_KEY/);
    assert.match(hover, /Rule documentation/);
    assert.ok(!hover.includes(hiddenPart(key)), 'the hover shows the key');
  });

  it('secretSafe.rules.customizations changes a rule’s severity in this editor', async () => {
    const document = await openNewFile('output-demo/custom.ts', `export const k = '${fake.anthropic()}';\n`);
    const [before] = await diagnosticsCount(document.uri, 1);
    assert.equal(before.severity, vscode.DiagnosticSeverity.Error);
    const settings = vscode.workspace.getConfiguration('secretSafe');
    await settings.update('rules.customizations', [{ rule: 'anthropic-*', severity: 'info' }], vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('the finding as information', () => {
        const [d] = vscode.languages.getDiagnostics(document.uri).filter(x => x.source === 'secret-safe');
        return d?.severity === vscode.DiagnosticSeverity.Information ? true : undefined;
      });
    } finally {
      await settings.update('rules.customizations', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('back to an error', () => {
      const [d] = vscode.languages.getDiagnostics(document.uri).filter(x => x.source === 'secret-safe');
      return d?.severity === vscode.DiagnosticSeverity.Error ? true : undefined;
    });
  });

  it('secretSafe.showStatusItem hides the shield from the status bar, and shows it again', async () => {
    const shield = (name: string): Promise<string[]> => renderedTexts(name, '#workbench\\.parts\\.statusbar [id$="secretSafe.status"]');
    await waitFor('the shield', async () => ((await shield('shield-on')).length === 1 ? true : undefined));
    const settings = vscode.workspace.getConfiguration('secretSafe');
    await settings.update('showStatusItem', false, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('the shield gone', async () => ((await shield('shield-off')).length === 0 ? true : undefined));
    } finally {
      await settings.update('showStatusItem', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('the shield back', async () => ((await shield('shield-back')).length === 1 ? true : undefined));
  });
});
