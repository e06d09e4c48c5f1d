import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ignore from 'ignore';
import { addIgnorePattern } from '../../src/core/hygiene';
import { applyEdits } from '../../src/core/fix/text-edit';
import { BUILTIN_RULES, createScanner, findingMessage } from '../../src/core';
import { checkDockerContext, dockerignoreNeeds, isDockerfileName } from '../../src/node/exits/docker';
import { scanText } from '../../src/node/scan/scan-batch';
import { fake } from '../helpers/fake-keys';
import { tempDir } from '../helpers/temp-dir';

describe('Docker build context: secret files a COPY would put in the image', () => {
  let dir: ReturnType<typeof tempDir>;
  afterEach(() => dir?.dispose());

  // The same lines mean different things to Docker and to git.
  const IGNORE = ['.env', 'secrets', '!secrets/.env', '*.pem', ''].join('\n');
  function project(dockerfile = 'FROM node:22\nWORKDIR /app\nCOPY . .\nCMD ["node", "index.js"]\n'): void {
    dir = tempDir({
      Dockerfile: dockerfile,
      '.dockerignore': IGNORE,
      '.env': `API_KEY=${fake.anthropic()}\n`,
      '.env.example': 'API_KEY=\n',
      'apps/web/.env': `TOKEN=${fake.github()}\n`,
      'secrets/.env': `TOKEN=${fake.github()}\n`,
      'certs/server.pem': `${fake.pem()}\n`,
      'certs/public.pem': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
      'node_modules/pkg/.env': 'X=1\n',
      'index.js': 'console.log(process.env.API_KEY);\n',
    });
  }

  it('.dockerignore is read as Docker reads it, not as git would: root-anchored names, re-including under an excluded folder', async () => {
    project();
    const found = await checkDockerContext(join(dir.path, 'Dockerfile'));
    assert.deepEqual(
      found.map(f => [f.relativePath, f.line, f.kind.id, f.pattern]),
      [
        ['apps/web/.env', 2, 'env', '**/.env'],
        ['certs/server.pem', 2, 'pem', '**/*.pem'],
        ['secrets/.env', 2, 'env', '**/.env'],
      ],
    );
    // Git, with the same lines, would have left all three out: the difference is the point.
    const git = ignore().add(IGNORE);
    assert.deepEqual(
      found.map(f => git.ignores(f.relativePath)),
      [true, true, true],
    );
    assert.equal(
      found[0].message,
      'COPY copies apps/web/.env (an environment file) into the image, where every layer keeps it for anyone who pulls it: .dockerignore does not exclude it. Add **/.env to .dockerignore.',
    );
    assert.deepEqual(
      [found[0].startColumn, found[0].endColumn, found[0].code, found[0].severity],
      [0, 'COPY . .'.length, 'secret-file-in-docker-context', 'warning'],
    );
  });

  it('is quiet once the fix lines are added at the end of .dockerignore, the rest kept byte for byte', async () => {
    project();
    const ignoreFile = join(dir.path, '.dockerignore');
    // CRLF and no final newline: the edit keeps both.
    writeFileSync(ignoreFile, IGNORE.trimEnd().replace(/\n/g, '\r\n'));
    for (const f of await checkDockerContext(join(dir.path, 'Dockerfile'))) {
      const text = readFileSync(ignoreFile, 'utf8');
      if (!text.split(/\r?\n/).includes(f.pattern)) writeFileSync(ignoreFile, applyEdits(text, [addIgnorePattern(text, f.pattern)]));
    }
    assert.equal(readFileSync(ignoreFile, 'utf8'), `${IGNORE.trimEnd().replace(/\n/g, '\r\n')}\r\n**/.env\r\n**/*.pem`);
    assert.deepEqual(await checkDockerContext(join(dir.path, 'Dockerfile')), []);
  });

  it('follows what the copies take: one folder, --exclude, a stage copy; and the Dockerfile’s own .dockerignore first', async () => {
    project('FROM node:22\nCOPY apps /srv/apps\nCOPY --exclude=**/*.pem certs /certs\nCOPY --from=build /app /app\n');
    assert.deepEqual(
      (await checkDockerContext(join(dir.path, 'Dockerfile'))).map(f => [f.relativePath, f.line]),
      [['apps/web/.env', 1]],
    );
    // BuildKit reads Dockerfile.dockerignore beside the Dockerfile instead of .dockerignore.
    dir.write('Dockerfile.dockerignore', '**/.env\n');
    const found = await checkDockerContext(join(dir.path, 'Dockerfile'), { text: 'FROM x\nCOPY . /app\n' });
    assert.deepEqual(
      found.map(f => [f.relativePath, f.ignoreFile.slice(dir.path.length + 1)]),
      [['certs/server.pem', 'Dockerfile.dockerignore']],
    );
  });

  it('reports nothing with no .dockerignore only when nothing secret is in the context, and names the file the fix creates', async () => {
    dir = tempDir({ Dockerfile: 'FROM x\nCOPY . /app\n', 'index.js': '1\n' });
    assert.deepEqual(await checkDockerContext(join(dir.path, 'Dockerfile')), []);
    dir.write('.env.local', 'A=1\n');
    const [f] = await checkDockerContext(join(dir.path, 'Dockerfile'));
    assert.deepEqual([f.relativePath, f.pattern, f.ignoreFile], ['.env.local', '**/.env.local', join(dir.path, '.dockerignore')]);
  });

  it('knows Dockerfiles by their usual names', () => {
    for (const name of ['Dockerfile', 'Dockerfile.prod', 'api.Dockerfile', 'Containerfile', 'web.dockerfile']) assert.ok(isDockerfileName(name), name);
    for (const name of ['Dockerfile.dockerignore', 'dockerfile.md', 'Dockerfiles', '.dockerignore']) assert.ok(!isDockerfileName(name), name);
  });

  it('says of a key in an ENV or ARG line that the image keeps it, and not of one elsewhere', () => {
    const [env, arg, continued, run] = [fake.anthropic(), fake.github(), fake.openai(), fake.github()];
    const dockerfile = [
      'FROM node:22',
      `ENV ANTHROPIC_API_KEY=${env}`,
      `ARG GITHUB_TOKEN=${arg}`,
      'ENV NODE_ENV=production \\',
      `    OPENAI_API_KEY=${continued}`,
      `RUN git clone https://x-access-token:${run}@github.com/acme/app.git`,
      '',
    ].join('\n');
    const found = scanText(createScanner(BUILTIN_RULES), dockerfile, true, undefined, false, 'services/api/Dockerfile');
    assert.deepEqual(
      found.map(f => [f.line, f.note?.includes('every layer and `docker history` keep them') ?? false]),
      [
        [1, true],
        [2, true],
        [4, true],
        [5, false],
      ],
    );
    assert.match(
      findingMessage(found[0]),
      /is hardcoded; .*ENV and ARG values stay in the image: every layer and `docker history` keep them for anyone who pulls it\. Pass it at run time/,
    );
    // The same lines in another file say nothing of images.
    assert.ok(scanText(createScanner(BUILTIN_RULES), dockerfile, true, undefined, false, 'notes.txt').every(f => !f.note?.includes('docker history')));
  });

  describe('the ignore files a .env the fix writes needs (there or not yet)', () => {
    it('only where a copy takes it and the ignore file lets it through; by compose contexts too', async () => {
      dir = tempDir({
        'api/Dockerfile': 'FROM node:22\nCOPY . .\n',
        'compose.yaml': 'services:\n  api:\n    build:\n      context: .\n      dockerfile: api/Dockerfile\n',
        '.dockerignore': 'node_modules\n',
      });
      const dockerfile = join(dir.path, 'api/Dockerfile');
      const text = readFileSync(dockerfile, 'utf8');
      const needs = await dockerignoreNeeds(dockerfile, text, join(dir.path, 'api/.env'));
      assert.deepEqual(
        needs.map(n => [n.path.slice(dir.path.length + 1), n.text, n.pattern]),
        [
          ['api/.dockerignore', undefined, '**/.env'],
          ['.dockerignore', 'node_modules\n', '**/.env'],
        ],
      );
      assert.deepEqual(await dockerignoreNeeds(dockerfile, 'FROM node:22\nCOPY src/ ./src/\n', join(dir.path, 'api/.env')), []);
      writeFileSync(join(dir.path, '.dockerignore'), '**/.env\n');
      writeFileSync(join(dir.path, 'api/.dockerignore'), '.env\n');
      assert.deepEqual(await dockerignoreNeeds(dockerfile, text, join(dir.path, 'api/.env')), []);
    });
  });
});
