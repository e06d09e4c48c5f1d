import * as assert from 'node:assert/strict';
import { fake, hiddenPart } from '../helpers/fake-keys';
import { ServerUnderTest } from '../helpers/lsp-server';
import { tempDir } from '../helpers/temp-dir';

// Issue 21: "Show Output stays empty after a whole session". The server logs (window/logMessage,
// the client's output channel) its start-up, each workspace scan's summary and config errors,
// secrets masked.
describe('language server over stdio: the output channel', () => {
  let dir: ReturnType<typeof tempDir> | undefined;
  let server: ServerUnderTest | undefined;
  afterEach(async () => {
    await server?.stop();
    dir?.dispose();
  });

  const waitFor = async (s: ServerUnderTest, test: (line: string) => boolean): Promise<string> => {
    for (let i = 0; i < 100; i++) {
      const line = s.logs.find(test);
      if (line) return line;
      await new Promise(r => setTimeout(r, 50));
    }
    assert.fail(`no such log line; logged: ${s.logs.join(' | ')}`);
  };

  it('logs the version, rule count and trust at start, each scan, and config problems, masked', async () => {
    const key = fake.anthropic();
    dir = tempDir({
      'src/a.ts': `export const k = "${key}";\n`,
      'src/b.ts': 'export const b = 1;\n',
      // A config problem that quotes a key: the log must mask it as the diagnostic does.
      '.secret-safe.json': `{\n  "allowlist": { "values": [42, "${key}"] },\n  "bogus": true\n}\n`,
    });
    server = await ServerUnderTest.start({ folder: dir.path, trustedWorkspace: false });
    const start = await waitFor(server, l => l.startsWith('Secret Safe '));
    assert.match(start, /^Secret Safe \d+\.\d+\.\d+: \d{3,} built-in rules; workspace not trusted: git never runs/);
    await waitFor(server, l => l.includes('.secret-safe.json:'));
    await server.connection.sendRequest('secretSafe/scanWorkspace', {});
    const scan = await waitFor(server, l => l.startsWith('Scan Workspace'));
    assert.match(scan, /^Scan Workspace done: 3 files scanned, 0 skipped \(binary, too large or unreadable\), [12] secrets in [12] files, \d+ ms$/);
    const all = server.logs.join('\n');
    assert.ok(!all.includes(hiddenPart(key)), 'no key in the log');
  });
});
