import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { fake } from '../../helpers/fake-keys';
import { GIT_TEST_ENV } from '../../helpers/git-repo';
import { EXTENSION_ID, renderedTexts, secretDiagnostics, waitFor, workspaceRoot } from '../helpers';

/** Git run by the test, as a user would in a terminal: not through the host's logging git. */
function git(...args: string[]): string {
  return execFileSync('git', args, {
    cwd: workspaceRoot(),
    encoding: 'utf8',
    env: { ...process.env, ...GIT_TEST_ENV },
  });
}

const write = (rel: string, text: string): void => {
  const file = join(workspaceRoot(), rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
};
const read = (rel: string): string | undefined => (existsSync(join(workspaceRoot(), rel)) ? readFileSync(join(workspaceRoot(), rel), 'utf8') : undefined);
const uri = (rel: string): vscode.Uri => vscode.Uri.file(join(workspaceRoot(), rel));
const codeOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code);
const hygiene = (rel: string, code: string): vscode.Diagnostic | undefined => secretDiagnostics(uri(rel)).find(d => codeOf(d) === code);

async function quickFix(rel: string, diagnostic: vscode.Diagnostic, title: string): Promise<vscode.CodeAction> {
  const document = await vscode.workspace.openTextDocument(uri(rel));
  await vscode.window.showTextDocument(document);
  return waitFor(`"${title}" on ${rel}`, async () => {
    const list = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    return list?.find(a => a.title === title);
  });
}

/** The git calls the runner's logging git saw, with the command line of the process that ran each. */
function loggedGitCalls(): string[] {
  const log = process.env.SECRET_SAFE_E2E_GIT_LOG;
  return log && existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
}

describe('Git hygiene in VS Code (trusted workspace)', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    assert.equal(vscode.workspace.isTrusted, true);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Deleted through VS Code, as a person would in the explorer, so the editor forgets them too:
    // the suites after this one create .env and .gitignore afresh.
    for (const f of ['.git', '.gitignore', '.env', '.env.local', 'keys']) {
      if (existsSync(join(workspaceRoot(), f))) await vscode.workspace.fs.delete(uri(f), { recursive: true, useTrash: false });
    }
  });

  it('flags a .env the moment it is committed, and a new key file git would commit', async () => {
    write('.gitignore', 'node_modules/\n');
    write('.env', 'API_URL=http://localhost:3000\n');
    git('init', '-q', '-b', 'main');
    git('add', '.gitignore', '.env');
    git('commit', '-q', '-m', 'first');
    // Nothing asked for a check: the index changed on disk, and the server's watcher saw it.
    const tracked = await waitFor('.env flagged as committed', () => hygiene('.env', 'secret-file-tracked'));
    assert.equal(tracked.severity, vscode.DiagnosticSeverity.Error);
    assert.match(
      tracked.message,
      /^\.env \(an environment file\) is committed to git: remove it from the index \(git rm --cached\) and rotate the keys in it; the history keeps them\.$/,
    );
    assert.equal(
      (tracked.code as { target: vscode.Uri }).target.toString(true),
      'https://github.com/secret-safe/secret-safe/blob/main/docs/git-hygiene.md#secret-file-tracked',
    );

    write('keys/deploy.pem', `${fake.pem()}\n`);
    const stray = await waitFor('the key flagged as not ignored', () => hygiene('keys/deploy.pem', 'secret-file-not-ignored'));
    assert.equal(stray.severity, vscode.DiagnosticSeverity.Warning);
    // The Secrets view lists both beside the secrets, and counts them apart.
    await vscode.commands.executeCommand('secretSafe.secrets.focus');
    const rows = await waitFor('the secret files in the Secrets view', async () => {
      const texts = await renderedTexts('hygiene-rows', '.pane:has(> .pane-header:has-text("Secrets")) .monaco-list-row');
      return texts.some(r => r.includes('secret-file-tracked')) && texts.some(r => r.includes('secret-file-not-ignored')) ? texts : undefined;
    });
    assert.ok(
      rows.some(r => r.startsWith('.env')),
      JSON.stringify(rows),
    );
    const header = await renderedTexts('hygiene-header', '.pane-header:has-text("Secrets")');
    // Counted apart from the secrets (other suites' secret files count too).
    const problems = Number(/(\d+) git problems/.exec(header.join(' '))?.[1]);
    assert.ok(problems >= 2, JSON.stringify(header));
    assert.ok(
      loggedGitCalls().some(c => c.includes('dist/server.js') && c.includes('ls-files')),
      'the language server asked git (the runner logs its calls)',
    );
  });

  it('adds *.pem to .gitignore with the quick fix; the warning goes once .gitignore is saved', async () => {
    const stray = hygiene('keys/deploy.pem', 'secret-file-not-ignored')!;
    const add = await quickFix('keys/deploy.pem', stray, 'Add *.pem to .gitignore');
    assert.equal(add.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(add.edit!));
    await vscode.workspace.saveAll();
    await waitFor('.gitignore saved with the pattern', () => (read('.gitignore') === 'node_modules/\n*.pem\n' ? true : undefined));
    await waitFor('the warning gone', () => (hygiene('keys/deploy.pem', 'secret-file-not-ignored') ? undefined : true));
  });

  it('stops tracking the committed .env once the user confirms, and ignores it', async () => {
    const tracked = hygiene('.env', 'secret-file-tracked')!;
    const stop = await quickFix('.env', tracked, 'Stop tracking .env (git rm --cached)…');
    assert.equal(stop.isPreferred, true);
    // The command asks first; the person reads the warning and clicks "Stop Tracking".
    const done = vscode.commands.executeCommand(stop.command!.command, ...(stop.command!.arguments ?? []));
    // The host runs with the smoke-test driver, which keeps notifications out of toasts: open the list.
    await new Promise(r => setTimeout(r, 500));
    await vscode.commands.executeCommand('notifications.showList');
    console.log('[click] Stop Tracking');
    await done;
    await waitFor('.env out of the index', () => (git('ls-files', '--', '.env') === '' ? true : undefined));
    assert.equal(read('.env'), 'API_URL=http://localhost:3000\n', 'the file stays on disk, unchanged');
    await vscode.workspace.saveAll();
    await waitFor('.gitignore ignores .env', () => (read('.gitignore') === 'node_modules/\n*.pem\n.env\n' ? true : undefined));
    assert.equal(git('status', '--porcelain', '--', '.env').trim(), 'D  .env', 'staged as a removal, and not listed as new');
    await waitFor('the error gone', () => (secretDiagnostics(uri('.env')).length === 0 ? true : undefined)).catch(e => {
      throw new Error(
        `${e.message}; left on .env: ${secretDiagnostics(uri('.env'))
          .map(d => `${codeOf(d)}: ${d.message}`)
          .join(' | ')}`,
      );
    });
    assert.ok(loggedGitCalls().some(c => c.includes('dist/server.js') && c.includes('rm --cached --quiet -- .env')));
  });

  it('"Check Git Hygiene" lists what is left; picking it opens the file', async () => {
    write('.env.local', 'API_URL=http://localhost:4000\n');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const done = vscode.commands.executeCommand('secretSafe.checkGitHygiene');
    console.log('[pick] .env.local');
    await done;
    await waitFor('.env.local opened', () => (vscode.window.activeTextEditor?.document.uri.fsPath === uri('.env.local').fsPath ? true : undefined));
    assert.ok(hygiene('.env.local', 'secret-file-not-ignored'));
  });
});
