import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol';
import { fake } from '../helpers/fake-keys';
import { ServerUnderTest } from '../helpers/lsp-server';
import { tempDir } from '../helpers/temp-dir';

// Issue 17, item 6: a workspace may point its env files and config at things that never end. The
// server reads only regular files, and only up to a size no real one reaches.
describe('language server over stdio: endless files in the workspace', () => {
  let server: ServerUnderTest;
  let dir: ReturnType<typeof tempDir>;
  afterEach(async () => {
    await server?.stop();
    dir?.dispose();
  });
  const uri = (rel: string): string => pathToFileURL(join(dir.path, rel)).href;

  it('answers hovers and publishes diagnostics with .env, .env.local and the config pointing at /dev/zero and a FIFO', async () => {
    const key = fake.anthropic();
    dir = tempDir({
      '.env.example': 'ANTHROPIC_API_KEY=\n',
      'index.ts': `const a = process.env.ANTHROPIC_API_KEY;\nconst k = '${key}';\n`,
    });
    symlinkSync('/dev/zero', join(dir.path, '.env'));
    symlinkSync('/dev/zero', join(dir.path, '.secret-safe.json'));
    // A FIFO with no writer: opening it for reading would block until one comes, which is never.
    spawnSync('mkfifo', [join(dir.path, '.env.local')]);
    server = await ServerUnderTest.start({ folder: dir.path });
    await server.open(uri('index.ts'), readFileSync(join(dir.path, 'index.ts'), 'utf8'), 'typescript');
    const diagnostics = await server.diagnostics(uri('index.ts'), ds => ds.some(d => d.code === 'anthropic-api-key'));
    assert.ok(diagnostics.some(d => d.code === 'anthropic-api-key'));
    for (let i = 0; i < 3; i++) {
      const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri('index.ts') }, position: { line: 0, character: 25 } });
      const text = (hover!.contents as MarkupContent).value;
      assert.match(text, /\.env\.example/, 'the readable template is still shown');
    }
  });
});
