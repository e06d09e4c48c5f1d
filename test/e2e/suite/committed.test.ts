import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { fake, hiddenPart } from '../../helpers/fake-keys';
import { GIT_TEST_ENV } from '../../helpers/git-repo';
import { EXTENSION_ID, secretDiagnostics, waitFor, workspaceRoot } from '../helpers';

const git = (...args: string[]): string => execFileSync('git', args, { cwd: workspaceRoot(), encoding: 'utf8', env: { ...process.env, ...GIT_TEST_ENV } });
const uri = (rel: string): vscode.Uri => vscode.Uri.file(join(workspaceRoot(), rel));

describe('"Committed in" in VS Code (trusted workspace)', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    assert.equal(vscode.workspace.isTrusted, true);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const f of ['.git', 'committed-demo']) {
      if (existsSync(join(workspaceRoot(), f))) await vscode.workspace.fs.delete(uri(f), { recursive: true, useTrash: false });
    }
  });

  it('says a key in an open file is already in a commit, with the commit and the provider page for rotating it', async () => {
    const key = fake.anthropic();
    const file = join(workspaceRoot(), 'committed-demo/llm.ts');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `export const key = '${key}';\n`);
    git('init', '-q', '-b', 'main');
    git('add', 'committed-demo/llm.ts');
    git('commit', '-q', '-m', 'add the key');
    const sha = git('rev-parse', 'HEAD').trim();
    const document = await vscode.workspace.openTextDocument(uri('committed-demo/llm.ts'));
    await vscode.window.showTextDocument(document);
    const d = await waitFor('the note that the key is committed', () => secretDiagnostics(document.uri).find(x => x.message.includes('Committed in')));
    assert.match(
      d.message,
      new RegExp(
        `is hardcoded; .* Committed in ${sha.slice(0, 7)} on \\d{4}-\\d\\d-\\d\\d: rotate this key \\(https://console\\.anthropic\\.com/settings/keys\\); removing it from the code does not remove it from history\\.$`,
      ),
    );
    assert.match(d.relatedInformation?.[0].message ?? '', new RegExp(`^First committed in ${sha} by t on `));
    assert.ok(!d.message.includes(hiddenPart(key)));
  });
});
