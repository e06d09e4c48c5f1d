#!/usr/bin/env node
// Runs test/e2e inside a real VS Code extension host (code-server + headless Chromium).
//
//   node scripts/host/run-e2e.mjs                     the suite against this repository's extension
//   node scripts/host/run-e2e.mjs --break-activation  the same against a copy whose activate() throws;
//                                                     passes only if the suite then fails
//   node scripts/host/run-e2e.mjs --suites diagnostics,move-to-env
//                                                     only those suites of test/e2e/suite, in that order
//   node scripts/host/run-e2e.mjs --untrusted         the untrusted-workspace suite (test/e2e/untrusted) in a
//                                                     workspace VS Code has not trusted, its repository prepared
//                                                     first; every git process the host starts is logged
//
// The workbench loads the extension (extensionDevelopmentPath) and calls run() of the suite
// (extensionTestsPath) in its Node extension host, then reports an exit code. That code alone is not
// trusted: a dying extension host still reports 0. The suite writes a results file, and the run
// passes only when it lists at least one test and no failure.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, format } from 'node:util';
import { ROOT, launchBrowser, makeState, removeState, requireHost, startCodeServer } from './lib.mjs';

/** Writes a file the test polls for: whole or not at all (written aside, then renamed), never half. */
function writeWhole(file, text) {
  fs.writeFileSync(`${file}.part`, text);
  fs.renameSync(`${file}.part`, file);
}

const { values: opt } = parseArgs({
  options: {
    'break-activation': { type: 'boolean', default: false },
    untrusted: { type: 'boolean', default: false },
    fixture: { type: 'string' },
    timeout: { type: 'string', default: '300' },
    verbose: { type: 'boolean', default: false },
    grep: { type: 'string' },
    suites: { type: 'string' },
    // Stop at the first failure (scripts/mutations.mjs only needs to know the suite went red).
    bail: { type: 'boolean', default: false },
    // Where the tests' screenshots also go (the README's pictures: --screenshots media).
    screenshots: { type: 'string' },
  },
});

requireHost();
const started = Date.now();
const state = opt.untrusted
  ? // Workspace trust on, with no prompt: the folder opens in Restricted Mode and stays there.
    makeState('e2e-untrusted', { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' })
  : makeState(opt['break-activation'] ? 'e2e-broken' : 'e2e');
// The workspace lives outside this repository, as a user's project would: git must not see ours around it.
// Inside the run's temp folder, which removeState() deletes with the rest of the run.
const workspace = fs.mkdtempSync(path.join(fs.realpathSync(path.join(state, 'tmp')), 'ws-'));
fs.cpSync(path.join(ROOT, opt.fixture ?? (opt.untrusted ? 'test/e2e/fixtures/untrusted' : 'test/e2e/fixtures/basic')), workspace, { recursive: true });
prepareRepository(workspace);
const resultsFile = path.join(state, 'results.json');
const gitLog = path.join(state, 'git-calls.log');

/**
 * A fixture with `e2e-git.json` ({ "files": { path: text }, "commit": [paths] }) gets those files
 * (secret files such as `.env` are written here, so this repository holds none) and becomes a git
 * repository with `commit` committed, before the host starts.
 */
function prepareRepository(dir) {
  const spec = path.join(dir, 'e2e-git.json');
  if (!fs.existsSync(spec)) return;
  const { files = {}, commit } = JSON.parse(fs.readFileSync(spec, 'utf8'));
  fs.rmSync(spec);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  const env = {
    ...process.env,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_SYSTEM: '/dev/null',
    GIT_AUTHOR_NAME: 'e2e',
    GIT_AUTHOR_EMAIL: 'e2e@example.com',
    GIT_COMMITTER_NAME: 'e2e',
    GIT_COMMITTER_EMAIL: 'e2e@example.com',
  };
  const git = (...args) => execFileSync('git', args, { cwd: dir, env, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('add', '-f', '--', ...commit);
  git('commit', '-q', '-m', 'fixture');
}

/**
 * A `git` first on the host's PATH that logs each call with the command line of the process that
 * started it, then runs the real git: the untrusted suite reads the log to prove none came from us.
 */
function gitShim() {
  const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const bin = path.join(state, 'git-shim');
  fs.mkdirSync(bin, { recursive: true });
  fs.writeFileSync(
    path.join(bin, 'git'),
    `#!/bin/sh\nparent=$(tr '\\0' ' ' < /proc/$PPID/cmdline 2>/dev/null)\nprintf '%s\\t%s\\n' "$parent" "$*" >> '${gitLog}'\nexec '${real}' "$@"\n`,
    { mode: 0o755 },
  );
  return { PATH: `${bin}${path.delimiter}${process.env.PATH}`, SECRET_SAFE_E2E_GIT_LOG: gitLog };
}
const extensionPath = opt['break-activation'] ? brokenCopy(state) : ROOT;

/** A copy of the built extension whose activate() throws, to prove the suite notices. */
function brokenCopy(stateDir) {
  const dir = path.join(stateDir, 'broken-extension');
  fs.mkdirSync(dir);
  for (const f of ['package.json', 'dist', 'out', 'node_modules']) {
    const from = path.join(ROOT, f);
    if (f === 'node_modules') fs.symlinkSync(from, path.join(dir, f));
    else fs.cpSync(from, path.join(dir, f), { recursive: true });
  }
  fs.renameSync(path.join(dir, 'dist/extension.js'), path.join(dir, 'dist/extension-real.js'));
  fs.writeFileSync(
    path.join(dir, 'dist/extension.js'),
    'const real = require("./extension-real.js");\n' + 'module.exports = { ...real, activate() { throw new Error("activation broken on purpose"); } };\n',
  );
  return dir;
}

const hostLines = [];
let server;
let browser;
let exitCode = 2;
try {
  server = await startCodeServer(state, {
    testMode: true,
    trusted: !opt.untrusted,
    env: {
      // The extension host keeps this environment (PATH with the logging git) instead of one
      // resolved from a login shell, which VS Code's server otherwise merges over it.
      VSCODE_CLI: '1',
      SECRET_SAFE_E2E_RESULTS: resultsFile,
      ...gitShim(),
      ...(opt.untrusted ? { SECRET_SAFE_E2E_SUITE: 'untrusted' } : {}),
      ...(opt.grep ? { SECRET_SAFE_E2E_GREP: opt.grep } : {}),
      ...(opt.suites ? { SECRET_SAFE_E2E_SUITES: opt.suites } : {}),
      ...(opt.bail ? { SECRET_SAFE_E2E_BAIL: '1' } : {}),
    },
  });
  const remote = p => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionPath)],
    ['extensionTestsPath', remote(path.join(extensionPath, 'out/test/e2e/index.js'))],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  browser = await launchBrowser(state);
  const page = browser.pages()[0] ?? (await browser.newPage());
  let resolveExit;
  const exited = new Promise(r => (resolveExit = r));
  // The extension host's console (mocha's reporter) arrives here, printf-style.
  await page.exposeFunction('codeAutomationLog', (_type, args) => {
    const line = format(...args);
    hostLines.push(line);
    // A test may ask for a picture of the workbench: console.log('[screenshot] name').
    const shot = /^\[screenshot\] ([\w-]+)$/.exec(line);
    if (shot) {
      void page
        .screenshot({ path: path.join(state, `${shot[1]}.png`) })
        .then(() => opt.screenshots && fs.copyFileSync(path.join(state, `${shot[1]}.png`), path.join(path.resolve(opt.screenshots), `${shot[1]}.png`)))
        .catch(() => {});
    }
    // ...or what the workbench renders, for the test to read: console.log('[texts] name css-selector')
    // writes the text of every matching element (an input's value, an icon's label) to <state>/texts-name.json.
    const texts = /^\[texts\] ([\w-]+) (.+)$/.exec(line);
    if (texts) {
      void page
        .locator(texts[2])
        // An input's text is its value (what was typed), every other element's what it renders.
        .evaluateAll(all => all.map(e => (e instanceof HTMLInputElement ? e.value : e.innerText || e.getAttribute('aria-label') || '')))
        .then(all => writeWhole(path.join(state, `texts-${texts[1]}.json`), JSON.stringify(all)))
        .catch(e => console.error(`e2e: could not read ${texts[2]}: ${e.message.split('\n')[0]}`));
    }
    const record = /^\[record-texts\] (start|stop) ([\w-]+)$/.exec(line);
    if (record) {
      const file = path.join(state, `texts-${record[2]}${record[1] === 'start' ? '.started' : '.json'}`);
      void page
        .evaluate(start => {
          const texts = window.__secretSafeTexts ? [...window.__secretSafeTexts] : [];
          window.__secretSafeTexts = start ? new Set() : null;
          return texts;
        }, record[1] === 'start')
        .then(texts => writeWhole(file, JSON.stringify(texts)))
        .catch(e => console.error(`e2e: could not record texts: ${e.message.split('\n')[0]}`));
    }
    // ...or the text of every notification, printed here (the host shows them in the list only).
    if (line === '[notifications]') {
      void page
        .locator('.notifications-list-container .notification-list-item-message')
        .allTextContents()
        .then(texts => texts.forEach(t => console.log(`e2e: notification: ${t}`)))
        .catch(() => {});
    }
    // ...or text typed where the focus is (an input box): console.log('[type] SOME_NAME').
    const typed = /^\[type\] (.+)$/.exec(line);
    if (typed) void page.keyboard.type(typed[1]).catch(() => {});
    // ...or keys pressed as a person would, in the active editor: console.log('[press] Control+Z').
    const press = /^\[press\] ([\w+]+)( anywhere)?$/.exec(line);
    if (press?.[2]) {
      void page.keyboard.press(press[1]).catch(() => {});
    } else if (press) {
      void page
        .locator('.editor-group-container.active .monaco-editor textarea')
        .first()
        .focus()
        .then(() => page.keyboard.press(press[1]))
        .catch(e => console.error(`e2e: could not press ${press[1]}: ${e.message.split('\n')[0]}`));
    }
    // ...or a right click on the first element matching a selector, for its context menu:
    // console.log('[rightclick] .some .css-selector').
    const rightClick = /^\[rightclick\] (.+)$/.exec(line);
    if (rightClick) {
      void page
        .locator(rightClick[1])
        .first()
        .click({ button: 'right', timeout: 15_000 })
        .catch(e => console.error(`e2e: could not right-click ${rightClick[1]}: ${e.message.split('\n')[0]}`));
    }
    // ...or a click on a button a person would press, such as a notification's: console.log('[click] Stop Tracking').
    const click = /^\[click\] (.+)$/.exec(line);
    if (click) {
      void page
        .getByRole('button', { name: click[1], exact: true })
        .first()
        .click({ timeout: 15_000 })
        .catch(async e => {
          console.error(`e2e: could not click ${click[1]}: ${e.message.split('\n')[0]}`);
          await page.screenshot({ path: path.join(state, 'click-failed.png') }).catch(() => {});
        });
    }
    // ...or a row of a tree or list clicked, found by its text: console.log('[click-row] Anthropic API key').
    const row = /^\[click-row\] (.+)$/.exec(line);
    if (row) {
      void page
        .locator('.monaco-list-row', { hasText: row[1] })
        .last()
        .click({ timeout: 15_000 })
        .catch(e => console.error(`e2e: could not click the row ${row[1]}: ${e.message.split('\n')[0]}`));
    }
    // ...or an icon button clicked, found by its label (its tooltip): console.log('[click-label] Show .env Values').
    const labelled = /^\[click-label\] (.+)$/.exec(line);
    if (labelled) {
      void page
        .locator(`.action-label[aria-label="${labelled[1]}"]`)
        .first()
        .click({ timeout: 15_000 })
        .catch(e => console.error(`e2e: could not click ${labelled[1]}: ${e.message.split('\n')[0]}`));
    }
    // ...or a row picked in the quick pick once it shows: console.log('[pick] .env.local').
    const pick = /^\[pick\] (.+)$/.exec(line);
    if (pick) {
      void page
        .locator('.quick-input-widget .monaco-list-row', { hasText: pick[1] })
        .first()
        .click({ timeout: 15_000 })
        .catch(e => console.error(`e2e: could not pick ${pick[1]}: ${e.message.split('\n')[0]}`));
    }
    // The workbench's account service waits 5 s for the built-in GitHub sign-in provider, which an
    // offline host never needs, and logs the timeout with a stack on a slow start: not ours.
    const noise = /Timed out waiting for authentication provider 'github'/.test(line);
    if (!noise && (opt.verbose || /^\s*(✔|✓|\d+\)|\d+ (passing|failing|pending))|secret-safe|Error/.test(line))) {
      console.log(`[host] ${line}`);
    }
  });
  // Every text the editors render, caught after each DOM change and before it can be painted,
  // while a test records: console.log('[record-texts] start name') ... ('[record-texts] stop name')
  // writes them to <state>/texts-name.json. innerText leaves out what CSS hides.
  await page.addInitScript(() => {
    window.__secretSafeTexts = null;
    const snapshot = () => {
      if (!window.__secretSafeTexts) return;
      for (const el of document.querySelectorAll('.monaco-editor .view-lines')) window.__secretSafeTexts.add(el.innerText);
    };
    new MutationObserver(snapshot).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await page.exposeFunction('codeAutomationExit', code => resolveExit(code));
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  const timeoutS = Number(opt.timeout);
  exitCode = await Promise.race([exited, new Promise(r => setTimeout(() => r('timeout'), timeoutS * 1000).unref())]);
  if (exitCode === 'timeout') {
    console.error(`e2e: no result from the extension host within ${timeoutS} s`);
    exitCode = 2;
  }
  if (exitCode !== 0) {
    await page.screenshot({ path: path.join(state, 'failure.png') }).catch(() => {});
  }
} catch (e) {
  console.error(`e2e: host error: ${e?.stack ?? e}`);
  exitCode = 2;
} finally {
  await browser?.close().catch(() => {});
  await server?.stop();
}

let results;
try {
  results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
} catch {
  results = undefined;
}
const passed = results ? results.tests.filter(t => t.state === 'passed').length : 0;
const failed = results ? results.tests.length - passed : 0;
for (const t of results?.tests ?? []) {
  if (t.state !== 'passed') console.log(`FAILED  ${t.title}\n        ${String(t.error).split('\n')[0]}`);
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
const suiteOk = exitCode === 0 && results !== undefined && results.tests.length > 0 && failed === 0;
console.log(
  `e2e${opt.untrusted ? ', untrusted workspace' : ''} (VS Code ${results?.host?.vscode ?? '?'} extension host, ${seconds} s): ${passed} passed, ${failed} failed`,
);

if (opt['break-activation']) {
  // The point of this run is that the suite goes red; "passing" here would be the bug.
  console.log(suiteOk ? 'e2e: the suite PASSED against a broken extension' : 'e2e: the suite failed against a broken extension, as it must');
  if (!suiteOk) removeState(state);
  process.exit(suiteOk ? 1 : 0);
}
if (!suiteOk) {
  if (exitCode === 0) console.error('e2e: the host reported success, but the suite wrote no passing results');
  console.error(`e2e: state kept in ${state} (the next run removes it), workspace in ${workspace}`);
  process.exit(1);
}
removeState(state);
process.exit(0);
