// Loaded by the VS Code extension host (extensionTestsPath). The host calls run(); the promise's
// outcome becomes the workbench's exit code. Results also go to a file, because a dying extension
// host still reports success.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { maskSecretsIn, mochaHooks } from '../helpers/mask-failures';

interface TestResult {
  title: string;
  state: 'passed' | 'failed';
  error?: string;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', rootHooks: mochaHooks });
  if (process.env.SECRET_SAFE_E2E_GREP) {
    mocha.grep(process.env.SECRET_SAFE_E2E_GREP);
  }
  // The untrusted-workspace run has its own suite: the main one assumes a trusted workspace.
  const suiteDir = join(__dirname, process.env.SECRET_SAFE_E2E_SUITE === 'untrusted' ? 'untrusted' : 'suite');
  // Scan Workspace runs first: it checks the Secrets view's welcome text, shown only while nothing
  // has been found (VS Code keeps other suites' documents, and their findings, open for a while).
  // Git hygiene runs last: it edits .gitignore through VS Code and then deletes it, and VS Code keeps
  // that file's undo history, so a later multi-file undo that re-creates .gitignore is refused
  // ("closed and modified on disk") and undoes the code alone.
  const last = (f: string): number => (f.startsWith('workspace-scan.') ? -1 : f.startsWith('git-hygiene.') ? 1 : 0);
  for (const file of readdirSync(suiteDir).filter(f => f.endsWith('.test.js')).sort((a, b) => last(a) - last(b) || a.localeCompare(b))) {
    mocha.addFile(join(suiteDir, file));
  }
  const tests: TestResult[] = [];
  const resultsFile = process.env.SECRET_SAFE_E2E_RESULTS;
  return new Promise((resolve, reject) => {
    const runner = mocha.run(failures => {
      if (resultsFile) {
        writeFileSync(resultsFile, JSON.stringify({ failures, tests, host: { vscode: vscode.version, node: process.version } }, null, 2));
      }
      if (failures > 0) {
        reject(new Error(`${failures} e2e test(s) failed`));
      } else {
        resolve();
      }
    });
    runner.on('pass', t => tests.push({ title: t.fullTitle(), state: 'passed' }));
    runner.on('fail', (t, err: Error) => tests.push({ title: t.fullTitle(), state: 'failed', error: maskSecretsIn(String(err?.stack ?? err)) }));
  });
}
