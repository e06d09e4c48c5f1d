import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fake, gen, hiddenPart } from '../helpers/fake-keys';
import { DIST } from '../helpers/repo';
import { tempDir } from '../helpers/temp-dir';
import { dayFromToday } from '../helpers/dates';

function cli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(DIST, 'cli.js'), ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A date `days` from today (UTC), as the annotations write it. */
const fromToday = dayFromToday;

const day10 = (): string => fromToday(-10);

describe('secret-safe inventory (CLI)', () => {
  let dir: ReturnType<typeof tempDir>;
  afterEach(() => dir?.dispose());

  // Three environments, code in five languages, an annotated template; the env files git-ignored.
  const github = fake.github();
  const anthropicDev = fake.anthropic();
  const anthropicProd = fake.anthropic();
  const shared = `pw_${gen.alnum(24)}`;
  const values = [github, anthropicDev, anthropicProd, shared];
  const fixture = (): Record<string, string> => ({
    '.gitignore': '.env\n.env.*\n!.env.example\n',
    '.env.example': [
      '# @owner platform-team @purpose the GitHub API, for release notes',
      `# @rotate 90d @rotated ${fromToday(-100)}`,
      'GITHUB_TOKEN=',
      `# @owner ml-team @purpose Claude for summaries @rotated ${fromToday(-20)}`,
      'ANTHROPIC_API_KEY=',
      `# @owner dba @expires ${fromToday(-1)} @rotte 30d`,
      'DB_PASSWORD=',
      'LOG_LEVEL=',
      '',
    ].join('\n'),
    '.env': `GITHUB_TOKEN=${github}\nANTHROPIC_API_KEY=${anthropicDev}\nDB_PASSWORD=${shared}\nLOG_LEVEL=debug\nOLD_FEATURE_FLAG=on\n`,
    '.env.staging': `ANTHROPIC_API_KEY=${anthropicDev}\nDB_PASSWORD=${shared}\nLOG_LEVEL=info\n`,
    '.env.production': `ANTHROPIC_API_KEY=${anthropicProd}\nDB_PASSWORD=${shared}\nLOG_LEVEL=warn\nSECRET_1=${gen.alnum(20)}\n`,
    'web/src/release.ts': 'export const token = process.env.GITHUB_TOKEN;\nexport const env = process.env.NODE_ENV;\n',
    'worker/summarise.py': 'import os\n\nclient = Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])\nlevel = os.getenv("LOG_LEVEL")\n',
    'db/main.go': 'package main\n\nimport "os"\n\nvar password = os.Getenv("DB_PASSWORD")\n',
    'ops/deploy.rb': 'hook = ENV.fetch("SLACK_WEBHOOK_URL")\n',
    'api/src/Config.java': 'class Config {\n  String secret = System.getenv("SECRET_1");\n}\n',
    'docs/setup.md': 'Set `process.env.DOCS_ONLY_KEY` in your shell.\n',
  });

  it('lists every key of three environments and five languages, with its problems, as JSON', () => {
    dir = tempDir(fixture());
    spawnSync('git', ['init', '-q'], { cwd: dir.path });
    const r = cli(['inventory', '--format', 'json'], dir.path);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { keys: Array<Record<string, unknown>>; annotationProblems: Array<Record<string, unknown>> };
    const summary = report.keys.map(k => ({ name: k.name, environments: k.environments, secret: k.secret, documented: k.documented, problems: k.problems }));
    assert.deepEqual(summary, [
      {
        name: 'ANTHROPIC_API_KEY',
        environments: ['development', 'production', 'staging'],
        secret: true,
        documented: true,
        problems: ['shared-across-environments', 'rotation-due'],
      },
      {
        name: 'DB_PASSWORD',
        environments: ['development', 'production', 'staging'],
        secret: true,
        documented: true,
        problems: ['shared-across-environments', 'expired'],
      },
      { name: 'GITHUB_TOKEN', environments: ['development'], secret: true, documented: true, problems: ['rotation-overdue'] },
      { name: 'LOG_LEVEL', environments: ['development', 'production', 'staging'], secret: false, documented: true, problems: [] },
      { name: 'OLD_FEATURE_FLAG', environments: ['development'], secret: false, documented: false, problems: ['unused', 'undocumented'] },
      { name: 'SECRET_1', environments: ['production'], secret: true, documented: false, problems: ['undocumented', 'vague-name'] },
      { name: 'SLACK_WEBHOOK_URL', environments: [], secret: false, documented: false, problems: ['missing'] },
    ]);
    const github = report.keys.find(k => k.name === 'GITHUB_TOKEN')!;
    assert.deepEqual(
      { owner: github.owner, purpose: github.purpose, rotateEveryDays: github.rotateEveryDays, rotated: github.rotated, rotationDue: github.rotationDue },
      { owner: 'platform-team', purpose: 'the GitHub API, for release notes', rotateEveryDays: 90, rotated: fromToday(-100), rotationDue: fromToday(-10) },
    );
    assert.deepEqual(github.definedIn, [{ file: '.env', line: 1 }]);
    assert.deepEqual(github.readBy, [{ file: 'web/src/release.ts', line: 1 }]);
    assert.equal(report.keys.find(k => k.name === 'ANTHROPIC_API_KEY')!.rotationDue, fromToday(10), 'production: every 30 days, so due within two weeks');
    assert.deepEqual(report.annotationProblems, [{ file: '.env.example', line: 6, variable: 'DB_PASSWORD', message: report.annotationProblems[0].message }]);
    assert.match(String(report.annotationProblems[0].message), /^Unknown annotation @rotte/);
  });

  it('shows no value, not even masked, in any format', () => {
    dir = tempDir(fixture());
    for (const format of ['text', 'json', 'md', 'csv']) {
      const r = cli(['inventory', '--format', format], dir.path);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(r.stdout.includes('GITHUB_TOKEN'), format);
      for (const value of [...values, 'debug', 'sk-ant-', 'ghp_', 'pw_']) {
        assert.ok(!r.stdout.includes(value.length > 12 ? hiddenPart(value) : value), `${format} shows part of a value`);
        assert.ok(!r.stderr.includes(value.length > 12 ? hiddenPart(value) : value), `${format} summary shows part of a value`);
      }
    }
  });

  it('gives a Markdown table for the audit ticket and a CSV a spreadsheet opens', () => {
    dir = tempDir(fixture());
    const md = cli(['inventory', '--format', 'md'], dir.path).stdout.split('\n');
    assert.match(md[0], /^\| Key \| Scope \| Environments \| Secret \| Owner \| Purpose \|/);
    assert.match(md[1], /^\|( --- \|)+$/);
    const row = md.find(l => l.startsWith('| GITHUB_TOKEN |'))!;
    assert.equal(row.split(' | ').length, 13);
    assert.ok(row.includes('| platform-team | the GitHub API, for release notes | 90 |'));
    const csv = cli(['inventory', '--format', 'csv'], dir.path).stdout.split('\r\n');
    assert.equal(csv[0], 'Key,Scope,Environments,Secret,Owner,Purpose,Rotate (days),Rotated,Due,Expires,Defined in,Read by,Problems');
    assert.ok(csv.some(l => l.startsWith('GITHUB_TOKEN,.,development,yes,platform-team,"the GitHub API, for release notes",90,')));
  });

  it('exits 1 with --check while any key has a problem, 0 once none has', () => {
    dir = tempDir(fixture());
    const failing = cli(['inventory', '--check'], dir.path);
    assert.equal(failing.status, 1);
    assert.match(failing.stderr, /^secret-safe: 7 keys, 6 with problems \(.*\), 1 malformed annotation\n$/);
    dir.dispose();
    dir = tempDir({
      '.env.example': `# @owner web @rotated ${fromToday(-5)}\nSTRIPE_SECRET_KEY=\n`,
      '.env': `STRIPE_SECRET_KEY=sk_test_${gen.alnum(24)}\n`,
      'server.js': 'const stripe = require("stripe")(process.env.STRIPE_SECRET_KEY);\n',
    });
    const clean = cli(['inventory', '--check'], dir.path);
    assert.equal(clean.status, 0, clean.stdout);
    assert.equal(clean.stderr, 'secret-safe: 1 key, 0 with problems\n');
  });

  it('takes the rotation periods from .secret-safe.json, and says what is wrong with one', () => {
    dir = tempDir({
      '.secret-safe.json': JSON.stringify({ rotation: { production: 14, default: 60, staging: 'often' } }),
      '.env.example': `# @rotated ${day10()}\nBILLING_SECRET=\n# @rotated ${day10()}\nDEV_ONLY_SECRET=\n`,
      '.env.production': `BILLING_SECRET=${gen.alnum(24)}\n`,
      '.env': `DEV_ONLY_SECRET=${gen.alnum(24)}\n`,
      'app.py': 'import os\nos.environ["BILLING_SECRET"]\nos.environ["DEV_ONLY_SECRET"]\n',
    });
    const r = cli(['inventory', '--format', 'json'], dir.path);
    const keys = (JSON.parse(r.stdout) as { keys: Array<{ name: string; rotateEveryDays: number; problems: string[] }> }).keys;
    assert.deepEqual(
      keys.map(k => [k.name, k.rotateEveryDays, k.problems]),
      [
        ['BILLING_SECRET', 14, ['rotation-due']],
        ['DEV_ONLY_SECRET', 60, []],
      ],
    );
    assert.match(r.stderr, /config: \.secret-safe\.json:1: "rotation\.staging" must be a whole number of days between 1 and 3650/);
  });

  it('refuses an unknown format with exit 2', () => {
    dir = tempDir({});
    const r = cli(['inventory', '--format', 'sarif'], dir.path);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown format 'sarif' \(use text, json, md or csv\)/);
  });
});
