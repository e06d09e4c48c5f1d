import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { fake, hiddenPart } from '../helpers/fake-keys';
import { gitRepo } from '../helpers/git-repo';
import { DIST } from '../helpers/repo';

// The official SARIF 2.1.0 schema (OASIS, as published with the standard), shipped in Microsoft's package.
const SARIF_SCHEMA = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));

describe('secret-safe scan (CLI) in CI and hooks: SARIF, --staged, --since, --stdin, baselines', () => {
  let repo: ReturnType<typeof gitRepo>;
  afterEach(() => repo?.dispose());

  const cli = (args: string[], input?: string) => {
    const r = spawnSync(process.execPath, [join(DIST, 'cli.js'), ...args], { cwd: repo.path, encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '' } });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const neverFull = (keys: string[], ...outputs: string[]): void => {
    for (const key of keys) for (const out of outputs) assert.ok(!out.includes(hiddenPart(key)), 'a key appeared in full');
  };

  it('writes SARIF 2.1.0 that the official schema accepts, with rules, help, regions and fingerprints', () => {
    const anthropic = fake.anthropic();
    const openai = fake.openai();
    repo = gitRepo(
      {
        '.gitignore': 'node_modules/\n',
        'src/llm.ts': `const a = '${anthropic}';\n\nconst b = "${openai}";\n`,
        'my dir/app.py': `KEY = "${openai}"\n`,
        '.env': 'A=1\n',
      },
      ['.gitignore', '.env'],
    );
    const r = cli(['scan', '--format', 'sarif', '--output', 'report.sarif']);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stdout, '', 'the report went to the file');
    const text = readFileSync(join(repo.path, 'report.sarif'), 'utf8');
    neverFull([anthropic, openai], text, r.stderr);
    // biome-ignore lint/suspicious/noExplicitAny: its shape is what the schema checks
    const log: any = JSON.parse(text);
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }); // the schema's language pattern is not valid with the u flag;
    addFormats(ajv);
    const validate = ajv.compile(SARIF_SCHEMA);
    assert.ok(validate(JSON.parse(text)), JSON.stringify(validate.errors, null, 2));

    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'Secret Safe');
    const ruleIds = run.tool.driver.rules.map((x: { id: string }) => x.id);
    assert.equal(new Set(ruleIds).size, ruleIds.length, 'each rule described once');
    for (const result of run.results) {
      assert.equal(ruleIds[result.ruleIndex], result.ruleId, 'ruleIndex points at the rule');
    }
    const anthropicRule = run.tool.driver.rules.find((x: { id: string }) => x.id === 'anthropic-api-key');
    assert.match(anthropicRule.helpUri, /docs\/rules\.md#anthropic-api-key$/);
    assert.match(anthropicRule.help.text, /ANTHROPIC_API_KEY/);
    const onLlm = run.results.filter(
      (x: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
        x.locations[0].physicalLocation.artifactLocation.uri === 'src/llm.ts',
    );
    assert.deepEqual(
      onLlm.map((x: { ruleId: string; locations: Array<{ physicalLocation: { region: object } }> }) => [x.ruleId, x.locations[0].physicalLocation.region]),
      [
        ['anthropic-api-key', { startLine: 1, startColumn: 12, endLine: 1, endColumn: 12 + anthropic.length }],
        [onLlm[1].ruleId, { startLine: 3, startColumn: 12, endLine: 3, endColumn: 12 + openai.length }],
      ],
    );
    assert.ok(
      run.results.some(
        (x: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
          x.locations[0].physicalLocation.artifactLocation.uri === 'my%20dir/app.py',
      ),
      'paths are URI-encoded',
    );
    const hygiene = run.results.find((x: { ruleId: string }) => x.ruleId === 'secret-file-tracked');
    assert.equal(hygiene.level, 'error');
    // The same key in two files: the same fingerprint (it names the secret), two results.
    const openaiPrints = run.results
      .filter((x: { ruleId: string }) => x.ruleId === onLlm[1].ruleId)
      .map((x: { partialFingerprints: Record<string, string> }) => x.partialFingerprints['secretSafe/v2']);
    assert.equal(openaiPrints.length, 2);
    assert.equal(openaiPrints[0], openaiPrints[1]);
    assert.match(openaiPrints[0], /^[0-9a-f]{64}$/);
  });

  it('--staged scans what the index holds, not the working tree, and stops a commit through the exit code', () => {
    const staged = fake.anthropic();
    const unstaged = fake.openai();
    repo = gitRepo({ 'README.md': '# app\n' }, ['README.md']);
    repo.write('src/a.ts', `export const key = '${staged}';\n`);
    repo.git('add', 'src/a.ts');
    // After staging, the key is removed in the working tree and another one typed, not staged.
    repo.write('src/a.ts', `export const key = process.env.KEY;\nexport const other = '${unstaged}';\n`);
    repo.write('src/untracked.ts', `const k = '${fake.anthropic()}';\n`);
    const r = cli(['scan', '--staged']);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^src\/a\.ts:1:21  anthropic-api-key  sk-ant-api03-\*+/);
    assert.equal(r.stdout.trim().split('\n').length, 1, `only the staged key: ${r.stdout}`);
    assert.match(r.stderr, /1 secret found in 1 file \(1 staged file scanned\)/);
    neverFull([staged, unstaged], r.stdout, r.stderr);

    // Once the fix is staged too, the commit may go ahead.
    repo.git('add', 'src/a.ts');
    repo.write('src/a.ts', 'export const key = process.env.KEY;\n');
    repo.git('add', 'src/a.ts');
    const clean = cli(['scan', '--staged']);
    assert.equal(clean.status, 0, clean.stdout);
  });

  it('--staged reports a staged .env as committed, and skips staged binaries', () => {
    repo = gitRepo({ 'README.md': '# app\n' }, ['README.md']);
    repo.write('.env', 'A=1\n');
    repo.write('logo.bin', 'PNG\0\0\0binary');
    repo.git('add', '.env', 'logo.bin');
    const r = cli(['scan', '--staged']);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '.env:1:1  secret-file-tracked  committed to git: untrack it and rotate its keys\n');
  });

  it('--since reports only the lines added since a revision, and new files whole', () => {
    const old = fake.anthropic();
    const added = fake.openai();
    repo = gitRepo({ 'src/a.ts': `const old = '${old}';\nconst x = 1;\n` }, ['src/a.ts']);
    repo.git('tag', 'base');
    repo.write('src/a.ts', `const old = '${old}';\nconst x = 1;\nconst added = '${added}';\n`);
    repo.write('src/new.ts', `const n = '${old}';\n`);
    const r = cli(['scan', '--since', 'base', '--format', 'json']);
    assert.equal(r.status, 1, r.stderr);
    const rows = JSON.parse(r.stdout) as Array<{ file: string; line: number }>;
    assert.deepEqual(rows.map(x => `${x.file}:${x.line}`).sort(), ['src/a.ts:3', 'src/new.ts:1']);
    const bad = cli(['scan', '--since', 'no-such-rev']);
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr, "secret-safe: git: unknown revision 'no-such-rev'\n");
  });

  it('--stdin scans standard input, named by --stdin-name', () => {
    const key = fake.anthropic();
    repo = gitRepo();
    const r = cli(['scan', '--stdin', '--stdin-name', 'clipboard.txt'], `line one\nkey=${key}\n`);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^clipboard\.txt:2:5  anthropic-api-key  sk-ant-api03-\*+/);
    neverFull([key], r.stdout, r.stderr);
    assert.equal(cli(['scan', '--stdin'], 'nothing here\n').status, 0);
  });

  it('a baseline accepts existing findings wherever their lines move; a new secret, or another copy, still fails', () => {
    const accepted = fake.anthropic();
    repo = gitRepo({ 'src/a.ts': `const k = '${accepted}';\n`, 'src/b.ts': 'export {};\n' });
    const write = cli(['scan', '--write-baseline', '.secret-safe-baseline.json']);
    assert.equal(write.status, 0, write.stderr);
    assert.match(write.stderr, /wrote 1 finding to \.secret-safe-baseline\.json/);
    const baseline = readFileSync(join(repo.path, '.secret-safe-baseline.json'), 'utf8');
    neverFull([accepted], baseline);
    assert.deepEqual(
      JSON.parse(baseline).findings.map((x: { file: string; ruleId: string }) => [x.file, x.ruleId]),
      [['src/a.ts', 'anthropic-api-key']],
    );

    // Lines move: ten lines are inserted above the key, and it is indented.
    repo.write('src/a.ts', `${'// moved\n'.repeat(10)}function f() {\n  const k = '${accepted}';\n}\n`);
    const moved = cli(['scan', '--baseline', '.secret-safe-baseline.json']);
    assert.equal(moved.status, 0, moved.stdout);
    assert.match(moved.stderr, /no secrets found, 1 accepted by the baseline/);

    // A new key fails; so does a second copy of the accepted one in another file.
    const fresh = fake.openai();
    repo.write('src/b.ts', `const fresh = '${fresh}';\nconst again = '${accepted}';\n`);
    const r = cli(['scan', '--baseline', '.secret-safe-baseline.json', '--format', 'json']);
    assert.equal(r.status, 1);
    assert.deepEqual(
      (JSON.parse(r.stdout) as Array<{ file: string; line: number }>).map(x => `${x.file}:${x.line}`),
      ['src/b.ts:1', 'src/b.ts:2'],
    );
    // The baseline works from another folder too: its paths are relative to the baseline file.
    const fromSrc = spawnSync(process.execPath, [join(DIST, 'cli.js'), 'scan', 'a.ts', '--baseline', '../.secret-safe-baseline.json'], {
      cwd: join(repo.path, 'src'),
      encoding: 'utf8',
    });
    assert.equal(fromSrc.status, 0, fromSrc.stdout);
  });

  it('uses the baseline .secret-safe.json names, and warns when it is missing', () => {
    const accepted = fake.anthropic();
    repo = gitRepo({ 'a.ts': `const k = '${accepted}';\n` });
    assert.equal(cli(['scan', '--write-baseline', 'accepted.json']).status, 0);
    repo.write('.secret-safe.json', '{ "baseline": "accepted.json" }\n');
    const r = cli(['scan']);
    assert.equal(r.status, 0, r.stdout);
    assert.match(r.stderr, /1 accepted by the baseline/);
    repo.write('.secret-safe.json', '{ "baseline": "gone.json" }\n');
    const missing = cli(['scan']);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /^secret-safe: config: \.secret-safe\.json:1: the baseline gone\.json does not exist; no finding is accepted\n/);
  });

  it('gives the same report, in the same order, on worker threads as on one thread', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++)
      files[`pkg${i % 7}/m${i}.ts`] = i % 37 === 0 ? `export const k${i} = '${fake.anthropic()}';\n` : `export const v${i} = ${i};\n`;
    files['pkg3/.gitignore'] = 'm1*.ts\n';
    files['pkg1/blob.bin'] = 'bin\u0000ary';
    repo = gitRepo(files);
    const one = cli(['scan', '--threads', '1', '--format', 'json']);
    const three = cli(['scan', '--threads', '3', '--format', 'json']);
    assert.equal(one.status, 1);
    assert.equal(three.status, 1);
    assert.ok(JSON.parse(one.stdout).length >= 8, 'found the keys');
    assert.equal(three.stdout, one.stdout);
    assert.equal(three.stderr, one.stderr, 'the same counts');
    const bad = cli(['scan', '--threads', '0']);
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr, "secret-safe: --threads takes a whole number from 1 to 64 (got '0')\n");
  });

  it('exits 2 with one clear line for a bad baseline, conflicting options or an unknown format', () => {
    repo = gitRepo({ 'a.txt': 'hello\n', 'bad.json': '{"version": 1, "findings": [{"file": "a"}]}', 'old.json': '{"version": 9, "findings": []}' });
    const cases: Array<[string[], RegExp]> = [
      [['scan', '--baseline', 'missing.json'], /^secret-safe: cannot read the baseline .*missing\.json: no such file\n$/],
      [['scan', '--baseline', 'a.txt'], /^secret-safe: the baseline .*a\.txt is not JSON: .*\n$/],
      [['scan', '--baseline', 'bad.json'], /^secret-safe: the baseline .*bad\.json: finding 1 needs "file", "ruleId" and a 64-hex-digit "fingerprint"\n$/],
      [['scan', '--baseline', 'old.json'], /^secret-safe: the baseline .*old\.json has version 9; this secret-safe reads versions 1 and 2\n$/],
      [['scan', '--staged', '--stdin'], /^secret-safe: --staged and --stdin cannot be combined\n$/],
      [['scan', '--stdin', 'src'], /^secret-safe: --stdin scans standard input: give no paths with it\n$/],
      [['scan', '--format', 'xml'], /^secret-safe: unknown format 'xml' \(use text, json, sarif or gitlab\)\n$/],
    ];
    for (const [args, stderr] of cases) {
      const r = cli(args, '');
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, stderr);
      assert.equal(r.stdout, '');
    }
    const notRepo = spawnSync(process.execPath, [join(DIST, 'cli.js'), 'scan', '--staged'], { cwd: '/', encoding: 'utf8' });
    assert.equal(notRepo.status, 2);
    assert.match(notRepo.stderr, /^secret-safe: git: fatal: not a git repository/);
  });

  it('--quiet prints findings only; colours only in a terminal, never with --no-color or NO_COLOR', () => {
    const key = fake.anthropic();
    repo = gitRepo({ 'a.ts': `const k = '${key}';\n` });
    const quiet = cli(['scan', '--quiet']);
    assert.equal(quiet.status, 1);
    assert.equal(quiet.stderr, '');
    assert.doesNotMatch(quiet.stdout, /\x1b\[/, 'no colour into a pipe');
    assert.equal(cli(['scan', '-q', '--no-color']).stdout, quiet.stdout);
    // In a terminal (script(1) gives the CLI a pseudo-terminal): the place bold, the rule red for an error.
    const inTerminal = (extra: string, env: NodeJS.ProcessEnv = {}) =>
      spawnSync('script', ['-qec', `${process.execPath} ${join(DIST, 'cli.js')} scan -q ${extra}`, '/dev/null'], {
        cwd: repo.path,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '', ...env },
      }).stdout;
    assert.match(inTerminal(''), /\x1b\[1ma\.ts:1:12\x1b\[0m  \x1b\[31manthropic-api-key\x1b\[0m  sk-ant-api03-/);
    assert.doesNotMatch(inTerminal('--no-color'), /\x1b\[/);
    assert.doesNotMatch(inTerminal('', { NO_COLOR: '1' }), /\x1b\[/);
  });
});
