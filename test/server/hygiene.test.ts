import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, DiagnosticSeverity, ExecuteCommandRequest, FileChangeType, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit } from '../helpers/apply-edit';
import { fake, gen, hiddenPart } from '../helpers/fake-keys';
import { gitRepo } from '../helpers/git-repo';
import { gitShim } from '../helpers/git-shim';
import { ServerUnderTest } from '../helpers/lsp-server';
import { tempDir } from '../helpers/temp-dir';

const CHECK = 'secretSafe/checkGitHygiene';
const UNTRACK = 'secretSafe.applyUntrack';

interface Report {
  folders: Array<{ method: string }>;
  findings: Array<{ relativePath: string; problem: string; line: number }>;
}

/** A repository with the usual mistakes: a committed .env, a negation that lets .env.local in, a stray key. */
function messyRepo(pem = fake.pem()) {
  const repo = gitRepo(
    {
      '.gitignore': 'node_modules/\r\n.env*\r\n!.env.local', // CRLF, no final newline: both must survive edits
      '.env': 'API_KEY=committed-by-mistake\n',
      '.env.local': 'API_KEY=local\n',
      '.env.example': 'API_KEY=\n',
      'certs/dev.pem': `${pem}\n`,
      'src/app.ts': 'export const port = 3000;\n',
    },
    ['.gitignore', '.env', '.env.example', 'src/app.ts'],
  );
  return repo;
}

describe('language server over stdio: git hygiene', function () {
  this.timeout(30_000);
  let repo: ReturnType<typeof messyRepo>;
  let shim: ReturnType<typeof gitShim>;
  let server: ServerUnderTest;
  const uri = (rel: string): string => pathToFileURL(join(repo.path, rel)).href;
  const codes = (ds: Diagnostic[]): string[] => ds.map(d => String(d.code));
  const hasCode = (code: string) => (ds: Diagnostic[]) => codes(ds).includes(code);
  const lacksCode = (code: string) => (ds: Diagnostic[]) => !codes(ds).includes(code);

  async function actionsFor(target: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
    return ((await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: target },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) ?? []) as CodeAction[];
  }

  async function openFromDisk(rel: string, languageId = 'plaintext'): Promise<void> {
    await server.open(uri(rel), readFileSync(join(repo.path, rel), 'utf8'), languageId);
  }

  beforeEach(() => {
    shim = gitShim();
  });
  afterEach(async () => {
    await server?.stop();
    repo?.dispose();
    shim.dispose();
  });

  for (const trustedWorkspace of [false, true]) {
    it(`reports each secret file on itself, and the negation on its line (${trustedWorkspace ? 'trusted: asks git' : 'untrusted: never runs git'})`, async () => {
      repo = messyRepo();
      server = await ServerUnderTest.start({ folder: repo.path, trustedWorkspace, env: shim.env });
      const env = await server.diagnostics(uri('.env'), hasCode('secret-file-tracked'));
      assert.equal(env[0].severity, DiagnosticSeverity.Error);
      assert.match(
        String(env[0].message),
        /^\.env \(an environment file\) is committed to git: remove it from the index \(git rm --cached\) and rotate the keys/,
      );
      assert.match(String(env[0].message), /Ignoring it in \.gitignore does not untrack it/);
      assert.equal(env[0].source, 'secret-safe');
      assert.match(env[0].codeDescription!.href, /git-hygiene\.md#secret-file-tracked$/);
      assert.deepEqual(env[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 'API_KEY=committed-by-mistake'.length } });

      const local = await server.diagnostics(uri('.env.local'), hasCode('secret-file-not-ignored'));
      assert.equal(local[0].severity, DiagnosticSeverity.Warning);
      assert.match(String(local[0].message), /^\.env\.local \(an environment file\) is not git-ignored/);
      const pem = await server.diagnostics(uri('certs/dev.pem'), hasCode('secret-file-not-ignored'));
      assert.match(String(pem[0].message), /Add \*\.pem to \.gitignore/);
      const negation = await server.diagnostics(uri('.gitignore'), hasCode('secret-file-unignored'));
      assert.equal(negation[0].range.start.line, 2);
      assert.equal(negation[0].range.end.character, '!.env.local'.length);

      // The committed template and the code are fine.
      assert.equal(server.latest(uri('.env.example')), undefined);
      const report = await server.connection.sendRequest<Report>(CHECK);
      assert.deepEqual(
        report.folders.map(f => f.method),
        [trustedWorkspace ? 'git' : 'ignore-files'],
      );
      assert.deepEqual(report.findings.map(f => `${f.problem} ${f.relativePath}`).sort(), [
        'not-ignored .env.local',
        'not-ignored certs/dev.pem',
        'tracked .env',
        'unignore-rule .env.local',
      ]);
      const ran = shim.calls();
      if (trustedWorkspace) {
        assert.ok(ran.some(c => c.includes('ls-files')) && ran.some(c => c.includes('check-ignore')), `git was asked: ${ran.join(' | ')}`);
      } else {
        assert.deepEqual(ran, [], 'no git process may start in an untrusted workspace');
      }
    });
  }

  it('adds the pattern to .gitignore in one edit, keeping CRLF and the missing final newline, and re-checks when it is saved', async () => {
    repo = messyRepo();
    server = await ServerUnderTest.start({ folder: repo.path, trustedWorkspace: true, env: shim.env });
    await openFromDisk('certs/dev.pem');
    const d = (await server.diagnostics(uri('certs/dev.pem'), hasCode('secret-file-not-ignored'))).find(x => x.code === 'secret-file-not-ignored')!;
    const actions = await actionsFor(uri('certs/dev.pem'), d);
    const add = actions.find(a => a.title === 'Add *.pem to .gitignore');
    assert.ok(add?.edit, `actions: ${actions.map(a => a.title).join(', ')}`);
    assert.equal(add.isPreferred, true);
    applyWorkspaceEdit(add.edit);
    assert.equal(readFileSync(join(repo.path, '.gitignore'), 'utf8'), 'node_modules/\r\n.env*\r\n!.env.local\r\n*.pem');
    assert.equal(repo.git('check-ignore', 'certs/dev.pem').trim(), 'certs/dev.pem', 'git agrees the key is ignored now');
    await server.filesChanged([{ uri: uri('.gitignore'), type: FileChangeType.Changed }]);
    await server.diagnostics(uri('certs/dev.pem'), lacksCode('secret-file-not-ignored'));
  });

  it('removes a negation line that lets a secret file in', async () => {
    repo = messyRepo();
    server = await ServerUnderTest.start({ folder: repo.path, trustedWorkspace: true, env: shim.env });
    await openFromDisk('.gitignore', 'ignore');
    const [d] = await server.diagnostics(uri('.gitignore'), hasCode('secret-file-unignored'));
    const remove = (await actionsFor(uri('.gitignore'), d)).find(a => a.title === 'Remove this line so that git ignores .env.local');
    assert.ok(remove?.edit);
    const text = readFileSync(join(repo.path, '.gitignore'), 'utf8');
    const after = applyWorkspaceEdit(remove.edit, new Map([[uri('.gitignore'), text]]));
    assert.equal(after.get(uri('.gitignore')), 'node_modules/\r\n.env*');
  });

  it('stops tracking a committed .env after the client confirms, keeping the file on disk', async () => {
    repo = messyRepo();
    server = await ServerUnderTest.start({ folder: repo.path, trustedWorkspace: true, env: shim.env });
    await openFromDisk('.env', 'dotenv');
    const d = (await server.diagnostics(uri('.env'), hasCode('secret-file-tracked'))).find(x => x.code === 'secret-file-tracked')!;
    const actions = await actionsFor(uri('.env'), d);
    const stop = actions.find(a => a.title === 'Stop tracking .env (git rm --cached)…');
    assert.ok(stop?.command, `actions: ${actions.map(a => a.title).join(', ')}`);
    assert.equal(stop.command.command, 'secretSafe.untrackSecretFile', 'the client command asks the user first');
    // .env is ignored already (by .env*): no "Add to .gitignore" is offered beside it.
    assert.equal(
      actions.some(a => a.title.startsWith('Add ')),
      false,
    );

    const result = await server.connection.sendRequest(ExecuteCommandRequest.type, { command: UNTRACK, arguments: stop.command.arguments });
    assert.deepEqual(result, { untracked: true, ignored: true });
    assert.equal(repo.git('ls-files', '--', '.env'), '', 'no longer in the index');
    assert.ok(existsSync(join(repo.path, '.env')), 'still on disk');
    // With fsmonitor and hooks off: git runs none of the repository's programs (test/node/git-safety.test.ts).
    assert.ok(
      shim.calls().some(c => c.startsWith('-c core.fsmonitor=false -c core.hooksPath=/dev/null -c core.quotepath=false rm --cached')),
      shim.calls().join('\n'),
    );
    await server.diagnostics(uri('.env'), lacksCode('secret-file-tracked'));
  });

  it('untracks and ignores a committed key that nothing ignores, as one command', async () => {
    repo = gitRepo({ 'deploy/id_ed25519': 'x\n', 'README.md': '# app\n' }, ['deploy/id_ed25519', 'README.md']);
    server = await ServerUnderTest.start({ folder: repo.path, trustedWorkspace: true, env: shim.env });
    const [d] = await server.diagnostics(uri('deploy/id_ed25519'), hasCode('secret-file-tracked'));
    assert.doesNotMatch(String(d.message), /does not untrack/);
    const result = await server.connection.sendRequest(ExecuteCommandRequest.type, {
      command: UNTRACK,
      arguments: [{ uri: uri('deploy/id_ed25519'), relativePath: 'deploy/id_ed25519' }],
    });
    assert.deepEqual(result, { untracked: true, ignored: true });
    applyWorkspaceEdit(server.appliedEdits[0]);
    assert.equal(readFileSync(join(repo.path, '.gitignore'), 'utf8'), 'id_ed25519\n', 'a new .gitignore, created by the same command');
    assert.equal(
      repo.git('status', '--porcelain', '--', 'deploy').trim(),
      'D  deploy/id_ed25519',
      'staged as a removal; the file is ignored, not listed as new',
    );
  });

  it('in an untrusted workspace refuses to run git rm, even when asked directly', async () => {
    repo = messyRepo();
    server = await ServerUnderTest.start({ folder: repo.path, trustedWorkspace: false, env: shim.env });
    await openFromDisk('.env', 'dotenv');
    const d = (await server.diagnostics(uri('.env'), hasCode('secret-file-tracked'))).find(x => x.code === 'secret-file-tracked')!;
    // The action is there (the client command explains trust); the server command is what refuses.
    const stop = (await actionsFor(uri('.env'), d)).find(a => a.title.startsWith('Stop tracking'));
    assert.equal(stop?.command?.command, 'secretSafe.untrackSecretFile');
    const result = await server.connection.sendRequest(ExecuteCommandRequest.type, {
      command: UNTRACK,
      arguments: [{ uri: uri('.env'), relativePath: '.env' }],
    });
    assert.deepEqual(result, { untracked: false });
    assert.match(server.messages.join('\n'), /git runs only in a trusted workspace/);
    assert.match(repo.git('ls-files', '--', '.env'), /\.env/, 'still tracked');
    assert.deepEqual(shim.calls(), []);
  });

  it('asks git once the user trusts the workspace', async () => {
    repo = messyRepo();
    server = await ServerUnderTest.start({ folder: repo.path, trustedWorkspace: false, env: shim.env });
    await server.diagnostics(uri('.env'), hasCode('secret-file-tracked'));
    assert.deepEqual(shim.calls(), []);
    await server.connection.sendNotification('secretSafe/didGrantWorkspaceTrust');
    const report = await server.connection.sendRequest<Report>(CHECK);
    assert.deepEqual(
      report.folders.map(f => f.method),
      ['git'],
    );
    assert.ok(shim.calls().length > 0);
  });

  it('watches the ignore files, the index and the secret files, and re-checks when a secret file appears', async () => {
    repo = gitRepo({ '.gitignore': 'node_modules/\n', 'README.md': '# app\n' }, ['.gitignore', 'README.md']);
    server = await ServerUnderTest.start({ folder: repo.path, trustedWorkspace: true, env: shim.env });
    await server.connection.sendRequest<Report>(CHECK);
    const globs = server.registrations
      .filter(r => r.method === 'workspace/didChangeWatchedFiles')
      .flatMap(r => (r.registerOptions as { watchers: Array<{ globPattern: string }> }).watchers.map(w => w.globPattern));
    for (const glob of ['**/.gitignore', '**/.git/index', '**/.git/info/exclude', '**/.env*']) {
      assert.ok(globs.includes(glob), `watches ${glob}: ${globs.join(', ')}`);
    }
    repo.write('.env', 'A=1\n');
    await server.filesChanged([{ uri: uri('.env'), type: FileChangeType.Created }]);
    await server.diagnostics(uri('.env'), hasCode('secret-file-not-ignored'));
    // Committing it (the index changes) turns the warning into an error.
    repo.git('add', '.env');
    await server.filesChanged([{ uri: pathToFileURL(join(repo.path, '.git', 'index')).href, type: FileChangeType.Changed }]);
    await server.diagnostics(uri('.env'), hasCode('secret-file-tracked'));
    repo.git('rm', '-q', '--cached', '.env');
    repo.write('.git/info/exclude', '.env\n');
    await server.filesChanged([{ uri: pathToFileURL(join(repo.path, '.git', 'index')).href, type: FileChangeType.Changed }]);
    await server.diagnostics(uri('.env'), ds => ds.length === 0);
  });

  it('re-checks when a folder appears with a key already inside, and not for an ordinary new file', async () => {
    repo = gitRepo({ '.gitignore': 'node_modules/\n', 'README.md': '# app\n' }, ['.gitignore', 'README.md']);
    server = await ServerUnderTest.start({ folder: repo.path, trustedWorkspace: true, env: shim.env });
    await server.connection.sendRequest<Report>(CHECK);
    const watchers = server.registrations
      .filter(r => r.method === 'workspace/didChangeWatchedFiles')
      .flatMap(r => (r.registerOptions as { watchers: Array<{ globPattern: string; kind?: number }> }).watchers);
    assert.ok(
      watchers.some(w => w.globPattern === '**/*' && w.kind === 1),
      'watches every creation',
    );
    // A build writes a source file: nothing about git hygiene changes, so git is not asked again.
    const before = shim.calls().length;
    repo.write('dist/app.js', 'console.log(1);\n');
    await server.filesChanged([{ uri: uri('dist/app.js'), type: FileChangeType.Created }]);
    await new Promise(r => setTimeout(r, 1000));
    assert.equal(shim.calls().length, before, `no git call after an ordinary file appeared: ${shim.calls().slice(before).join('; ')}`);
    // `git checkout` or `tar -x` makes a folder with its files inside; the watcher may report the folder alone.
    repo.write('keys/deploy.pem', `${fake.pem()}\n`);
    await server.filesChanged([{ uri: uri('keys'), type: FileChangeType.Created }]);
    await server.diagnostics(uri('keys/deploy.pem'), hasCode('secret-file-not-ignored'));
  });

  it("keeps a document's own findings and the hygiene warning on the same file apart", async () => {
    const token = `npm_${gen.alnum(36)}`;
    repo = gitRepo({ '.gitignore': 'node_modules/\n', '.npmrc': `//registry.npmjs.org/:_authToken=${token}\n` }, ['.gitignore']);
    server = await ServerUnderTest.start({ folder: repo.path, trustedWorkspace: true, env: shim.env });
    await openFromDisk('.npmrc', 'properties');
    const both = await server.diagnostics(uri('.npmrc'), ds => ds.length === 2);
    assert.ok(codes(both).includes('secret-file-not-ignored'), codes(both).join());
    assert.ok(!server.raw.includes(hiddenPart(token)), 'the token never leaves the server');
    await server.change(uri('.npmrc'), 'registry=https://registry.npmjs.org/\n');
    // The buffer no longer holds the token; the file on disk still does, and is still not ignored.
    const after = await server.diagnostics(uri('.npmrc'), ds => ds.length === 1);
    assert.deepEqual(codes(after), ['secret-file-not-ignored']);
  });

  it('follows the project config: its own kinds of secret file, allowlisted paths and disabled checks', async () => {
    repo = gitRepo({
      '.gitignore': 'node_modules/\n!.env.ci\n',
      '.secret-safe.json': JSON.stringify({
        secretFiles: [{ id: 'vault-token', description: 'a Vault token', name: '*.vault', contains: '^hvs\\.' }],
        allowlist: { paths: ['test/fixtures/**'] },
        disabledRules: ['secret-file-unignored'],
      }),
      'ops/prod.vault': 'hvs.x\n',
      'ops/readme.vault': 'how to log in\n',
      'test/fixtures/server.key': `${fake.pem()}\n`,
      '.env.ci': 'A=1\n',
    });
    server = await ServerUnderTest.start({ folder: repo.path, trustedWorkspace: true, env: shim.env });
    const report = await server.connection.sendRequest<Report>(CHECK);
    assert.deepEqual(report.findings.map(f => `${f.problem} ${f.relativePath}`).sort(), ['not-ignored .env.ci', 'not-ignored ops/prod.vault']);
    const [d] = await server.diagnostics(uri('ops/prod.vault'), hasCode('secret-file-not-ignored'));
    assert.match(String(d.message), /ops\/prod\.vault \(a Vault token\)/);
    const globs = server.registrations.flatMap(
      r => (r.registerOptions as { watchers?: Array<{ globPattern: string }> }).watchers?.map(w => w.globPattern) ?? [],
    );
    assert.ok(globs.includes('**/*.vault'), "the project's own kinds are watched too");
  });

  it('checks a folder that is not a repository only when it has a .gitignore', async () => {
    const dir = tempDir({ '.env': 'A=1\n' });
    try {
      server = await ServerUnderTest.start({ folder: dir.path, trustedWorkspace: true, env: shim.env });
      const report = await server.connection.sendRequest<Report>(CHECK);
      assert.deepEqual(report, { folders: [{ path: dir.path, method: 'none' }], findings: [] });
      dir.write('.gitignore', 'dist/\n');
      await server.filesChanged([{ uri: pathToFileURL(join(dir.path, '.gitignore')).href, type: FileChangeType.Created }]);
      await server.diagnostics(pathToFileURL(join(dir.path, '.env')).href, hasCode('secret-file-not-ignored'));
      assert.deepEqual(shim.calls(), [], 'no repository, no git');
    } finally {
      dir.dispose();
    }
  });
});
