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
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 60_000,
    reporter: 'spec',
    rootHooks: mochaHooks,
    bail: process.env.SECRET_SAFE_E2E_BAIL === '1',
  });
  if (process.env.SECRET_SAFE_E2E_GREP) {
    mocha.grep(process.env.SECRET_SAFE_E2E_GREP);
  }
  // The untrusted-workspace run has its own suite: the main one assumes a trusted workspace.
  const suiteDir = join(__dirname, process.env.SECRET_SAFE_E2E_SUITE === 'untrusted' ? 'untrusted' : 'suite');
  // Each suite stands alone: SECRET_SAFE_E2E_SUITES=diagnostics,move-to-env runs only those, in
  // that order. The default order has two fixed points:
  // - the diagnostics suite runs first: it opens a file before anything else talks to the server
  //   and waits for the server's own diagnostic, so it fails when activation never started the
  //   server (the client would otherwise start lazily on another suite's first request);
  // - git hygiene runs last: it edits .gitignore through VS Code and then deletes it, and VS Code
  //   keeps that file's undo history, so a later multi-file undo that re-creates .gitignore is
  //   refused ("closed and modified on disk") and undoes the code alone.
  const all = readdirSync(suiteDir).filter(f => f.endsWith('.test.js'));
  const rank = (f: string): number => (f.startsWith('diagnostics.') ? -1 : f.startsWith('git-hygiene.') ? 1 : 0);
  const chosen = process.env.SECRET_SAFE_E2E_SUITES?.split(',').map(name => {
    const file = all.find(f => f === `${name}.test.js`);
    if (!file) throw new Error(`no e2e suite ${name}; there are: ${all.map(f => f.replace('.test.js', '')).join(', ')}`);
    return file;
  });
  for (const file of chosen ?? all.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))) {
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
