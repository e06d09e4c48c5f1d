import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fake, hiddenPart } from '../helpers/fake-keys';
import { gitRepo } from '../helpers/git-repo';
import { DIST } from '../helpers/repo';

/**
 * `secret-safe scan` on a project whose .env is git-ignored (as it should be) but not
 * docker-ignored: `docker build .` would copy it into the image. Git hygiene is clean; the
 * Docker exit is not.
 */
describe('secret-safe scan: secret files an image or a package would carry', () => {
  let repo: ReturnType<typeof gitRepo>;
  afterEach(() => repo?.dispose());
  const key = fake.anthropic();
  const scan = (...args: string[]) => spawnSync(process.execPath, [join(DIST, 'cli.js'), 'scan', ...args], { cwd: repo.path, encoding: 'utf8' });
  /** The exit rows of the JSON report of a scan of the repository. */
  const exitRows = () => (JSON.parse(scan('.', '--format', 'json').stdout) as Array<Record<string, unknown>>).filter(r => r.kind === 'exit');

  function project(): void {
    repo = gitRepo(
      {
        '.gitignore': '.env\nnode_modules/\n',
        '.env': `ANTHROPIC_API_KEY=${key}\n`,
        '.env.example': 'ANTHROPIC_API_KEY=\n',
        'services/api/Dockerfile': 'FROM node:22\nWORKDIR /app\nCOPY package.json ./\nCOPY . .\nCMD ["node", "index.js"]\n',
        'services/api/.env': `ANTHROPIC_API_KEY=${key}\n`,
        'services/api/index.js': 'console.log(Boolean(process.env.ANTHROPIC_API_KEY));\n',
        'services/api/package.json': '{"name": "api", "private": true}\n',
      },
      ['.gitignore', '.env.example', 'services/api/Dockerfile', 'services/api/index.js', 'services/api/package.json'],
    );
  }

  it('reports the COPY, exits 1, in text, JSON and SARIF; never a value', () => {
    project();
    const text = scan('.');
    assert.equal(text.status, 1, text.stderr);
    assert.equal(
      text.stdout,
      'services/api/Dockerfile:4:1  secret-file-in-docker-context  COPY copies .env (an environment file) into the image, where every layer keeps it for anyone who pulls it: .dockerignore does not exclude it. Add **/.env to .dockerignore.\n',
    );
    assert.match(text.stderr, /secret-safe: no secrets found, 1 secret file an image or a package would carry \(\d+ files scanned\)/);
    const json = JSON.parse(scan('.', '--format', 'json').stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(
      json.filter(r => r.kind === 'exit'),
      [
        {
          kind: 'exit',
          exit: 'docker-context',
          file: 'services/api/Dockerfile',
          line: 4,
          column: 1,
          endColumn: 9,
          ruleId: 'secret-file-in-docker-context',
          severity: 'warning',
          message: text.stdout.split('  ').slice(2).join('  ').trim(),
          secretFile: 'services/api/.env',
        },
      ],
    );
    const sarif = JSON.parse(scan('.', '--format', 'sarif').stdout);
    const [run] = sarif.runs;
    assert.equal(run.results[0].ruleId, 'secret-file-in-docker-context');
    assert.deepEqual(run.results[0].locations[0].physicalLocation.region, { startLine: 4, startColumn: 1, endColumn: 9 });
    assert.ok(
      run.tool.driver.rules.some(
        (r: { id: string; helpUri: string }) => r.id === 'secret-file-in-docker-context' && r.helpUri.endsWith('docs/exits.md#secret-file-in-docker-context'),
      ),
    );
    for (const out of [text.stdout, text.stderr, JSON.stringify(json), JSON.stringify(sarif)]) assert.ok(!out.includes(hiddenPart(key)));
  });

  it('exits 0 once .dockerignore excludes it, and the project can turn the check off', () => {
    project();
    repo.write('services/api/.dockerignore', 'node_modules\n**/.env\n');
    const clean = scan('.');
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);
    repo.write('services/api/.dockerignore', 'node_modules\n');
    repo.write('.secret-safe.json', '{"disabledRules": ["secret-file-in-docker-context"]}\n');
    const off = scan('.');
    assert.equal(off.status, 0, off.stdout + off.stderr);
  });

  it('judges a Dockerfile against the build context compose gives it, and exits 0 once that context ignores the file', () => {
    repo = gitRepo(
      {
        '.gitignore': '.env\n',
        '.env': `ANTHROPIC_API_KEY=${key}\n`,
        'compose.yaml': 'services:\n  api:\n    build:\n      context: .\n      dockerfile: docker/api/Dockerfile\n',
        'docker/api/Dockerfile': 'FROM node:22\nWORKDIR /app\nCOPY . .\n',
        'docker/api/.dockerignore': '.env\n',
      },
      ['.gitignore', 'compose.yaml', 'docker/api/Dockerfile', 'docker/api/.dockerignore'],
    );
    const found = scan('.');
    assert.equal(found.status, 1, found.stderr);
    assert.match(
      found.stdout,
      /^docker\/api\/Dockerfile:3:1  secret-file-in-docker-context  COPY copies \.env \(an environment file\) from the build context of compose\.yaml's service api/,
    );
    assert.ok(!found.stdout.includes(hiddenPart(key)));
    // The .dockerignore beside the Dockerfile is not the context's: only the root one counts.
    repo.write('.dockerignore', '.env\n');
    assert.equal(scan('.').status, 0);
  });

  it('reports a package that would publish its .env (an .npmignore that forgets it), and exits 0 once it is left out', () => {
    repo = gitRepo(
      {
        '.gitignore': '.env\n',
        '.npmignore': 'test/\n',
        '.env': `ANTHROPIC_API_KEY=${key}\n`,
        'package.json': '{\n  "name": "lib",\n  "version": "1.0.0"\n}\n',
        'index.js': 'module.exports = 1;\n',
      },
      ['.gitignore', '.npmignore', 'package.json', 'index.js'],
    );
    const text = scan('.');
    assert.equal(text.status, 1, text.stderr);
    assert.equal(
      text.stdout,
      'package.json:2:3  secret-file-in-npm-package  npm publish would send .env (an environment file) to the registry, where anyone can download it and every version stays: add .env to .npmignore.\n',
    );
    const rows = exitRows();
    assert.deepEqual(
      rows.map(r => [r.exit, r.ruleId, r.file, r.line, r.secretFile]),
      [['npm-package', 'secret-file-in-npm-package', 'package.json', 2, '.env']],
    );
    repo.write('.npmignore', 'test/\n.env\n');
    assert.equal(scan('.').status, 0);
  });

  it('judges key files by their content as the scan reads them, on one thread and on several', () => {
    // Known by content: a service account's JSON (its private key), a .pem holding a private key.
    // Not: JSON that names the type but holds no key, a certificate, and JSON past the 256 KiB
    // a key file is judged to (its key is the scan's own finding).
    const account = (pem: string) => JSON.stringify({ type: 'service_account', project_id: 'p', private_key: pem });
    repo = gitRepo(
      {
        '.gitignore': '.env\n',
        'package.json': '{\n  "name": "lib",\n  "version": "1.0.0"\n}\n',
        'index.js': 'module.exports = 1;\n',
        'keys/sa.json': account(fake.pem()),
        'keys/decoy.json': JSON.stringify({ type: 'service_account', project_id: 'p' }),
        'certs/server.pem': `${fake.pem()}\n`,
        'certs/ca.pem': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
        'data/big.json': `{"rows": [${'"row",'.repeat(50_000)}"end"], "key": ${account(fake.pem())}}`,
        // Past the 120 KB from which the scan reads a file from a view of its bytes, and its key field empty: no finding.
        'keys/padded.json': `{"notes": "${'x'.repeat(150_000)}", "type": "service_account", "private_key": ""}`,
      },
      ['.gitignore', 'package.json', 'index.js'],
    );
    for (const threads of ['1', '2']) {
      const rows = (JSON.parse(scan('.', '--format', 'json', '--threads', threads).stdout) as Array<Record<string, unknown>>).filter(r => r.kind === 'exit');
      assert.deepEqual(rows.map(r => r.secretFile).sort(), ['certs/server.pem', 'keys/padded.json', 'keys/sa.json'], `--threads ${threads}`);
    }
  });

  it("reports what the project's own exit (exits in .secret-safe.json) would send, and exits 0 once its ignore file leaves it out", () => {
    repo = gitRepo(
      {
        '.gitignore': '.env\n',
        '.env': `ANTHROPIC_API_KEY=${key}\n`,
        'app.yaml': 'runtime: nodejs22\n',
        '.gcloudignore': 'node_modules/\n',
        '.secret-safe.json':
          '{ "exits": [{ "id": "gcloud-deploy", "name": "gcloud app deploy", "configuredBy": ["app.yaml"], "ignoreFile": ".gcloudignore" }] }\n',
      },
      ['.gitignore', 'app.yaml', '.gcloudignore', '.secret-safe.json'],
    );
    const text = scan('.');
    assert.equal(text.status, 1, text.stderr);
    assert.equal(
      text.stdout,
      '.gcloudignore:1:1  secret-file-in-custom-exit  gcloud app deploy would send .env (an environment file) with the rest of the folder: .gcloudignore does not exclude it. Add .env to .gcloudignore.\n',
    );
    const rows = exitRows();
    assert.deepEqual(
      rows.map(r => [r.exit, r.ruleId, r.secretFile]),
      [['custom:gcloud-deploy', 'secret-file-in-custom-exit', '.env']],
    );
    repo.write('.gcloudignore', 'node_modules/\n.env\n');
    assert.equal(scan('.').status, 0);
    // Without app.yaml the tool is not used here: nothing to say.
    repo.write('.gcloudignore', 'node_modules/\n');
    rmSync(join(repo.path, 'app.yaml'));
    assert.equal(scan('.').status, 0);
  });

  it('reports secret files an AI agent the project uses could read, on the agent’s own file', () => {
    repo = gitRepo({ '.gitignore': '.env\n', '.env': `ANTHROPIC_API_KEY=${key}\n`, 'CLAUDE.md': '# Notes\n', '.cursorignore': '.env\n', 'index.js': '1\n' }, [
      '.gitignore',
      'CLAUDE.md',
      '.cursorignore',
      'index.js',
    ]);
    const text = scan('.');
    assert.equal(text.status, 1, text.stderr);
    assert.equal(
      text.stdout,
      'CLAUDE.md:1:1  secret-file-readable-by-agent  Claude Code can read .env (an environment file) into what it sends to its model: no Read rule in .claude/settings.json\'s permissions.deny covers it. Add "Read(./.env)" to permissions.deny.\n',
    );
    repo.write('.claude/settings.json', '{ "permissions": { "deny": ["Read(./.env)"] } }\n');
    assert.equal(scan('.').status, 0);
  });
});
