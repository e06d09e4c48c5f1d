import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fake, hiddenPart } from '../helpers/fake-keys';
import { GIT_TEST_ENV, gitRepo } from '../helpers/git-repo';
import { DIST } from '../helpers/repo';

// Issue 21: `--format gitlab` writes GitLab's secret detection report, which GitLab refuses
// whole when a required field is missing. The fields below are the schema's `required` lists
// (security report schema 15.x: the report, `scan`, its analyzer and scanner, each
// vulnerability, its identifiers and its secret-detection location).

type Json = Record<string, unknown>;

/** The paths of required fields that are missing or of the wrong kind. */
function missing(report: Json): string[] {
  const problems: string[] = [];
  const need = (object: unknown, path: string, fields: Record<string, (v: unknown) => boolean>) => {
    for (const [field, ok] of Object.entries(fields)) {
      const value = (object as Json | undefined)?.[field];
      if (!ok(value)) problems.push(`${path}.${field}`);
    }
  };
  const str = (v: unknown) => typeof v === 'string' && v.length > 0;
  const time = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(v);
  const obj = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  need(report, 'report', { version: v => typeof v === 'string' && /^15\.\d+\.\d+$/.test(v), scan: obj, vulnerabilities: Array.isArray });
  const scan = report.scan as Json;
  need(scan, 'scan', {
    analyzer: obj,
    scanner: obj,
    type: v => v === 'secret_detection',
    start_time: time,
    end_time: time,
    status: v => v === 'success' || v === 'failure',
  });
  for (const part of ['analyzer', 'scanner']) {
    need(scan[part], `scan.${part}`, { id: str, name: str, version: str, vendor: obj });
    need((scan[part] as Json)?.vendor, `scan.${part}.vendor`, { name: str });
  }
  (report.vulnerabilities as Json[]).forEach((v, i) => {
    need(v, `vulnerabilities[${i}]`, {
      id: str,
      identifiers: x => Array.isArray(x) && x.length > 0,
      location: obj,
      severity: x => ['Info', 'Unknown', 'Low', 'Medium', 'High', 'Critical'].includes(x as string),
      name: x => x === undefined || (typeof x === 'string' && x.length <= 255),
    });
    for (const [j, id] of ((v.identifiers as Json[]) ?? []).entries())
      need(id, `vulnerabilities[${i}].identifiers[${j}]`, { type: str, name: str, value: str });
    need(v.location, `vulnerabilities[${i}].location`, { file: str, commit: obj });
    need((v.location as Json)?.commit, `vulnerabilities[${i}].location.commit`, { sha: str });
  });
  return problems;
}

describe('--format gitlab: GitLab secret detection report (CLI)', () => {
  let repo: ReturnType<typeof gitRepo> | undefined;
  afterEach(() => repo?.dispose());
  const cli = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [join(DIST, 'cli.js'), ...args], {
      cwd: repo!.path,
      encoding: 'utf8',
      env: { ...process.env, ...GIT_TEST_ENV, ...env },
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('writes every required field, the commit of HEAD, masked values and stable ids; exits 1', () => {
    const key = fake.anthropic();
    repo = gitRepo({ 'src/client.ts': `export const client = new Anthropic({ apiKey: '${key}' });\n`, '.env': 'A=1\n' }, ['src/client.ts', '.env']);
    const head = repo.git('rev-parse', 'HEAD').trim();
    const run = cli(['scan', '.', '--format', 'gitlab', '--quiet'], { CI_COMMIT_SHA: '' });
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as Json;
    assert.deepEqual(missing(report), []);
    const vulns = report.vulnerabilities as Json[];
    const secret = vulns.find(v => (v.identifiers as Json[])[0].value === 'anthropic-api-key')!;
    assert.ok(secret, 'the key is reported');
    assert.deepEqual(secret.location, { file: 'src/client.ts', start_line: 1, end_line: 1, commit: { sha: head } });
    assert.equal(secret.severity, 'Critical');
    assert.match(String(secret.name), /^Anthropic /);
    assert.ok(
      vulns.some(v => (v.location as Json).file === '.env'),
      'the tracked .env is reported too',
    );
    assert.ok(!run.stdout.includes(hiddenPart(key)), 'the key appears masked only');
    // The same finding keeps its id from one pipeline to the next.
    const again = JSON.parse(cli(['scan', '.', '--format', 'gitlab', '--quiet']).stdout) as Json;
    assert.deepEqual(
      (again.vulnerabilities as Json[]).map(v => v.id),
      vulns.map(v => v.id),
    );
  });

  it("takes the pipeline's CI_COMMIT_SHA, and writes an empty report that GitLab accepts when clean", () => {
    repo = gitRepo({ 'README.md': '# nothing here\n', '.gitignore': '.env\n' }, ['README.md', '.gitignore']);
    const clean = cli(['scan', '.', '--format', 'gitlab', '--quiet']);
    assert.equal(clean.status, 0, clean.stderr);
    const report = JSON.parse(clean.stdout) as Json;
    assert.deepEqual(missing(report), []);
    assert.deepEqual(report.vulnerabilities, []);
    repo.write('config.py', `OPENAI_API_KEY = "${fake.openai()}"\n`);
    const sha = 'a'.repeat(40);
    const found = JSON.parse(cli(['scan', '.', '--format', 'gitlab', '--quiet'], { CI_COMMIT_SHA: sha }).stdout) as Json;
    assert.deepEqual(missing(found), []);
    assert.deepEqual(
      (found.vulnerabilities as Json[]).map(v => ((v.location as Json).commit as Json).sha),
      [sha],
    );
  });
});
