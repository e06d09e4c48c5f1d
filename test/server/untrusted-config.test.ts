import * as assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { DidGrantTrustNotification } from '../../src/shared/protocol';
import { gen } from '../helpers/fake-keys';
import { ServerUnderTest } from '../helpers/lsp-server';
import { tempDir } from '../helpers/temp-dir';

// Issue 17, item 2: a repository's own regular expressions are its code. In a workspace VS Code
// has not trusted, the server does not run them, says so once on the config file, and runs them
// as soon as the user grants trust.
describe('language server over stdio: custom rules in an untrusted workspace', () => {
  let server: ServerUnderTest;
  let dir: ReturnType<typeof tempDir>;
  afterEach(async () => {
    await server?.stop();
    dir?.dispose();
  });

  it('leaves the config rules out until the workspace is trusted, and says so on the config', async () => {
    dir = tempDir({
      '.secret-safe.json': JSON.stringify({ rules: [{ id: 'acme-key', regex: 'acme_[a-f0-9]{32}', keywords: ['acme_'] }] }),
    });
    server = await ServerUnderTest.start({ folder: dir.path, trustedWorkspace: false });
    const configUri = pathToFileURL(`${dir.path}/.secret-safe.json`).href;
    const [note] = await server.diagnostics(configUri, ds => ds.length === 1);
    assert.match(note.message as string, /not trusted, so its 1 custom rule .* are not run; trust the workspace to use them/);
    const app = pathToFileURL(`${dir.path}/a.ts`).href;
    await server.open(app, `const k = "acme_${gen.hex(32)}";\n`);
    await server.diagnostics(app, ds => ds.length === 0);
    server.connection.sendNotification(DidGrantTrustNotification);
    const [found] = await server.diagnostics(app, ds => ds.length === 1);
    assert.equal(found.code, 'acme-key');
    await server.diagnostics(configUri, ds => ds.length === 0);
  });

  it('runs them for an editor without workspace trust (no trustedWorkspace option)', async () => {
    dir = tempDir({
      '.secret-safe.json': JSON.stringify({ rules: [{ id: 'acme-key', regex: 'acme_[a-f0-9]{32}', keywords: ['acme_'] }] }),
    });
    server = await ServerUnderTest.start({ folder: dir.path });
    const app = pathToFileURL(`${dir.path}/a.ts`).href;
    await server.open(app, `const k = "acme_${gen.hex(32)}";\n`);
    const [found] = await server.diagnostics(app, ds => ds.length === 1);
    assert.equal(found.code, 'acme-key');
  });
});
