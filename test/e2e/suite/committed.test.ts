import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { fake, hiddenPart } from '../../helpers/fake-keys';
import { GIT_TEST_ENV } from '../../helpers/git-repo';
import { EXTENSION_ID, renderedTexts, secretDiagnostics, waitFor, workspaceRoot } from '../helpers';

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

  it('lists every key of the history in the Rotation Checklist, with its provider page, and keeps what was ticked', async () => {
    // The test above committed an Anthropic key in llm.ts; now a .env with an OpenAI key, committed and then ignored.
    const envKey = fake.openai();
    writeFileSync(join(workspaceRoot(), 'committed-demo/.env'), `OPENAI_API_KEY=${envKey}\n`);
    git('add', '-f', 'committed-demo/.env');
    git('commit', '-q', '-m', 'add the env file');
    const envCommit = git('rev-parse', 'HEAD').trim();
    const keyCommit = git('rev-parse', 'HEAD~1').trim();
    const rowsSelector = '.quick-input-widget:visible .monaco-list-row';
    const open = (): Thenable<unknown> => vscode.commands.executeCommand('secretSafe.rotationChecklist');
    // A row's label, description and detail, on one line (the detail comes after a line break, or none).
    const read = async (name: string, selector: string): Promise<string[]> =>
      (await renderedTexts(name, selector)).map(r => r.replace(/\s*\n\s*/g, ' ').replace(/(:\d+)(first committed)/, '$1 $2'));

    let closed = open();
    const rows = await waitFor('both keys in the checklist', async () => {
      const all = await read('checklist', rowsSelector);
      return all.length === 2 ? all : undefined;
    });
    const [title] = await renderedTexts('checklist-title', '.quick-input-widget .quick-input-title');
    assert.equal(title, 'Rotation Checklist: 2 keys in the git history');
    const llm = rows.find(r => r.includes('committed-demo/llm.ts:1'));
    const env = rows.find(r => r.includes('committed-demo/.env:1'));
    assert.ok(llm && env, rows.join('\n'));
    assert.match(
      llm,
      new RegExp(
        `anthropic-api-key · committed-demo/llm\\.ts:1.*first committed in ${keyCommit.slice(0, 7)} on \\d{4}-\\d\\d-\\d\\d, still in HEAD · https://console\\.anthropic\\.com/settings/keys`,
      ),
    );
    assert.match(
      env,
      new RegExp(`openai-api-key · committed-demo/\\.env:1.*first committed in ${envCommit.slice(0, 7)} .*https://platform\\.openai\\.com/api-keys`),
    );
    for (const row of rows) assert.ok(!row.includes(hiddenPart(envKey)), 'masked');

    // The user ticks a key as rotated and accepts, as a person would with the keyboard: down into the list, space, enter.
    console.log('[press] ArrowDown anywhere');
    console.log('[press] Space anywhere');
    const [first] = await waitFor('a row ticked', async () => {
      const all = await read('checklist-ticked', `${rowsSelector}[aria-checked="true"]`);
      return all.length === 1 ? all : undefined;
    });
    assert.ok(rows.includes(first));
    console.log('[press] Enter anywhere');
    await closed;
    // Gone from the screen before it is opened again, as a person would see it.
    await waitFor('the checklist closed', async () =>
      (await renderedTexts('checklist-closed', '.quick-input-widget:visible')).length === 0 ? true : undefined,
    );

    // Opened again, the tick is still there, on that key only.
    closed = open();
    const ticked = await waitFor('the checklist again, with its tick', async () => {
      const all = await read('checklist-again', `${rowsSelector}[aria-checked="true"]`);
      return all.length > 0 ? all : undefined;
    });
    assert.deepEqual(ticked, [first]);
    console.log('[press] Escape anywhere');
    await closed;
  });
});
