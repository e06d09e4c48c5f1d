import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fake, gen, hiddenPart } from '../helpers/fake-keys';
import { gitRepo } from '../helpers/git-repo';
import { DIST } from '../helpers/repo';
import { tempDir } from '../helpers/temp-dir';

// Issue 17, items 7 and 8: what the CLI prints when something is wrong quotes paths, revisions and
// the config's own text. None of it may show a key in full, or move the terminal's cursor.

function cli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(DIST, 'cli.js'), ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every key's hidden part is absent from `text`. */
function noneShown(text: string, keys: string[], what: string): void {
  for (const key of keys) assert.ok(!text.includes(hiddenPart(key)), `${what} shows a key in full:\n${text}`);
}

describe('secrets never shown, even in errors (CLI)', () => {
  let dir: ReturnType<typeof tempDir>;
  afterEach(() => dir?.dispose());

  it('masks keys quoted by config problems: field names, rule ids, regexes, allowlist values, globs', () => {
    const keys = [fake.anthropic(), fake.github(), fake.openai(), fake.github(), fake.awsKeyId()];
    const password = gen.alnum(20);
    const config = {
      [keys[0]]: true,
      [password]: 1,
      allowlist: { values: [`${keys[1]}(`] },
      rules: [
        { id: keys[2], regex: 'x{1,3}', keywords: ['x'] },
        { id: 'acme-key', regex: `${keys[3]}[`, keywords: ['ghp_'] },
      ],
      secretFiles: [{ id: 'vault', name: `${keys[4]}.vault` }],
    };
    dir = tempDir({ '.secret-safe.json': JSON.stringify(config, null, 2), 'app.ts': 'export {};\n' });
    const r = cli(['scan', '.'], dir.path);
    assert.equal(r.status, 1, 'the keys in the config file are findings too');
    const problems = r.stderr.split('\n').filter(l => l.includes('config:'));
    assert.ok(problems.length >= 6, `each problem is still reported:\n${r.stderr}`);
    assert.match(r.stderr, /unknown field "sk-ant-api03-\*\*\*\*/, 'the field is named, masked');
    assert.match(r.stderr, /invalid regular expression: unterminated group/, "the regex's fault, without the regex");
    assert.match(r.stderr, /the glob holds a secret/);
    noneShown(r.stdout + r.stderr, keys, 'the config problems');
    assert.ok(!r.stderr.includes(password), `a random field name is masked too:\n${r.stderr}`);
  });

  it('masks keys in baseline errors: its name, and the text around a JSON error', () => {
    const near = fake.github();
    const named = fake.github();
    dir = tempDir({ 'broken.json': `{"version": 1, "findings": [${near}]}`, 'app.ts': 'export {};\n' });
    const broken = cli(['scan', '--baseline', 'broken.json', '.'], dir.path);
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /the baseline .*broken\.json is not JSON: [a-z ]+ at line 1/);
    const missing = cli(['scan', '--baseline', `${named}.json`, '.'], dir.path);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read the baseline .*ghp_\*\*\*\*/);
    noneShown(broken.stderr + missing.stderr, [near, named], 'a baseline error');
  });

  it('masks a key typed as a revision, and escapes control characters in named paths', () => {
    const key = fake.github();
    dir = gitRepo({ 'app.ts': 'export {};\n' }, ['app.ts']);
    const since = cli(['scan', '--since', key], dir.path);
    assert.equal(since.status, 2);
    assert.match(since.stderr, /unknown revision 'ghp_\*\*\*\*/);
    noneShown(since.stderr, [key], 'the git error');
    const forged = cli(['scan', 'no\x1b[2K\rsuch'], dir.path);
    assert.equal(forged.status, 2);
    assert.equal(forged.stderr.includes('\x1b'), false, forged.stderr);
    assert.match(forged.stderr, /no such file or folder: .*no\\x1b\[2K\\rsuch/);
  });

  it('masks a key used as a file name in the text report', () => {
    const key = fake.github();
    const inside = fake.anthropic();
    dir = tempDir({ [`${key}.ts`]: `const k = '${inside}';\n` });
    const r = cli(['scan', '.'], dir.path);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^ghp_\*\*\*\*\w{4}\.ts:1:12 {2}anthropic-api-key/);
    noneShown(r.stdout + r.stderr, [key, inside], 'the report');
  });
});
