import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { fake, hiddenPart } from '../helpers/fake-keys';
import { GIT_TEST_ENV, gitRepo } from '../helpers/git-repo';
import { DIST, REPO_ROOT } from '../helpers/repo';
import { tempDir } from '../helpers/temp-dir';

// Issue 21: CI in one line. The GitHub Action (action.yml) and the GitLab template
// (ci/gitlab/secret-safe.gitlab-ci.yml) are run here as their runners would run them: the same
// shell scripts, the same inputs and variables, against a real git repository. Only what needs
// the network is left out: actions/setup-node, and the template's `npm install` (the built CLI
// stands in for the installed one).

interface Step {
  name: string;
  id?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}
interface Action {
  inputs: Record<string, { default: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as Action;

/** Runs the Action's own steps in bash, with its expressions filled in as GitHub would. */
function runAction(workspace: string, inputs: Record<string, string>, event: { baseSha?: string } = {}) {
  const values = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, inputs[k] ?? v.default]));
  const context: Record<string, string> = {
    'github.action_path': REPO_ROOT,
    'github.workspace': workspace,
    'github.event.pull_request.base.sha': event.baseSha ?? '',
    ...Object.fromEntries(Object.entries(values).map(([k, v]) => [`inputs.${k}`, v])),
  };
  const fill = (s: string): string =>
    s.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, expr: string) => {
      assert.ok(expr in context, `the test knows the expression ${expr}`);
      return context[expr];
    });
  const output = tempDir();
  const log: string[] = [];
  let status = 0;
  for (const step of action.runs.steps) {
    if (step.uses) continue; // actions/setup-node: this machine has Node already
    // As GitHub runs a `shell: bash` step: bash --noprofile --norc -eo pipefail.
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', fill(step.run!)], {
      cwd: fill(step['working-directory'] ?? workspace),
      encoding: 'utf8',
      env: {
        ...process.env,
        ...GIT_TEST_ENV,
        GITHUB_OUTPUT: join(output.path, 'out'),
        ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, fill(v)])),
      },
    });
    log.push(r.stdout, r.stderr);
    status = r.status ?? -1;
    if (status !== 0) break;
  }
  const outputs = Object.fromEntries(
    (spawnSync('cat', [join(output.path, 'out')], { encoding: 'utf8' }).stdout ?? '')
      .split('\n')
      .filter(Boolean)
      .map(l => l.split(/=(.*)/s).slice(0, 2)),
  );
  output.dispose();
  return { status, log: log.join(''), outputs };
}

describe('CI in one line: the GitHub Action and the GitLab template, run locally', () => {
  let repo: ReturnType<typeof gitRepo> | undefined;
  afterEach(() => repo?.dispose());

  it('the Action is a composite Node action whose inputs all have defaults', () => {
    assert.equal(action.runs.using, 'composite');
    assert.ok(action.runs.steps.some(s => s.uses?.startsWith('actions/setup-node@')));
    for (const [name, input] of Object.entries(action.inputs)) assert.equal(typeof input.default, 'string', name);
  });

  it('the Action fails on a key, writes SARIF and annotates the line with the value masked', () => {
    const key = fake.github();
    repo = gitRepo({ 'deploy.sh': `#!/bin/sh\nexport GITHUB_TOKEN=${key}\n`, '.gitignore': '.env\n' }, ['deploy.sh', '.gitignore']);
    const run = runAction(repo.path, {});
    assert.equal(run.status, 1, run.log);
    assert.equal(run.outputs.findings, '1');
    assert.equal(run.outputs['sarif-file'], 'secret-safe.sarif');
    const sarif = JSON.parse(readFileSync(join(repo.path, 'secret-safe.sarif'), 'utf8'));
    assert.equal(sarif.runs[0].results[0].ruleId, 'github-pat');
    assert.match(run.log, /::error file=deploy\.sh,line=2,title=github-pat::GitHub/);
    assert.ok(!run.log.includes(hiddenPart(key)) && !JSON.stringify(sarif).includes(hiddenPart(key)), 'masked everywhere');
    // fail-on-findings: false reports without failing.
    assert.equal(runAction(repo.path, { 'fail-on-findings': 'false' }).status, 0);
  });

  it("on a pull request the Action reports only what it adds, from the base's commit", () => {
    repo = gitRepo({ 'old.ts': `const legacyToken = "${fake.github()}";\n`, '.gitignore': '.env\n' }, ['old.ts', '.gitignore']);
    const base = repo.git('rev-parse', 'HEAD').trim();
    repo.write('feature.ts', 'export const feature = 1;\n');
    repo.git('add', 'feature.ts');
    repo.git('commit', '-q', '-m', 'feature');
    const clean = runAction(repo.path, {}, { baseSha: base });
    assert.equal(clean.status, 0, clean.log);
    assert.equal(clean.outputs.findings, '0');
    repo.write('feature.ts', `export const feature = "${fake.openai()}";\n`);
    repo.git('commit', '-q', '-am', 'key');
    const found = runAction(repo.path, {}, { baseSha: base });
    assert.equal(found.status, 1, found.log);
    assert.equal(found.outputs.findings, '1');
    assert.match(found.log, /file=feature\.ts,line=1,title=openai-/);
  });

  it('the GitLab template writes its report where its artifact says, and fails the job on a key', () => {
    const template = parse(readFileSync(join(REPO_ROOT, 'ci/gitlab/secret-safe.gitlab-ci.yml'), 'utf8')) as {
      variables: Record<string, string>;
      secret_detection: { script: string[]; artifacts: { reports: { secret_detection: string } } };
    };
    const job = template.secret_detection;
    assert.equal(job.artifacts.reports.secret_detection, '$SECRET_SAFE_REPORT');
    assert.match(job.script[0], /^npm install --global/);
    repo = gitRepo({ 'settings.py': `ANTHROPIC_API_KEY = "${fake.anthropic()}"\n`, '.gitignore': '.env\n' }, ['settings.py', '.gitignore']);
    const bin = tempDir();
    bin.write('secret-safe', `#!/bin/sh\nexec "${process.execPath}" "${join(DIST, 'cli.js')}" "$@"\n`);
    spawnSync('chmod', ['+x', join(bin.path, 'secret-safe')]);
    const r = spawnSync('bash', ['-c', job.script.slice(1).join('\n')], {
      cwd: repo.path,
      encoding: 'utf8',
      env: {
        ...process.env,
        ...GIT_TEST_ENV,
        ...template.variables,
        PATH: `${bin.path}:${process.env.PATH}`,
        CI_COMMIT_SHA: repo.git('rev-parse', 'HEAD').trim(),
      },
    });
    bin.dispose();
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(readFileSync(join(repo.path, template.variables.SECRET_SAFE_REPORT), 'utf8'));
    assert.equal(report.scan.type, 'secret_detection');
    assert.deepEqual(
      report.vulnerabilities.map((v: { location: { file: string } }) => v.location.file),
      ['settings.py'],
    );
  });
});
