import * as assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { fake } from '../helpers/fake-keys';
import { ServerUnderTest } from '../helpers/lsp-server';
import { tempDir } from '../helpers/temp-dir';

// Issue 17, item 3: a large open document is scanned off the server's thread, under a time
// budget, so it cannot hold up the diagnostics of the other files.
describe('language server over stdio: large documents', () => {
  let server: ServerUnderTest;
  let dir: ReturnType<typeof tempDir>;
  afterEach(async () => {
    await server?.stop();
    dir?.dispose();
  });
  const uri = (rel: string): string => pathToFileURL(`${dir.path}/${rel}`).href;
  const big = (key: string): string => `${'const filler = 1;\n'.repeat(20_000)}const k = '${key}';\n`;

  it('finds a key in a document of 350,000 characters, on the line where it is', async () => {
    dir = tempDir({});
    server = await ServerUnderTest.start({ folder: dir.path });
    await server.open(uri('bundle.js'), big(fake.anthropic()), 'javascript');
    const [d] = await server.diagnostics(uri('bundle.js'), ds => ds.length === 1);
    assert.equal(d.code, 'anthropic-api-key');
    assert.equal(d.range.start.line, 20_000);
  });

  it('says when a large document ran out of its budget, and checks the other files meanwhile', async () => {
    dir = tempDir({});
    server = await ServerUnderTest.start({ folder: dir.path, env: { ...process.env, SECRET_SAFE_DOCUMENT_BUDGET_MS: '1' } });
    await server.open(uri('bundle.js'), big(fake.anthropic()), 'javascript');
    await server.open(uri('small.ts'), `const k = '${fake.openai()}';\n`, 'typescript');
    const [small] = await server.diagnostics(uri('small.ts'), ds => ds.length === 1);
    assert.equal(small.code, 'openai-api-key');
    const [stopped] = await server.diagnostics(uri('bundle.js'), ds => ds.length === 1);
    assert.equal(stopped.code, 'scan-stopped');
    assert.match(stopped.message as string, /ran out of its time budget, so it was not checked for secrets/);
  });
});
