import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { fake, hiddenPart } from '../helpers/fake-keys';
import { gitRepo } from '../helpers/git-repo';
import { ServerUnderTest } from '../helpers/lsp-server';
import { type ChecklistItem, RotationChecklistRequest } from '../../src/shared/protocol';

/**
 * "Already committed": a key that a commit holds has left with it. In a trusted workspace the
 * server reads the history in the background and says so on the key, and on an env file a commit
 * once held; in an untrusted one it runs no git and says nothing of it.
 */
describe('language server over stdio: keys already in the git history', () => {
  let server: ServerUnderTest;
  let repo: ReturnType<typeof gitRepo>;
  const key = fake.anthropic();
  const envKey = fake.openai();
  afterEach(async () => {
    await server?.stop();
    repo?.dispose();
  });

  function committedRepo(): void {
    // With 250 more files: a first index of that many blobs is scanned on a worker thread.
    const filler = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`src/filler/f${i}.ts`, `export const f${i} = ${i};\n`]));
    repo = gitRepo({ 'src/llm.ts': `export const key = '${key}';\n`, '.env': `OPENAI_API_KEY=${envKey}\nPORT=3000\n`, ...filler }, [
      'src/llm.ts',
      '.env',
      'src/filler',
    ]);
    // The .env is untracked and ignored since: it stays in the history all the same.
    repo.git('rm', '-q', '--cached', '.env');
    repo.write('.gitignore', '.env\n');
    repo.git('add', '.gitignore');
    repo.git('commit', '-q', '-m', 'ignore .env');
  }
  const uri = (rel: string) => pathToFileURL(join(repo.path, rel)).href;
  const open = (rel: string, languageId: string) => server.open(uri(rel), readFileSync(join(repo.path, rel), 'utf8'), languageId);

  it('says a key was committed, with the commit, and names the keys a committed .env held', async () => {
    committedRepo();
    const first = repo.git('rev-list', '--max-parents=0', 'HEAD').trim();
    server = await ServerUnderTest.start({ folder: repo.path, trustedWorkspace: true });
    await open('src/llm.ts', 'typescript');
    const [d] = await server.diagnostics(uri('src/llm.ts'), ds => ds.some(x => String(x.message).includes('Committed in')));
    assert.equal(d.code, 'anthropic-api-key');
    assert.match(
      d.message as string,
      new RegExp(
        `Committed in ${first.slice(0, 7)} on \\d{4}-\\d\\d-\\d\\d: rotate this key \\(https://console\\.anthropic\\.com/settings/keys\\); removing it from the code does not remove it from history\\.$`,
      ),
    );
    assert.equal(d.relatedInformation?.[0].location.uri, uri('src/llm.ts'));
    assert.match(d.relatedInformation?.[0].message ?? '', new RegExp(`^First committed in ${first} by t on `));
    await open('.env', 'dotenv');
    const env = await server.diagnostics(uri('.env'), ds => ds.some(x => x.code === 'secret-file-in-history'));
    const warning = env.find(x => x.code === 'secret-file-in-history')!;
    assert.match(
      warning.message as string,
      new RegExp(`^\\.env was committed in ${first.slice(0, 7)} on .* by t with OPENAI_API_KEY: those keys are in the git history for good\\.`),
    );
    assert.ok(!(warning.message as string).includes('PORT'), 'only the keys that hold secrets');
    for (const x of [...env, d]) assert.ok(!String(x.message).includes(hiddenPart(envKey)) && !String(x.message).includes(hiddenPart(key)));
  });

  it('says so once the key is committed while its file is open', async () => {
    repo = gitRepo({ 'README.md': '# app\n' }, ['README.md']);
    server = await ServerUnderTest.start({ folder: repo.path, trustedWorkspace: true });
    repo.write('src/new.ts', `export const key = '${key}';\n`);
    await open('src/new.ts', 'typescript');
    const before = await server.diagnostics(uri('src/new.ts'), ds => ds.length > 0);
    assert.ok(!String(before[0].message).includes('Committed in'), 'not committed yet');
    repo.git('add', 'src/new.ts');
    repo.git('commit', '-q', '-m', 'add the key');
    const sha = repo.git('rev-parse', 'HEAD').trim();
    await server.filesChanged([{ uri: uri('.git/index'), type: FileChangeType.Changed }]);
    const [after] = await server.diagnostics(uri('src/new.ts'), ds => ds.some(x => String(x.message).includes('Committed in')));
    assert.match(after.message as string, new RegExp(`Committed in ${sha.slice(0, 7)} on `));
  });

  it('lists every key of the history for the Rotation Checklist, with its provider page, never its value', async () => {
    committedRepo();
    const first = repo.git('rev-list', '--max-parents=0', 'HEAD').trim();
    server = await ServerUnderTest.start({ folder: repo.path, trustedWorkspace: true });
    const answer = (await server.connection.sendRequest(RotationChecklistRequest, undefined)) as { trusted: boolean; items: ChecklistItem[] };
    assert.equal(answer.trusted, true);
    assert.deepEqual(
      answer.items.map(i => [i.relativePath, i.line, i.ruleId, i.masked.slice(-4), i.commit, i.inHead, i.page]),
      [
        ['.env', 0, 'openai-api-key', envKey.slice(-4), first, false, 'https://platform.openai.com/api-keys'],
        ['src/llm.ts', 0, 'anthropic-api-key', key.slice(-4), first, true, 'https://console.anthropic.com/settings/keys'],
      ],
    );
    assert.match(answer.items[1].note, /^Leaked: revoke it now, issue a new one, update each environment\./);
    assert.ok(!JSON.stringify(answer).includes(hiddenPart(key)) && !JSON.stringify(answer).includes(hiddenPart(envKey)));
    // A key committed a moment ago is on the list asked for next, though no file watcher spoke yet.
    const later = fake.github();
    repo.write('src/gh.ts', `export const gh = '${later}';\n`);
    repo.git('add', 'src/gh.ts');
    repo.git('commit', '-q', '-m', 'gh');
    const again = (await server.connection.sendRequest(RotationChecklistRequest, undefined)) as { items: ChecklistItem[] };
    assert.deepEqual(
      again.items.map(i => [i.relativePath, i.commit]),
      [...answer.items.map(i => [i.relativePath, i.commit]), ['src/gh.ts', repo.git('rev-parse', 'HEAD').trim()]],
    );
    await server.stop();
    server = await ServerUnderTest.start({ folder: repo.path, trustedWorkspace: false });
    assert.deepEqual(await server.connection.sendRequest(RotationChecklistRequest, undefined), { trusted: false, items: [] });
  });

  it('runs no git and says nothing of the history in an untrusted workspace', async () => {
    committedRepo();
    server = await ServerUnderTest.start({ folder: repo.path, trustedWorkspace: false });
    await open('src/llm.ts', 'typescript');
    const ds = await server.diagnostics(uri('src/llm.ts'), all => all.length > 0);
    assert.equal(ds[0].code, 'anthropic-api-key');
    assert.ok(!String(ds[0].message).includes('Committed in'));
    // A later check (an edit) still says nothing: no history was read in the background.
    await server.change(uri('src/llm.ts'), `// edited\nexport const key = '${key}';\n`);
    const again = await server.diagnostics(uri('src/llm.ts'), all => all.length > 0 && all[0].range.start.line === 1);
    assert.ok(!String(again[0].message).includes('Committed in'));
  });
});
