// npm run test:electron: the same e2e suite in desktop VS Code (Electron), downloaded by
// @vscode/test-electron into .vscode-test/. Needs internet access to update.code.visualstudio.com;
// on offline machines use `npm run test:e2e`, which runs the suite in code-server instead.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const workspace = mkdtempSync(path.join(tmpdir(), 'secret-safe-e2e-'));
cpSync(path.join(root, 'test/e2e/fixtures/basic'), workspace, { recursive: true });
let code = 0;
try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out/test/e2e/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (e) {
  const message = String(e?.message ?? e);
  console.error(`test:electron: ${message}`);
  // The download is the usual failure on a machine without internet access.
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo|download|update\.code\.visualstudio\.com/i.test(message)) {
    console.error(
      'test:electron: VS Code could not be downloaded (offline?). Run `npm run test:e2e` instead: the same suite in code-server, installed from npm.',
    );
  }
  code = 1;
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
process.exit(code);
