import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { gitIgnored } from '../../src/node/git/git';
import { IgnoreFiles } from '../../src/node/git/ignore-eval';
import { gitRepo } from '../helpers/git-repo';

/**
 * Each case: a repository's ignore files and the files to ask about. Git answers with
 * `git check-ignore --no-index`; the `ignore` library path reads the same files without git.
 * They must agree on every file, and on what the case says.
 */
interface Case {
  name: string;
  files: Record<string, string>;
  /** Extra repository config: core.excludesFile pointing at a file of the case. */
  excludesFile?: string;
  ignored: string[];
  kept: string[];
}

export const CASES: Case[] = [
  { name: 'a root .gitignore', files: { '.gitignore': '.env\n' }, ignored: ['.env', 'app/.env'], kept: ['.env.example', 'env'] },
  {
    name: 'nested .gitignore files',
    files: { 'packages/api/.gitignore': '.env\n' },
    ignored: ['packages/api/.env', 'packages/api/src/.env'],
    kept: ['.env', 'packages/web/.env'],
  },
  { name: 'a negation after a wildcard', files: { '.gitignore': '.env*\n!.env.example\n' }, ignored: ['.env', '.env.local'], kept: ['.env.example'] },
  {
    name: 'a negation in a deeper file',
    files: { '.gitignore': '.env\n', 'public/.gitignore': '!.env\n' },
    ignored: ['.env', 'src/.env'],
    kept: ['public/.env'],
  },
  {
    name: 'no re-including inside an ignored folder',
    files: { '.gitignore': 'secrets/\n!secrets/.env\n' },
    ignored: ['secrets/.env', 'secrets/key.pem'],
    kept: ['key.pem'],
  },
  { name: '.git/info/exclude', files: { '.git/info/exclude': '*.pem\n' }, ignored: ['key.pem', 'certs/server.pem'], kept: ['key.pub'] },
  {
    name: 'a global excludes file (core.excludesFile)',
    files: { 'global-ignore': 'id_rsa\n' },
    excludesFile: 'global-ignore',
    ignored: ['id_rsa', 'keys/id_rsa'],
    kept: ['id_rsa.pub'],
  },
  { name: 'an anchored pattern in a monorepo', files: { '.gitignore': '/.env\n' }, ignored: ['.env'], kept: ['apps/web/.env', 'apps/api/.env'] },
  {
    name: 'a ** pattern',
    files: { '.gitignore': '**/config/*.json\n' },
    ignored: ['config/credentials.json', 'a/b/config/credentials.json'],
    kept: ['credentials.json'],
  },
  { name: 'a folder pattern', files: { '.gitignore': 'deploy/\n' }, ignored: ['deploy/.env', 'deploy/keys/id_ed25519'], kept: ['.env'] },
  { name: 'a star that matches a dot file', files: { '.gitignore': '*.env\n' }, ignored: ['.env', 'prod.env'], kept: ['.env.local'] },
  { name: 'comments, blank lines and trailing spaces', files: { '.gitignore': '# secrets\n\n.env   \n' }, ignored: ['.env'], kept: ['# secrets'] },
  { name: 'an escaped leading hash and bang', files: { '.gitignore': '\\#notes\n\\!important\n' }, ignored: ['#notes', '!important'], kept: ['notes'] },
  { name: 'case matters', files: { '.gitignore': '.env\n' }, ignored: ['.env'], kept: ['.ENV'] },
  { name: 'a middle slash anchors', files: { '.gitignore': 'config/.env\n' }, ignored: ['config/.env'], kept: ['app/config/.env'] },
  { name: 'an ignored file re-included by name', files: { '.gitignore': '*.key\n!public.key\n' }, ignored: ['server.key'], kept: ['public.key'] },
];

describe('ignore rules: git and the ignore library agree', () => {
  for (const c of CASES) {
    it(`agree on ${c.name}`, async () => {
      const repo = gitRepo(c.files);
      try {
        if (c.excludesFile) repo.git('config', 'core.excludesFile', join(repo.path, c.excludesFile));
        const paths = [...c.ignored, ...c.kept];
        for (const p of paths) repo.write(p, 'x\n');
        const byGit = (await gitIgnored(repo.path, paths))!;
        assert.ok(byGit, 'git check-ignore failed');
        const files = new IgnoreFiles(repo.path, repo.path, {});
        const byLibrary = new Set<string>();
        for (const p of paths) if (await files.ignores(join(repo.path, p))) byLibrary.add(p);
        assert.deepEqual([...byLibrary].sort(), [...byGit].sort(), 'the ignore library and git disagree');
        assert.deepEqual([...byGit].sort(), [...c.ignored].sort(), 'git does not ignore what the case says');
      } finally {
        repo.dispose();
      }
    });
  }
});
