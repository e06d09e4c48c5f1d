import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CompletionRequest,
  ExecuteCommandRequest,
  HoverRequest,
  type CodeAction,
  type CompletionItem,
  type Hover,
} from 'vscode-languageserver-protocol';
import { InventoryRequest, type KeyRow } from '../../src/shared/protocol';
import { applyWorkspaceEdit } from '../helpers/apply-edit';
import { fake, gen, hiddenPart } from '../helpers/fake-keys';
import { ServerUnderTest } from '../helpers/lsp-server';
import { tempDir } from '../helpers/temp-dir';
import { dayFromToday } from '../helpers/dates';

const day = dayFromToday;

describe('language server over stdio: keys, owners and rotations', () => {
  let server: ServerUnderTest;
  let dir: ReturnType<typeof tempDir>;
  const github = fake.github();
  const template = [
    `# @owner platform @rotate 30d @rotated ${day(-45)}`,
    'GITHUB_TOKEN=',
    `# @owner ml @expires ${day(-2)} @rotaet 30d`,
    'ANTHROPIC_API_KEY=',
    'KEY=',
    '',
  ].join('\n');
  beforeEach(async () => {
    dir = tempDir({
      '.env.example': template,
      '.env': `GITHUB_TOKEN=${github}\nANTHROPIC_API_KEY=${fake.anthropic()}\nTOKEN2=${gen.alnum(20)}\n`,
      'src/app.ts': 'export const t = process.env.GITHUB_TOKEN;\n',
    });
    server = await ServerUnderTest.start({ folder: dir.path });
  });
  afterEach(async () => {
    await server.stop();
    dir.dispose();
  });
  const uri = (rel: string) => pathToFileURL(join(dir.path, rel)).href;

  it('flags an overdue rotation, an expired key, a malformed annotation and vague names, and records the rotation', async () => {
    await server.open(uri('.env.example'), template, 'dotenv');
    const ds = await server.diagnostics(uri('.env.example'), all => all.some(d => d.code === 'env-rotation-overdue'));
    const byCode = (code: string) => ds.filter(d => d.code === code);
    const [overdue] = byCode('env-rotation-overdue');
    assert.equal(overdue.range.start.line, 1);
    assert.equal(overdue.message, `GITHUB_TOKEN was due for rotation on ${day(-15)} (rotated ${day(-45)}, every 30 days). Rotate it, then record the date.`);
    assert.deepEqual(
      byCode('env-key-expired').map(d => [d.range.start.line, (d.message as string).split(':')[0]]),
      [[3, `ANTHROPIC_API_KEY expired on ${day(-2)}`]],
    );
    assert.deepEqual(
      byCode('env-annotation').map(d => [d.range.start.line, d.range.start.character, (d.message as string).split(':')[0]]),
      [[2, 32, 'Unknown annotation @rotaet']],
    );
    assert.deepEqual(
      byCode('env-vague-name').map(d => d.range.start.line),
      [4],
    );
    const envDs = await (async () => {
      await server.open(uri('.env'), readFileSync(join(dir.path, '.env'), 'utf8'), 'dotenv');
      return server.diagnostics(uri('.env'), all => all.some(d => d.code === 'env-vague-name'));
    })();
    assert.deepEqual(
      envDs.filter(d => d.code === 'env-vague-name').map(d => d.range.start.line),
      [2],
      'TOKEN2 in .env',
    );

    const actions = (await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri('.env.example') },
      range: overdue.range,
      context: { diagnostics: [overdue] },
    })) as CodeAction[];
    const record = actions.find(a => a.title === 'Record rotation of GITHUB_TOKEN today');
    assert.ok(record?.edit, actions.map(a => a.title).join(', '));
    const after = applyWorkspaceEdit(record.edit, new Map([[uri('.env.example'), template]])).get(uri('.env.example'));
    assert.equal(after, template.replace(day(-45), day(0)));
  });

  it("completes annotation tags and today's date, and explains a tag on hover", async () => {
    const text = '# @own\n# @rotated \nKEY_A=\n';
    await server.open(uri('.env.example'), text, 'dotenv');
    const tags = (await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: uri('.env.example') },
      position: { line: 0, character: 6 },
    })) as CompletionItem[];
    assert.deepEqual(
      tags.map(t => t.label),
      ['@owner', '@purpose', '@rotate', '@rotated', '@expires'],
    );
    const dates = (await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: uri('.env.example') },
      position: { line: 1, character: 11 },
    })) as CompletionItem[];
    assert.deepEqual(
      dates.map(d => d.label),
      [day(0)],
    );
    const hover = (await server.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: uri('.env.example') },
      position: { line: 1, character: 5 },
    })) as Hover;
    assert.match((hover.contents as { value: string }).value, /^\*\*@rotated\*\*: when it was last rotated, as YYYY-MM-DD/);
  });

  it('answers the inventory with places the editor can open, and never a value', async () => {
    const { keys } = (await server.connection.sendRequest(InventoryRequest, undefined)) as { keys: KeyRow[] };
    assert.deepEqual(
      keys.map(k => [k.name, k.problems]),
      [
        ['ANTHROPIC_API_KEY', ['unused', 'expired']],
        ['GITHUB_TOKEN', ['rotation-overdue']],
        ['KEY', ['unused', 'vague-name']],
        ['TOKEN2', ['unused', 'undocumented', 'vague-name']],
      ],
    );
    const githubKey = keys.find(k => k.name === 'GITHUB_TOKEN')!;
    assert.deepEqual(githubKey.readBy, [{ uri: uri('src/app.ts'), relativePath: 'src/app.ts', line: 0 }]);
    assert.deepEqual(githubKey.documentedIn, [{ uri: uri('.env.example'), relativePath: '.env.example', line: 1 }]);
    assert.equal(githubKey.owner, 'platform');
    assert.ok(!JSON.stringify(keys).includes(hiddenPart(github)));
  });

  it('records a rotation in the template beside .env, and adds an undocumented key to it, on command', async () => {
    const rotated = await server.connection.sendRequest(ExecuteCommandRequest.type, {
      command: 'secretSafe.applyRecordRotation',
      arguments: [{ uri: uri('.env'), name: 'ANTHROPIC_API_KEY' }],
    });
    assert.deepEqual(rotated, { applied: true });
    const added = await server.connection.sendRequest(ExecuteCommandRequest.type, {
      command: 'secretSafe.applyAddToExample',
      arguments: [{ uri: uri('.env'), name: 'TOKEN2' }],
    });
    assert.deepEqual(added, { applied: true });
    for (const edit of server.appliedEdits) applyWorkspaceEdit(edit);
    assert.equal(
      readFileSync(join(dir.path, '.env.example'), 'utf8'),
      template.replace(`@expires ${day(-2)} @rotaet 30d`, `@expires ${day(-2)} @rotaet 30d @rotated ${day(0)}`) + 'TOKEN2=\n',
    );
    const missing = await server.connection.sendRequest(ExecuteCommandRequest.type, {
      command: 'secretSafe.applyRecordRotation',
      arguments: [{ uri: uri('.env'), name: 'NOT_THERE' }],
    });
    assert.deepEqual(missing, { applied: false, reason: '.env.example does not list NOT_THERE: add it there first' });
  });
});
