import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits } from '../../src/core/fix/text-edit';
import { excludeFromFilesEdit } from '../../src/core/exits';
import { checkNpmPackage } from '../../src/node/exits/npm';
import { fake } from '../helpers/fake-keys';
import { tempDir } from '../helpers/temp-dir';

/** What the real npm packs: `npm pack --dry-run --json`, no scripts, offline. */
function npmPacks(dir: string): string[] {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--offline'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
  });
  assert.equal(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>)[0].files.map(f => f.path);
}

/** Secret files planted in every layout, beside ordinary ones. */
const SECRETS = ['.env', '.env.local', 'dist/.env', 'dist/sub/.env.production', 'certs/server.pem', '.npmrc'];

function layout(files: Record<string, string>): ReturnType<typeof tempDir> {
  return tempDir({
    '.env': `ANTHROPIC_API_KEY=${fake.anthropic()}\n`,
    '.env.local': 'A=1\n',
    'dist/.env': 'A=1\n',
    'dist/sub/.env.production': 'A=1\n',
    'dist/index.js': 'module.exports = 1;\n',
    'certs/server.pem': `${fake.pem()}\n`,
    '.npmrc': `//registry.npmjs.org/:_authToken=npm_${'a'.repeat(36)}\n`,
    'lib/a.js': '1\n',
    ...files,
  });
}

const LAYOUTS: Array<[string, Record<string, string>]> = [
  [
    'an .npmignore that forgets .env (npm then reads no .gitignore)',
    { 'package.json': '{"name": "a", "version": "1.0.0"}\n', '.npmignore': 'node_modules\n', '.gitignore': '.env*\n*.pem\n' },
  ],
  ['only a .gitignore', { 'package.json': '{"name": "a", "version": "1.0.0"}\n', '.gitignore': '.env\n' }],
  [
    'files naming folders; the root ignore files do not count then',
    { 'package.json': '{"name": "a", "version": "1.0.0", "files": ["dist", "lib"]}\n', '.gitignore': '.env*\n', '.npmignore': '.env*\n' },
  ],
  ['files, and a folder’s own .npmignore', { 'package.json': '{"name": "a", "version": "1.0.0", "files": ["dist/", "./lib"]}\n', 'dist/.npmignore': '.env\n' }],
  ['files with a ! entry and globs', { 'package.json': '{"name": "a", "version": "1.0.0", "files": ["dist", "*.pem", "!dist/.env", "certs"]}\n' }],
  [
    'a folder’s .gitignore where it has no .npmignore',
    { 'package.json': '{"name": "a", "version": "1.0.0"}\n', '.npmignore': 'lib\n', 'dist/.gitignore': '.env*\n' },
  ],
  [
    'a ! line below taking a file back',
    { 'package.json': '{"name": "a", "version": "1.0.0"}\n', '.npmignore': '.env*\n*.pem\n', 'dist/.npmignore': '!.env\n' },
  ],
];

describe('npm package: secret files npm publish would send', () => {
  let dir: ReturnType<typeof tempDir>;
  afterEach(() => dir?.dispose());

  for (const [name, files] of LAYOUTS) {
    it(`says what the real npm pack --dry-run packs: ${name}`, async () => {
      dir = layout(files);
      const packed = npmPacks(dir.path).filter(p => SECRETS.includes(p));
      const found = (await checkNpmPackage(join(dir.path, 'package.json'))).map(f => f.relativePath);
      assert.deepEqual(found, [...packed].sort());
    });
  }

  it('checks nothing in a private package, and says how to fix each in the message', async () => {
    dir = layout({ 'package.json': '{"name": "a", "private": true}\n' });
    assert.deepEqual(await checkNpmPackage(join(dir.path, 'package.json')), []);
    writeFileSync(join(dir.path, 'package.json'), '{"name": "a", "version": "1.0.0", "files": ["dist"]}\n');
    const [first] = await checkNpmPackage(join(dir.path, 'package.json'));
    assert.equal(
      first.message,
      'npm publish would send dist/.env (an environment file) to the registry, where anyone can download it and every version stays: add "!dist/.env" to "files" in package.json.',
    );
    assert.deepEqual(first.fix, { kind: 'files', entry: '!dist/.env' });
  });

  it('the files fix appends a ! entry in the file’s own style, and npm then leaves the file out', async () => {
    const text = '{\r\n\t"name": "a",\r\n\t"version": "1.0.0",\r\n\t"files": [\r\n\t\t"dist"\r\n\t]\r\n}\r\n';
    dir = layout({ 'package.json': text });
    let current = text;
    for (const f of await checkNpmPackage(join(dir.path, 'package.json'))) {
      assert.equal(f.fix.kind, 'files');
      current = applyEdits(current, [excludeFromFilesEdit(current, f.relativePath)!]);
    }
    assert.equal(
      current,
      '{\r\n\t"name": "a",\r\n\t"version": "1.0.0",\r\n\t"files": [\r\n\t\t"dist",\r\n\t\t"!dist/.env",\r\n\t\t"!dist/sub/.env.production"\r\n\t]\r\n}\r\n',
    );
    writeFileSync(join(dir.path, 'package.json'), current);
    assert.deepEqual(
      npmPacks(dir.path).filter(p => SECRETS.includes(p)),
      [],
    );
    assert.deepEqual(await checkNpmPackage(join(dir.path, 'package.json')), []);
    assert.equal(readFileSync(join(dir.path, 'package.json'), 'utf8'), current);
  });
});
