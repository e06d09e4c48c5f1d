import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { composeBuilds } from '../../src/core/compose';
import { checkDockerContext } from '../../src/node/exits/docker';
import { fake } from '../helpers/fake-keys';
import { tempDir } from '../helpers/temp-dir';

describe('Docker build context from compose: build.context and build.dockerfile', () => {
  let dir: ReturnType<typeof tempDir>;
  afterEach(() => dir?.dispose());

  it('reads the builds a compose file declares, in each of the shapes Compose accepts', async () => {
    const text = [
      'x-build: &build',
      '  context: ..',
      '  dockerfile: ops/Dockerfile',
      'services:',
      '  api:',
      '    build: ./api',
      '  worker:',
      '    build:',
      '      context: .',
      '      dockerfile: docker/worker.Dockerfile',
      '  web:',
      '    build:',
      '      <<: *build',
      '  defaults:',
      '    build: {}',
      '  remote:',
      '    build: https://github.com/acme/app.git#main',
      '  templated:',
      '    build: { context: "${CONTEXT}" }',
      '  inline:',
      '    build: { dockerfile_inline: "FROM alpine" }',
      '  image-only:',
      '    image: redis:7',
      '',
    ].join('\n');
    assert.deepEqual(await composeBuilds(text), [
      { service: 'api', context: './api', dockerfile: 'Dockerfile' },
      { service: 'worker', context: '.', dockerfile: 'docker/worker.Dockerfile' },
      { service: 'web', context: '..', dockerfile: 'ops/Dockerfile' },
      { service: 'defaults', context: '.', dockerfile: 'Dockerfile' },
    ]);
    assert.deepEqual(await composeBuilds('services: [unclosed'), [], 'malformed YAML gives none');
  });

  it("finds the secret files of the compose context a Dockerfile in a subfolder is built with, against that context's .dockerignore", async () => {
    dir = tempDir({
      'compose.yaml': 'services:\n  api:\n    build:\n      context: .\n      dockerfile: docker/api/Dockerfile\n',
      'docker/api/Dockerfile': 'FROM node:22\nWORKDIR /app\nCOPY . .\n',
      '.env': `API_KEY=${fake.anthropic()}\n`,
      'certs/server.pem': `${fake.pem()}\n`,
      '.dockerignore': '**/*.pem\n',
      'docker/api/index.js': '',
    });
    mkdirSync(join(dir.path, '.git'));
    const found = await checkDockerContext(join(dir.path, 'docker/api/Dockerfile'));
    assert.deepEqual(
      found.map(f => [f.relativePath, f.line, f.context === dir.path, f.compose?.service, f.ignoreFile === join(dir.path, '.dockerignore')]),
      [['.env', 2, true, 'api', true]],
      'certs/server.pem is excluded by the root .dockerignore; .env is not',
    );
    assert.match(found[0].message, /^COPY copies \.env \(an environment file\) from the build context of compose\.yaml's service api into the image/);
    assert.match(found[0].message, /Add \*\*\/\.env to \.dockerignore\.$/);
  });

  it("a <Dockerfile>.dockerignore beside the Dockerfile wins over the context's, as BuildKit reads it", async () => {
    dir = tempDir({
      'docker-compose.yml': 'services:\n  api:\n    build: { context: ., dockerfile: docker/Dockerfile }\n',
      'docker/Dockerfile': 'FROM node:22\nCOPY . /app\n',
      'docker/Dockerfile.dockerignore': '.env\n',
      '.dockerignore': '',
      '.env': `API_KEY=${fake.anthropic()}\n`,
    });
    mkdirSync(join(dir.path, '.git'));
    assert.deepEqual(await checkDockerContext(join(dir.path, 'docker/Dockerfile')), []);
  });

  it('looks no higher than the repository root for compose files', async () => {
    dir = tempDir({
      'compose.yaml': 'services:\n  api:\n    build: { context: ., dockerfile: repo/docker/Dockerfile }\n',
      'repo/docker/Dockerfile': 'FROM node:22\nCOPY . .\n',
      'repo/.env': `API_KEY=${fake.anthropic()}\n`,
      '.env': `API_KEY=${fake.anthropic()}\n`,
    });
    mkdirSync(join(dir.path, 'repo/.git'));
    assert.deepEqual(await checkDockerContext(join(dir.path, 'repo/docker/Dockerfile')), []);
  });
});
