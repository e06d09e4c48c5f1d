// npm run test:electron: the same e2e suite in desktop VS Code (Electron), downloaded by
// @vscode/test-electron into .vscode-test/. Needs internet access to update.code.visualstudio.com;
// on offline machines use `npm run test:e2e`, which runs the suite in code-server instead.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const workspace = mkdtempSync(path.join(tmpdir(), 'secret-safe-e2e-'));
cpSync(path.join(root, 'test/e2e/fixtures/basic'), workspace, { recursive: true });
try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out/test/e2e/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (e) {
  console.error(`test:electron: ${e?.message ?? e}`);
  process.exit(1);
}
