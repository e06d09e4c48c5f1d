import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit } from '../helpers/apply-edit';
import { fake } from '../helpers/fake-keys';
import { ServerUnderTest } from '../helpers/lsp-server';
import { tempDir } from '../helpers/temp-dir';

describe('language server over stdio: nothing loads .env', () => {
  let dir: ReturnType<typeof tempDir>;
  let server: ServerUnderTest;

  afterEach(async () => {
    await server.stop();
    dir.dispose();
  });

  /** Opens `rel`, waits for its first non-empty diagnostics, and returns those about loading .env. */
  async function open(files: Record<string, string>, rel: string, languageId: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    dir = tempDir(files);
    mkdirSync(join(dir.path, '.git'));
    server = await ServerUnderTest.start({ folder: dir.path });
    const uri = pathToFileURL(join(dir.path, rel)).href;
    await server.open(uri, files[rel], languageId);
    const diagnostics = await server.diagnostics(uri, ds => ds.length > 0);
    return { uri, diagnostics: diagnostics.filter(d => d.code === 'env-not-loaded') };
  }

  it('warns on a read of a variable .env sets when nothing loads .env, and its fix makes the program see it', async () => {
    const code = "const key = process.env.PAYMENTS_TOKEN;\nconsole.log(key ? 'set' : 'unset');\n";
    const { uri, diagnostics } = await open({ 'index.js': code, '.env': 'PAYMENTS_TOKEN=abc\n' }, 'index.js', 'javascript');
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].message, 'Nothing in this project loads .env: PAYMENTS_TOKEN is unset when `node index.js` runs');
    assert.equal(diagnostics[0].range.start.character, 'const key = '.length);
    const run = () => spawnSync(process.execPath, ['index.js'], { cwd: dir.path, encoding: 'utf8' }).stdout.trim();
    assert.equal(run(), 'unset');
    const actions = (await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics },
    })) as CodeAction[];
    const load = actions.find(a => a.title === 'Load .env with process.loadEnvFile in index.js');
    assert.ok(load?.edit, `actions: ${actions.map(a => a.title).join(' | ')}`);
    applyWorkspaceEdit(load.edit);
    assert.equal(run(), 'set');
  });

  it('stays quiet when something loads .env, and on variables .env does not set', async () => {
    // A secret in the file makes the check publish something, so silence is the check's answer.
    const secret = `const k = '${fake.anthropic()}';\n`;
    const loaded = await open(
      {
        'package.json': '{ "scripts": { "start": "node --env-file=.env index.js" } }',
        'index.js': `${secret}process.env.PAYMENTS_TOKEN;\n`,
        '.env': 'PAYMENTS_TOKEN=abc\n',
      },
      'index.js',
      'javascript',
    );
    assert.deepEqual(loaded.diagnostics, []);
    await server.stop();
    dir.dispose();
    const unset = await open({ 'index.js': `${secret}process.env.HOME;\n`, '.env': 'PAYMENTS_TOKEN=abc\n' }, 'index.js', 'javascript');
    assert.deepEqual(unset.diagnostics, []);
  });

  it('says why when no loader is installed, and offers to add python-dotenv to requirements.txt for the user to install', async () => {
    const { uri, diagnostics } = await open(
      { 'requirements.txt': 'requests\n', 'app.py': 'import os\n\nTOKEN = os.environ["PAYMENTS_TOKEN"]\n', '.env': "PAYMENTS_TOKEN='abc'\n" },
      'app.py',
      'python',
    );
    assert.equal(diagnostics.length, 1);
    assert.match(String(diagnostics[0].message), /PAYMENTS_TOKEN is unset when `python app\.py` runs \(python-dotenv is not among the project’s dependencies/);
    const actions = (await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics },
    })) as CodeAction[];
    const add = actions.find(a => /^Add python-dotenv to requirements\.txt/.test(a.title));
    assert.ok(add?.edit);
    applyWorkspaceEdit(add.edit);
    assert.equal(readFileSync(join(dir.path, 'requirements.txt'), 'utf8'), 'requests\npython-dotenv\n');
    assert.match(readFileSync(join(dir.path, 'app.py'), 'utf8'), /^import os\nfrom dotenv import load_dotenv\n\nload_dotenv\(\)\n\nTOKEN = /);
  });
});
