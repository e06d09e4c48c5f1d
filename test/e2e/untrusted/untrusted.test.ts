import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { fake } from '../../helpers/fake-keys';
import { EXTENSION_ID, openNewFile, secretDiagnostics, waitFor, workspaceRoot } from '../helpers';

/** The git calls logged by the runner's shim, each with the command line of the process that ran it. */
function gitCalls(): Array<{ parent: string; args: string }> {
  try {
    return readFileSync(process.env.SECRET_SAFE_E2E_GIT_LOG!, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map(line => {
        const [parent, args] = line.split('\t');
        return { parent, args };
      });
  } catch {
    return [];
  }
}

describe('Secret Safe in an untrusted workspace', () => {
  const uri = (rel: string): vscode.Uri => vscode.Uri.file(join(workspaceRoot(), rel));
  const codes = (rel: string): string[] => secretDiagnostics(uri(rel)).map(d => String(typeof d.code === 'object' ? d.code.value : d.code));

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });

  it('runs in Restricted Mode', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('flags the committed .env and the unignored .env.local, read from the files without git', async () => {
    await waitFor('the tracked .env flagged', () => (codes('.env').includes('secret-file-tracked') ? true : undefined));
    await waitFor('.env.local flagged as not ignored', () => (codes('.env.local').includes('secret-file-not-ignored') ? true : undefined));
    const [tracked] = secretDiagnostics(uri('.env'));
    assert.equal(tracked.severity, vscode.DiagnosticSeverity.Error);
    assert.match(tracked.message, /committed to git: remove it from the index \(git rm --cached\) and rotate the keys/);
  });

  it('offers "Stop tracking", whose server command refuses to run git, and offers to add .env.local to .gitignore', async () => {
    const document = await vscode.workspace.openTextDocument(uri('.env'));
    await vscode.window.showTextDocument(document);
    const [tracked] = secretDiagnostics(uri('.env'));
    const actions = await waitFor('the quick fixes on .env', async () => {
      const list = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        tracked.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      return list?.some(a => a.title.startsWith('Stop tracking')) ? list : undefined;
    });
    const stop = actions.find(a => a.title.startsWith('Stop tracking'))!;
    // The client command would explain trust in a modal; the server's own command must refuse too.
    assert.equal(stop.command?.command, 'secretSafe.untrackSecretFile');
    const result = await vscode.commands.executeCommand<{ untracked: boolean }>('secretSafe.applyUntrack', ...(stop.command!.arguments ?? []));
    assert.deepEqual(result, { untracked: false });

    const local = await vscode.workspace.openTextDocument(uri('.env.local'));
    const [notIgnored] = secretDiagnostics(uri('.env.local'));
    const localActions = await waitFor('the quick fixes on .env.local', async () => {
      const list = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        local.uri,
        notIgnored.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      return list?.some(a => a.title === 'Add .env.local to .gitignore') ? list : undefined;
    });
    assert.ok(localActions.find(a => a.title === 'Add .env.local to .gitignore')?.edit);
  });

  it('still flags a secret typed into a file', async () => {
    const document = await openNewFile('src/llm.ts', `export const key = '${fake.anthropic()}';\n`);
    await waitFor('the key flagged', () =>
      secretDiagnostics(document.uri).some(d => d.code && String(typeof d.code === 'object' ? d.code.value : d.code) === 'anthropic-api-key')
        ? true
        : undefined,
    );
  });

  it('started no git process at all', () => {
    // The runner's git logs every call made with the host's PATH (the trusted suite proves it logs ours).
    assert.ok(process.env.SECRET_SAFE_E2E_GIT_LOG, 'the runner logs git calls');
    assert.deepEqual(gitCalls(), []);
  });
});
