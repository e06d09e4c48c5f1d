import * as assert from 'node:assert/strict';
import * as dotenv from 'dotenv';
import { parse as parseYaml } from 'yaml';
import { BUILTIN_RULES, createScanner } from '../../../src/core';
import { composeEnvFileEdit } from '../../../src/core/fix/docker/compose-env-file';
import { planMoveToEnv, type PlanInput } from '../../../src/core/fix/plan';
import { applyEdits } from '../../../src/core/fix/text-edit';
import { fake } from '../../helpers/fake-keys';

const scanner = createScanner(BUILTIN_RULES);

/** Moves the first secret of a Dockerfile, with compose files that build it (root-relative, all at the root). */
function move(
  dockerfile: string,
  options: {
    compose?: Record<string, string>;
    services?: Array<[string, string]>;
    name?: string;
    env?: string;
    dockerignores?: Array<{ rel: string; pattern: string }>;
  } = {},
) {
  const finding = scanner.scan(dockerfile).find(f => f.severity !== 'info');
  assert.ok(finding, 'a finding in the Dockerfile');
  const files = new Map(Object.entries(options.compose ?? {}));
  const input: PlanInput = {
    document: { path: '/p/Dockerfile', text: dockerfile },
    finding,
    env: { path: '/p/.env', text: options.env },
    example: { path: '/p/.env.example', text: undefined },
    gitignore: { path: '/p/.gitignore', text: undefined, ignoresEnv: false },
    ...(options.name ? { name: options.name } : {}),
    project: {
      view: {
        files,
        pathOf: rel => `/p/${rel}`,
        ...(options.services ? { dockerBuilds: options.services.map(([rel, service]) => ({ rel, service, envFile: '.env' })) } : {}),
        ...(options.dockerignores ? { dockerignores: options.dockerignores } : {}),
      },
      documentRel: 'Dockerfile',
      envRel: '.env',
    },
  };
  const plan = planMoveToEnv(input);
  if (plan.kind === 'disabled') return { disabled: plan.reason, title: plan.title };
  const after = (path: string, before: string | undefined): string | undefined => {
    const change = plan.changes.find(c => c.path === path);
    return change ? applyEdits(before ?? '', change.edits) : before;
  };
  return {
    disabled: undefined,
    title: plan.title,
    loading: plan.loading,
    dockerfile: after('/p/Dockerfile', dockerfile)!,
    env: dotenv.parse(after('/p/.env', options.env) ?? ''),
    compose: Object.fromEntries([...files].map(([rel, text]) => [rel, after(`/p/${rel}`, text)!])),
    dockerignore: after('/p/.dockerignore', files.get('.dockerignore')),
    created: plan.changes.filter(c => c.create).map(c => c.path),
  };
}

describe('Move to .env in a Dockerfile: out of the image, to where the value is used', () => {
  describe('an ENV the program reads at run time', () => {
    it('the ENV line goes, .env holds the value under the ENV name, and the compose service gets env_file', () => {
      const key = fake.openai();
      const compose = 'services:\n  api:\n    build: .\n    ports:\n      - "8080:8080"\n  db:\n    image: postgres:16\n';
      const r = move(`FROM node:22-slim\nWORKDIR /app\nENV OPENAI_API_KEY=${key}\nCOPY . .\nCMD ["node", "server.js"]\n`, {
        compose: { 'compose.yaml': compose },
        services: [['compose.yaml', 'api']],
      });
      assert.equal(r.disabled, undefined, r.disabled);
      assert.equal(r.dockerfile, 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n');
      assert.deepEqual(r.env, { OPENAI_API_KEY: key });
      assert.equal(
        r.compose!['compose.yaml'],
        'services:\n  api:\n    build: .\n    ports:\n      - "8080:8080"\n    env_file: .env\n  db:\n    image: postgres:16\n',
      );
      assert.deepEqual(parseYaml(r.compose!['compose.yaml']).services.api.env_file, '.env');
      assert.match(r.title, /env_file in compose\.yaml's service api/);
    });

    it('one pair of several goes, the others stay as written, on one line or continued ones', () => {
      const key = fake.anthropic();
      const cases: Array<[string, string]> = [
        [`ENV NODE_ENV=production ANTHROPIC_API_KEY=${key} PORT=3000`, 'ENV NODE_ENV=production PORT=3000'],
        [`ENV ANTHROPIC_API_KEY=${key} PORT=3000`, 'ENV PORT=3000'],
        [`ENV NODE_ENV=production \\\n    ANTHROPIC_API_KEY=${key} \\\n    PORT=3000`, 'ENV NODE_ENV=production \\\n    PORT=3000'],
        [`ENV NODE_ENV=production \\\n    ANTHROPIC_API_KEY="${key}"`, 'ENV NODE_ENV=production'],
        [`ENV ANTHROPIC_API_KEY ${key}`, ''],
        [`env ANTHROPIC_API_KEY='${key}'`, ''],
      ];
      for (const [line, expected] of cases) {
        const r = move(`FROM node:22\n${line}\nCMD ["node", "app.js"]\n`);
        assert.equal(r.disabled, undefined, `${line.slice(0, 30)}: ${r.disabled}`);
        assert.equal(r.dockerfile, `FROM node:22\n${expected ? `${expected}\n` : ''}CMD ["node", "app.js"]\n`);
        assert.deepEqual(r.env, { ANTHROPIC_API_KEY: key });
      }
    });

    it('reads continued lines with the escape character a directive names', () => {
      const key = fake.openai();
      const r = move(`# escape=\`\r\nFROM mcr.microsoft.com/windows/nanoserver\r\nENV APP_ENV=prod \`\r\n    OPENAI_API_KEY=${key}\r\nCMD ["app.exe"]\r\n`);
      assert.equal(r.dockerfile, '# escape=`\r\nFROM mcr.microsoft.com/windows/nanoserver\r\nENV APP_ENV=prod\r\nCMD ["app.exe"]\r\n');
    });

    it('keeps CRLF line ends and a missing final newline', () => {
      const key = fake.openai();
      assert.equal(move(`FROM alpine\r\nENV OPENAI_API_KEY=${key}\r\nCMD ["sh"]`).dockerfile, 'FROM alpine\r\nCMD ["sh"]');
      assert.equal(move(`FROM alpine\r\nCMD ["sh"]\r\nENV OPENAI_API_KEY=${key}`).dockerfile, 'FROM alpine\r\nCMD ["sh"]');
    });

    it('without a compose service that builds it, tells the user to run the container with --env-file', () => {
      const r = move(`FROM alpine\nENV OPENAI_API_KEY=${fake.openai()}\n`);
      assert.equal(r.loading?.kind, 'unwired');
      assert.match(r.title, /docker run does not read \.env: start the container with --env-file \.env/);
    });

    it('a service that reads .env already is left alone; one with other env files gets .env added', () => {
      const key = fake.openai();
      const df = `FROM alpine\nENV OPENAI_API_KEY=${key}\n`;
      const has = move(df, { compose: { 'compose.yaml': 'services:\n  app:\n    build: .\n    env_file: ./.env\n' }, services: [['compose.yaml', 'app']] });
      assert.equal(has.loading?.kind, 'loaded');
      assert.equal(has.compose!['compose.yaml'], 'services:\n  app:\n    build: .\n    env_file: ./.env\n');
      const list = move(df, {
        compose: { 'compose.yaml': 'services:\n  app:\n    build: .\n    env_file:\n      - common.env\n    restart: always\n' },
        services: [['compose.yaml', 'app']],
      });
      assert.deepEqual(parseYaml(list.compose!['compose.yaml']).services.app.env_file, ['common.env', '.env']);
      assert.match(list.compose!['compose.yaml'], /restart: always\n$/);
      const scalar = move(df, {
        compose: { 'compose.yaml': 'services:\n  app:\n    env_file: common.env # shared\n    build: .\n' },
        services: [['compose.yaml', 'app']],
      });
      assert.equal(scalar.compose!['compose.yaml'], 'services:\n  app:\n    env_file: [common.env, .env] # shared\n    build: .\n');
      const flow = move(df, { compose: { 'compose.yaml': 'services:\n  app:\n    build: .\n    env_file: [a.env]\n' }, services: [['compose.yaml', 'app']] });
      assert.deepEqual(parseYaml(flow.compose!['compose.yaml']).services.app.env_file, ['a.env', '.env']);
    });

    it('two services of one compose file that build it both get env_file, in one change', () => {
      const r = move(`FROM alpine\nENV OPENAI_API_KEY=${fake.openai()}\n`, {
        compose: { 'docker-compose.yml': 'services:\n  web:\n    build: .\n  worker:\n    build: .\n    command: work\n' },
        services: [
          ['docker-compose.yml', 'web'],
          ['docker-compose.yml', 'worker'],
        ],
      });
      const services = parseYaml(r.compose!['docker-compose.yml']).services;
      assert.equal(services.web.env_file, '.env');
      assert.equal(services.worker.env_file, '.env');
      assert.equal(services.worker.command, 'work');
    });

    it('is refused when the build reads the variable, or the user names it otherwise', () => {
      const key = fake.openai();
      const read = move(`FROM node:22\nENV OPENAI_API_KEY=${key}\nRUN node prefetch.js "$OPENAI_API_KEY"\n`);
      assert.match(read.disabled ?? '', /the build reads OPENAI_API_KEY \(line 3\)/);
      const renamed = move(`FROM node:22\nENV OPENAI_API_KEY=${key}\n`, { name: 'MY_KEY' });
      assert.match(renamed.disabled ?? '', /the program reads OPENAI_API_KEY/);
      const held = move(`FROM node:22\nENV OPENAI_API_KEY=${key}\n`, { env: 'OPENAI_API_KEY=another\n' });
      assert.match(held.disabled ?? '', /\.env already holds OPENAI_API_KEY with another value/);
      const partial = move(`FROM node:22\nENV AUTH="Bearer ${key}"\n`);
      assert.match(partial.disabled ?? '', /only part of AUTH's value/);
    });
  });

  describe('an ENV in a build stage, which no container runs: a build secret, as an ARG', () => {
    it('the pair goes; the RUN steps of its stage mount the secret; later stages are left alone', () => {
      const token = fake.github();
      const r = move(
        `FROM node:22 AS build\nENV CI=true NPM_TOKEN=${token}\nRUN npm ci\n\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\nRUN nginx -t\n`,
      );
      assert.equal(r.disabled, undefined, r.disabled);
      const id = Object.keys(r.env)[0];
      assert.equal(r.env[id], token);
      assert.equal(
        r.dockerfile,
        `FROM node:22 AS build\nENV CI=true\nRUN --mount=type=secret,id=${id} export NPM_TOKEN="$(cat /run/secrets/${id})" && npm ci\n\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\nRUN nginx -t\n`,
      );
      assert.match(r.title, /--secret id=/);
    });

    it('is refused when a later stage is built FROM it and inherits the variable', () => {
      const r = move(`FROM node:22 AS base\nENV NPM_TOKEN=${fake.github()}\nRUN npm ci\nFROM base AS app\nCMD ["node", "app.js"]\n`);
      assert.match(r.disabled ?? '', /line 4 is built FROM base and inherits NPM_TOKEN/);
    });

    it('in the last stage with RUN steps after it, the title says they no longer see it', () => {
      const r = move(`FROM python:3.12\nENV OPENAI_API_KEY=${fake.openai()}\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n`);
      assert.equal(r.disabled, undefined, r.disabled);
      assert.match(r.title, /the RUN steps after it no longer see OPENAI_API_KEY/);
    });
  });

  describe('an ARG the build reads: a build secret for each RUN of its stage', () => {
    it('the ARG goes; each RUN after it in the stage mounts the secret and exports it under the old name', () => {
      const token = fake.github();
      const r = move(
        `FROM node:22 AS build\nARG NPM_TOKEN=${token}\nCOPY .npmrc package.json ./\nRUN --network=default npm ci\nRUN npm run build\n\nFROM nginx\nRUN echo done\n`,
      );
      assert.equal(r.disabled, undefined, r.disabled);
      const id = Object.keys(r.env)[0];
      assert.equal(r.env[id], token);
      assert.equal(
        r.dockerfile,
        `FROM node:22 AS build\nCOPY .npmrc package.json ./\nRUN --mount=type=secret,id=${id} --network=default export NPM_TOKEN="$(cat /run/secrets/${id})" && npm ci\nRUN --mount=type=secret,id=${id} export NPM_TOKEN="$(cat /run/secrets/${id})" && npm run build\n\nFROM nginx\nRUN echo done\n`,
      );
      assert.match(r.title, new RegExp(`docker build does not read \\.env: build with --secret id=${id},env=${id}`));
    });

    it('is refused for a global ARG, another SHELL, an exec-form RUN, a non-RUN reader, or a Windows image', () => {
      const token = fake.github();
      assert.match(move(`FROM mcr.microsoft.com/windows/servercore:ltsc2022\nARG NPM_TOKEN=${token}\nRUN npm ci\n`).disabled ?? '', /Windows image/);
      assert.match(move(`# escape=\`\nFROM node:22\nRUN curl -u me:${token} https://x.example\n`).disabled ?? '', /Windows image/);
      assert.match(move(`ARG NPM_TOKEN=${token}\nFROM node:22\n`).disabled ?? '', /global ARG/);
      assert.match(move(`FROM node:22\nARG NPM_TOKEN=${token}\nSHELL ["pwsh", "-c"]\nRUN npm ci\n`).disabled ?? '', /another SHELL/);
      assert.match(move(`FROM node:22\nARG NPM_TOKEN=${token}\nRUN ["npm", "ci"]\n`).disabled ?? '', /exec form/);
      assert.match(move(`FROM node:22\nARG NPM_TOKEN=${token}\nLABEL token=$NPM_TOKEN\n`).disabled ?? '', /the LABEL on line 3 reads NPM_TOKEN/);
    });
  });

  describe('a value written in a RUN command: a build secret read in its place', () => {
    it('as the shell quotes it: bare, inside "…", inside \'…\'', () => {
      const key = fake.openai();
      const cases: Array<[string, (read: string) => string]> = [
        [
          `RUN curl -H 'Authorization: Bearer ${key}' https://api.example.com/v1/models`,
          r => `RUN --mount=type=secret,id=ID curl -H 'Authorization: Bearer '"${r}"'' https://api.example.com/v1/models`,
        ],
        [
          `RUN curl -H "Authorization: Bearer ${key}" https://api.example.com/v1/models`,
          r => `RUN --mount=type=secret,id=ID curl -H "Authorization: Bearer ${r}" https://api.example.com/v1/models`,
        ],
        [`RUN --network=host ./fetch.sh --key ${key}`, r => `RUN --mount=type=secret,id=ID --network=host ./fetch.sh --key "${r}"`],
      ];
      for (const [line, expected] of cases) {
        const r = move(`FROM alpine\n${line}\n`);
        assert.equal(r.disabled, undefined, r.disabled);
        const id = Object.keys(r.env)[0];
        assert.equal(r.env[id], key);
        assert.equal(r.dockerfile, `FROM alpine\n${expected(`$(cat /run/secrets/${id})`).replace('id=ID', `id=${id}`)}\n`);
      }
    });

    it('is refused in a heredoc and in exec form', () => {
      const key = fake.openai();
      assert.match(move(`FROM alpine\nRUN <<EOF\ncurl -u me:${key} https://x.example\nEOF\n`).disabled ?? '', /heredoc or exec form/);
      assert.match(move(`FROM alpine\nRUN ["curl", "-u", "me:${key}", "https://x.example"]\n`).disabled ?? '', /heredoc or exec form/);
    });
  });

  it('the .dockerignore a COPY of the context needs gets the .env, kept byte for byte, or is created', () => {
    const key = fake.openai();
    const df = `FROM node:22\nCOPY . .\nENV OPENAI_API_KEY=${key}\n`;
    const kept = move(df, { compose: { '.dockerignore': 'node_modules\r\n# logs\r\n*.log' }, dockerignores: [{ rel: '.dockerignore', pattern: '**/.env' }] });
    assert.equal(kept.dockerignore, 'node_modules\r\n# logs\r\n*.log\r\n**/.env');
    assert.match(kept.title, /keep it out of the image in \.dockerignore/);
    const created = move(df, { dockerignores: [{ rel: '.dockerignore', pattern: '**/.env' }] });
    assert.equal(created.dockerignore, '**/.env\n');
    assert.ok(created.created?.includes('/p/.dockerignore'));
    assert.doesNotMatch(move(df).title, /keep it out of the image/);
  });

  it('a compose service in flow style or behind a merge key is not edited', () => {
    assert.equal(composeEnvFileEdit('services:\n  app: {build: .}\n', 'app', '.env'), undefined);
    assert.equal(composeEnvFileEdit('x: &base\n  image: a\nservices:\n  app:\n    <<: *base\n    build: .\n', 'app', '.env'), undefined);
    assert.equal(composeEnvFileEdit('services: [\n', 'app', '.env'), undefined);
  });
});
