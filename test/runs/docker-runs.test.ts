/**
 * The image still works after "Move to .env" in a Dockerfile, and the key has left it: a real
 * Docker daemon builds and runs a small image (FROM scratch, Debian's static busybox) before the
 * fix and after it. Before, the key is in the image (its config or `docker history`); after, it is
 * in neither, and the container prints the same hash of the key, given it the project's way:
 * compose's `env_file:` at run time, or the build secret the fix's title tells how to pass.
 */
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as dotenv from 'dotenv';
import { CodeActionRequest, CodeActionResolveRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit } from '../helpers/apply-edit';
import { type Docker, startDocker } from '../helpers/docker';
import { fake } from '../helpers/fake-keys';
import { ServerUnderTest } from '../helpers/lsp-server';
import { tempDir } from '../helpers/temp-dir';

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

/** The Dockerfile's first secret moved by the real server's preferred fix, applied to disk; its title. */
async function moveFirst(dir: string): Promise<string> {
  const server = await ServerUnderTest.start({ folder: dir });
  try {
    const file = join(dir, 'Dockerfile');
    const uri = pathToFileURL(file).href;
    await server.open(uri, readFileSync(file, 'utf8'), 'dockerfile');
    const diagnostics: Diagnostic[] = await server.diagnostics(uri, ds => ds.some(d => d.severity !== 3 && d.severity !== 4));
    const diagnostic = diagnostics.find(d => d.severity !== 3 && d.severity !== 4)!;
    const list = (await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const move = list.find(a => a.isPreferred);
    assert.ok(move, `no preferred fix among ${list.map(a => a.title).join(' | ')}`);
    const resolved = (await server.connection.sendRequest(CodeActionResolveRequest.type, move)) as CodeAction;
    applyWorkspaceEdit(resolved.edit!);
    return move.title;
  } finally {
    await server.stop();
  }
}

describe('a Dockerfile after Move to .env: the image runs, and the key is out of it (real Docker)', function () {
  this.timeout(600_000);
  let docker: Docker | undefined;
  before(async function () {
    const started = await startDocker();
    if (typeof started === 'string') {
      console.log(`      (skipped: ${started})`);
      this.skip();
    }
    docker = started as Docker;
  });
  after(() => docker?.stop());

  const project = (files: Record<string, string>) => {
    const dir = tempDir(files);
    mkdirSync(join(dir.path, '.git'));
    copyFileSync('/bin/busybox', join(dir.path, 'busybox'));
    return dir;
  };

  it('ENV read at run time: compose gives the container .env with env_file', async () => {
    const key = fake.openai();
    const name = `ss${randomBytes(4).toString('hex')}`;
    const dir = project({
      Dockerfile: [
        'FROM scratch',
        'COPY busybox /bin/busybox',
        'COPY . /app/',
        `ENV OPENAI_API_KEY=${key}`,
        'CMD ["/bin/busybox", "sh", "-c", "printf %s \\"$OPENAI_API_KEY\\" | /bin/busybox sha256sum"]',
        '',
      ].join('\n'),
      'docker-compose.yml': 'services:\n  app:\n    build: .\n    network_mode: none\n',
    });
    const d = docker!;
    const up = (): string => {
      d.compose(['-p', name, 'build', '-q'], dir.path);
      return d.compose(['-p', name, 'run', '--rm', 'app'], dir.path).trim().split(/\s+/)[0];
    };
    try {
      assert.equal(up(), sha(key), 'before: the container prints the hash of its key');
      assert.ok(d.run(['image', 'inspect', `${name}_app`]).includes(key), 'before: the key is in the image config');
      const title = await moveFirst(dir.path);
      assert.match(title, /env_file in docker-compose\.yml's service app/);
      assert.match(title, /keep it out of the image in \.dockerignore/);
      assert.ok(!readFileSync(join(dir.path, 'Dockerfile'), 'utf8').includes(key), 'the key has left the Dockerfile');
      assert.equal(up(), sha(key), `after "${title}", the container prints the same`);
      assert.ok(!d.run(['image', 'inspect', `${name}_app`]).includes(key), 'after: the image config has no key');
      assert.ok(!d.run(['history', '--no-trunc', `${name}_app`]).includes(key), 'after: nor its history');
      assert.ok(!d.save(`${name}_app`).includes(key), 'after: nor any layer (COPY . took the context, .env left out)');
    } finally {
      try {
        d.compose(['-p', name, 'down', '--rmi', 'all'], dir.path);
      } catch {
        // best effort
      }
      dir.dispose();
    }
  });

  it('ENV read at run time, no compose: docker run --env-file .env, as the title says', async () => {
    const key = fake.openai();
    const image = `ss${randomBytes(4).toString('hex')}`;
    const dir = project({
      Dockerfile: [
        'FROM scratch',
        'COPY busybox /bin/busybox',
        `ENV OPENAI_API_KEY=${key}`,
        'CMD ["/bin/busybox", "sh", "-c", "printf %s \\"$OPENAI_API_KEY\\" | /bin/busybox sha256sum"]',
        '',
      ].join('\n'),
    });
    const d = docker!;
    const run = (extra: string[]): string => {
      d.run(['build', '-q', '--network=none', '-t', image, '.'], { cwd: dir.path });
      return d
        .run(['run', '--rm', '--network=none', ...extra, image], { cwd: dir.path })
        .trim()
        .split(/\s+/)[0];
    };
    try {
      assert.equal(run([]), sha(key), 'before: the container prints the hash of its key');
      const title = await moveFirst(dir.path);
      const flag = /start the container with (--env-file [^\s)]+)/.exec(title)?.[1];
      assert.ok(flag, `the title says how to run it: ${title}`);
      assert.equal(run(flag.split(' ')), sha(key), `after "${title}", the container prints the same`);
      assert.ok(!d.save(image).includes(key), 'after: no layer holds the key');
    } finally {
      d.removeImage(image);
      dir.dispose();
    }
  });

  for (const c of [
    {
      title: 'ARG read by a RUN at build time: a build secret, passed as the fix says',
      key: fake.github,
      line: (k: string) => `ARG DEPLOY_TOKEN=${k}\nRUN printf %s "$DEPLOY_TOKEN" | sha256sum | cut -d' ' -f1 > /token.sha`,
    },
    {
      title: 'a key written in a RUN command: a build secret read in its place',
      key: fake.anthropic,
      line: (k: string) => `RUN printf %s '${k}' | sha256sum | cut -d' ' -f1 > /token.sha`,
    },
  ]) {
    it(c.title, async () => {
      const key = c.key();
      const image = `ss${randomBytes(4).toString('hex')}`;
      const dir = project({
        Dockerfile: [
          'FROM scratch',
          'COPY busybox /bin/busybox',
          'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
          c.line(key),
          'CMD ["/bin/cat", "/token.sha"]',
          '',
        ].join('\n'),
      });
      const d = docker!;
      const build = (extra: string[], env?: NodeJS.ProcessEnv): string => {
        d.run(['build', '-q', '--no-cache', '--network=none', ...extra, '-t', image, '.'], { cwd: dir.path, env });
        return d.run(['run', '--rm', '--network=none', image]).trim();
      };
      try {
        assert.equal(build([]), sha(key), 'before: the image holds the hash of its key');
        if (c.line(key).startsWith('ARG')) assert.ok(d.run(['history', '--no-trunc', image]).includes(key), 'before: docker history shows the key');
        const title = await moveFirst(dir.path);
        const after = readFileSync(join(dir.path, 'Dockerfile'), 'utf8');
        assert.ok(!after.includes(key), 'the key has left the Dockerfile');
        // The title says how to build now: --secret id=ID,env=ID with ID set from .env.
        const id = /--secret id=(\w+),env=\1/.exec(title)?.[1];
        assert.ok(id, `the title says how to pass the secret: ${title}`);
        const env = dotenv.parse(readFileSync(join(dir.path, '.env')));
        assert.equal(build(['--secret', `id=${id},env=${id}`], { [id]: env[id] }), sha(key), `after "${title}", the image holds the same hash`);
        assert.ok(!d.run(['history', '--no-trunc', image]).includes(key), 'after: docker history has no key');
        assert.ok(!d.run(['image', 'inspect', image]).includes(key), 'after: nor the image config');
        assert.ok(!d.save(image).includes(key), 'after: nor any layer');
      } finally {
        d.removeImage(image);
        dir.dispose();
      }
    });
  }
});
