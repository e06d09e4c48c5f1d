import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as dotenv from 'dotenv';
import * as vscode from 'vscode';
import { fake } from '../../helpers/fake-keys';
import { EXTENSION_ID, diagnosticsCount, openNewFile, renderedTexts, waitFor, workspaceRoot } from '../helpers';

/**
 * The suite's project: a repository of its own inside the workspace, so the .env, .env.example and
 * .gitignore the fix writes are this suite's files alone. Another suite's .gitignore, edited and
 * deleted through VS Code, keeps an undo history that would make VS Code refuse this suite's
 * multi-file undo, whichever order the suites run in.
 */
const PROJECT = 'llm-app';
const read = (rel: string): string | undefined => {
  const file = join(workspaceRoot(), PROJECT, rel);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
};

describe('Move to .env in VS Code', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });
  beforeEach(() => {
    mkdirSync(join(workspaceRoot(), PROJECT, '.git'), { recursive: true });
    writeFileSync(join(workspaceRoot(), PROJECT, 'package.json'), '{ "name": "llm-app", "private": true }\n');
  });
  afterEach(async () => {
    // Saved first, then deleted through VS Code, so the editor forgets them too: a text model still
    // being saved when its file was deleted under it wrote .env.example back ("Unable to resolve
    // nonexistent file"), and the git-hygiene suite then saw drift against it.
    await vscode.workspace.saveAll(false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const project = vscode.Uri.file(join(workspaceRoot(), PROJECT));
    if (existsSync(project.fsPath)) await vscode.workspace.fs.delete(project, { recursive: true, useTrash: false });
  });

  it('offers the preferred quick fix; applying it rewrites the code, writes .env, .env.example and .gitignore, loads .env, and npm start still runs; one undo restores all', async () => {
    const key = fake.anthropic();
    // A real program: npm start runs it, and it prints a hash of its key (never the key).
    writeFileSync(join(workspaceRoot(), PROJECT, 'package.json'), '{ "name": "llm-app", "private": true, "scripts": { "start": "node src/llm.js" } }\n');
    const original = `const { createHash } = require('node:crypto');\n\nconst apiKey = '${key}';\nconsole.log(createHash('sha256').update(apiKey).digest('hex'));\n`;
    const document = await openNewFile(`${PROJECT}/src/llm.js`, original);
    const npmStart = (): string => {
      const env = { ...process.env };
      delete env.ANTHROPIC_API_KEY;
      const run = spawnSync('npm', ['start', '--silent'], { cwd: join(workspaceRoot(), PROJECT), env, encoding: 'utf8' });
      assert.equal(run.status, 0, `npm start failed: ${(run.stderr ?? '').replaceAll(key, '<key>').slice(-800)}`);
      return run.stdout.trim();
    };
    const before = npmStart();
    assert.equal(before, createHash('sha256').update(key).digest('hex'));
    const editor = await vscode.window.showTextDocument(document);
    const [diagnostic] = await diagnosticsCount(document.uri, 1);

    // The lightbulb's list, as the editor asks for it (diagnostics reach the marker service a moment later).
    const actions = await waitFor('the quick fixes', async () => {
      const list = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        diagnostic.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      return list?.some(a => a.title.startsWith('Move to .env as')) ? list : undefined;
    });
    const preferred = actions.filter(a => a.isPreferred);
    // The title says what the fix adds so the program still gets the key: nothing else loads .env here.
    assert.deepEqual(
      preferred.map(a => a.title),
      ['Move to .env as ANTHROPIC_API_KEY (and load .env with process.loadEnvFile in src/llm.js)'],
    );
    assert.ok(actions.some(a => a.title === 'Move to .env as…'));
    assert.ok(actions.some(a => a.title === 'Ignore this secret on this line…'));
    assert.ok(actions.some(a => a.title === 'Ignore anthropic-api-key in this file…'));

    // Apply it as a user does: cursor on the key, run the preferred quick fix.
    editor.selection = new vscode.Selection(diagnostic.range.start, diagnostic.range.start);
    await vscode.commands.executeCommand('editor.action.codeAction', { kind: vscode.CodeActionKind.QuickFix.value, preferred: true, apply: 'first' });
    await waitFor('the rewritten code', () => (document.getText().includes('process.env.ANTHROPIC_API_KEY') ? true : undefined));
    assert.equal(
      document.getText(),
      "try { process.loadEnvFile(require('node:path').join(__dirname, '../.env')); } catch (error) { if (error.code !== 'ENOENT') throw error; }\n" +
        "const { createHash } = require('node:crypto');\n\nconst apiKey = process.env.ANTHROPIC_API_KEY;\nconsole.log(createHash('sha256').update(apiKey).digest('hex'));\n",
    );
    // Files the edit created are saved by VS Code (files.refactoring.autoSave): wait for their text on disk.
    const saved = (rel: string): Promise<string> => waitFor(`${rel} saved`, () => read(rel) || undefined);
    assert.ok(dotenv.parse(await saved('.env')).ANTHROPIC_API_KEY === key, '.env holds the key');
    assert.equal(await saved('.env.example'), 'ANTHROPIC_API_KEY=your-anthropic-api-key-here\n');
    assert.equal(await saved('.gitignore'), '.env\n');
    // The user saves the code and runs the program the project's own way: it prints the same.
    await document.save();
    assert.equal(npmStart(), before, 'npm start prints the same after the fix');
    await diagnosticsCount(document.uri, 0);

    // One undo, from the editor, restores every file.
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    void vscode.commands.executeCommand('undo');
    await new Promise(r => setTimeout(r, 2000));
    console.log('[screenshot] after-undo');
    await new Promise(r => setTimeout(r, 1500));
    await waitFor('the code restored', () => (document.getText() === original ? true : undefined));
    const left = (): string[] => ['.env', '.env.example', '.gitignore'].filter(f => read(f) !== undefined);
    await waitFor('.env, .env.example and .gitignore gone again', () => (left().length === 0 ? true : undefined)).catch(e => {
      throw new Error(`${e.message}; still on disk: ${left().join(', ')}`);
    });
    await diagnosticsCount(document.uri, 1);
  });

  it('"Move to .env as…" offers the proposed names in a pick list and moves under a name typed', async () => {
    const key = fake.openai();
    const document = await openNewFile(`${PROJECT}/app/ask.py`, `client = OpenAI(api_key="${key}")\n`);
    await vscode.window.showTextDocument(document);
    const [diagnostic] = await diagnosticsCount(document.uri, 1);
    const asNamed = await waitFor('"Move to .env as…"', async () => {
      const list = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        diagnostic.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      return list?.find(a => a.title === 'Move to .env as…');
    });
    const done = vscode.commands.executeCommand(asNamed.command!.command, ...(asNamed.command!.arguments ?? []));
    // The pick list shows the proposed name first (the provider's), then the code's own; a person
    // types another and presses Enter.
    const offered = await waitFor('the proposed names', async () => {
      const rows = await renderedTexts('name-pick', '.quick-input-widget .monaco-list-row');
      return rows.length >= 2 ? rows : undefined;
    });
    assert.match(offered[0], /^OPENAI_API_KEY/);
    assert.ok(
      offered.some(r => r.startsWith('API_KEY')),
      offered.join(' | '),
    );
    console.log('[type] ANALYTICS_OPENAI_KEY');
    // Enter once the list shows the typed name on top, as a person would see it before pressing.
    await waitFor('the typed name in the list', async () => {
      const [first] = await renderedTexts('name-typed', '.quick-input-widget .monaco-list-row');
      return first?.startsWith('ANALYTICS_OPENAI_KEY') ? true : undefined;
    });
    console.log('[press] Enter anywhere');
    await done;
    await waitFor('the rewritten code', () => (document.getText().includes('ANALYTICS_OPENAI_KEY') ? true : undefined));
    assert.equal(document.getText(), 'import os\n\nclient = OpenAI(api_key=os.environ["ANALYTICS_OPENAI_KEY"])\n');
    await waitFor('.env saved', () => (dotenv.parse(read('.env') ?? '').ANALYTICS_OPENAI_KEY === key ? true : undefined));
    // The other two files under the typed name too. Waiting for them also keeps a late save from
    // writing them after the cleanup, into the suites that follow.
    await waitFor('.env.example saved', () => (read('.env.example') === 'ANALYTICS_OPENAI_KEY=your-openai-api-key-here\n' ? true : undefined));
    await waitFor('.gitignore saved', () => (read('.gitignore') === '.env\n' ? true : undefined));
  });

  it('"Accept in the baseline" writes the baseline and names it in .secret-safe.json; VS Code saves both and the finding goes', async () => {
    const root = workspaceRoot();
    const created = ['.secret-safe.json', '.secret-safe-baseline.json'].map(f => vscode.Uri.file(join(root, f)));
    try {
      const key = fake.anthropic();
      const document = await openNewFile(`${PROJECT}/src/fixture.ts`, `export const recorded = '${key}';\n`);
      const [diagnostic] = await diagnosticsCount(document.uri, 1);
      const accept = await waitFor('"Accept in the baseline"', async () => {
        const list = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          document.uri,
          diagnostic.range,
          vscode.CodeActionKind.QuickFix.value,
          10,
        );
        return list?.find(a => a.title.startsWith('Accept in the baseline'));
      });
      assert.equal(accept.title, 'Accept in the baseline (.secret-safe-baseline.json)');
      assert.ok(accept.edit, 'resolved');
      assert.ok(await vscode.workspace.applyEdit(accept.edit!));
      await vscode.workspace.saveAll(false);
      const baseline = await waitFor('the baseline saved', () => {
        const text = existsSync(created[1].fsPath) ? readFileSync(created[1].fsPath, 'utf8') : '';
        return text.includes('"findings"') ? text : undefined;
      });
      assert.ok(!baseline.includes(key.slice(14, 40)), 'the baseline holds the key');
      assert.match(JSON.parse(baseline).findings[0].file, /^llm-app\/src\/fixture\.ts$/);
      await waitFor('.secret-safe.json saved, naming it', () =>
        existsSync(created[0].fsPath) && /"baseline": "\.secret-safe-baseline\.json"/.test(readFileSync(created[0].fsPath, 'utf8')) ? true : undefined,
      );
      await diagnosticsCount(document.uri, 0);
    } finally {
      await vscode.workspace.saveAll(false);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      for (const uri of created) if (existsSync(uri.fsPath)) await vscode.workspace.fs.delete(uri, { useTrash: false });
    }
  });
});
