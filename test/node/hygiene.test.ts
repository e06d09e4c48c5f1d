import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { readIndexPaths } from '../../src/node/git/git-index';
import { checkHygiene, type HygieneResult } from '../../src/node/git/hygiene';
import { fake, gen } from '../helpers/fake-keys';
import { gitRepo } from '../helpers/git-repo';
import { tempDir } from '../helpers/temp-dir';

const summary = (r: HygieneResult): string[] => r.findings.map(f => `${f.problem} ${f.relativePath}${f.line !== undefined ? `:${f.line + 1}` : ''}`).sort();

describe('git hygiene', () => {
  let repo: ReturnType<typeof gitRepo> | undefined;
  afterEach(() => repo?.dispose());

  for (const useGit of [true, false]) {
    const how = useGit ? 'asking git' : 'reading the ignore files and the index';
    describe(how, () => {
      it('reports an .env that is committed, though ignored now, as tracked', async () => {
        repo = gitRepo({ '.env': `KEY=${fake.anthropic()}\n`, 'README.md': '# app\n' }, ['.env', 'README.md']);
        repo.write('.gitignore', '.env\n');
        const r = await checkHygiene(repo.path, { useGit });
        assert.equal(r.method, useGit ? 'git' : 'ignore-files');
        assert.deepEqual(summary(r), ['tracked .env']);
      });

      it('reports secret files git would commit, and not the ignored ones or the templates', async () => {
        repo = gitRepo({
          '.gitignore': 'node_modules/\n*.pem\n',
          '.env': 'A=1\n',
          '.env.example': 'A=\n',
          'config/.env.production': 'A=1\n',
          'config/.env.production.example': 'A=\n',
          '.env.dist': 'A=\n',
          'certs/server.pem': `${fake.pem()}\n`,
          'keys/id_ed25519': 'x\n',
          '.npmrc': `//registry.npmjs.org/:_authToken=npm_${gen.alnum(36)}\n`,
          'web/.npmrc': 'registry=https://registry.npmjs.org/\n',
          'sa.json': '{ "type": "service_account", "project_id": "x", "private_key": "-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY-----\\n" }',
          'package.json': '{ "name": "app" }',
          'terraform.tfstate': '{}',
          '.claude/settings.json': '{ "permissions": { "deny": ["Read(./.env*)"] } }\n',
          '.claude/settings.local.json': '{ "env": { "A": "1" } }\n',
          '.aider.chat.history.md': '# aider chat\n',
        });
        const r = await checkHygiene(repo.path, { useGit });
        assert.deepEqual(summary(r), [
          'not-ignored .aider.chat.history.md',
          'not-ignored .claude/settings.local.json',
          'not-ignored .env',
          'not-ignored .npmrc',
          'not-ignored config/.env.production',
          'not-ignored keys/id_ed25519',
          'not-ignored sa.json',
          'not-ignored terraform.tfstate',
        ]);
        assert.deepEqual(r.findings.find(f => f.relativePath === 'sa.json')?.pattern, '/sa.json');
        assert.deepEqual(r.findings.find(f => f.relativePath === 'terraform.tfstate')?.pattern, '*.tfstate*');
        assert.deepEqual(r.findings.find(f => f.relativePath === '.aider.chat.history.md')?.pattern, '.aider*');
      });

      it('reports a .gitignore line that un-ignores a secret file, on its line', async () => {
        repo = gitRepo({ '.gitignore': 'node_modules/\n.env*\n!.env.local\n!.env.example\n', '.env.local': 'A=1\n' });
        const r = await checkHygiene(repo.path, { useGit });
        assert.deepEqual(summary(r), ['not-ignored .env.local', 'unignore-rule .env.local:3']);
      });

      it('reports a tracked secret file in a folder the walk skips (a committed dist/.env)', async () => {
        repo = gitRepo({ 'dist/.env': 'A=1\n' }, ['dist/.env']);
        assert.deepEqual(summary(await checkHygiene(repo.path, { useGit })), ['tracked dist/.env']);
      });
    });
  }

  it('says nothing for a folder that is not a repository and has no .gitignore', async () => {
    const dir = tempDir({ '.env': 'A=1\n' });
    try {
      const r = await checkHygiene(dir.path, { useGit: true });
      assert.deepEqual([r.method, r.findings.length], ['none', 0]);
    } finally {
      dir.dispose();
    }
  });

  it('checks a folder that is not a repository but has a .gitignore, without git', async () => {
    const dir = tempDir({ '.gitignore': 'node_modules/\n', '.env': 'A=1\n' });
    try {
      const r = await checkHygiene(dir.path, { useGit: true });
      assert.deepEqual([r.method, summary(r)], ['ignore-files', ['not-ignored .env']]);
    } finally {
      dir.dispose();
    }
  });

  it('reads the index as git does, version 2 and version 4, unusual names included', async () => {
    const names = ['a.txt', 'dir/b c.txt', 'dir/sub/ünïcödé.env', 'x'.repeat(120), 'z/.env'];
    repo = gitRepo(Object.fromEntries(names.map(n => [n, 'x\n'])), names);
    const expected = repo.git('ls-files', '-z').split('\0').filter(Boolean).sort();
    assert.deepEqual([...(await readIndexPaths(repo.path))!].sort(), expected);
    repo.git('update-index', '--index-version', '4');
    assert.deepEqual([...(await readIndexPaths(repo.path))!].sort(), expected);
    assert.equal(await readIndexPaths(join(repo.path, 'dir')), undefined);
  });
});
