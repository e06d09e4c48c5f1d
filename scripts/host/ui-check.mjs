#!/usr/bin/env node
// Installs the packaged .vsix into the real VS Code host, opens a file holding a fresh fake key, and
// reads what a person would see: the Problems panel row with the masked message. Saves a screenshot.
//
//   node scripts/host/ui-check.mjs [--vsix secret-safe-x.y.z.vsix] [--screenshot media/diagnostic.png]
// exit: 0 every check passed, 1 a check failed, 2 the host could not be driven.
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, installVsix, launchBrowser, makeState, removeState, requireHost, startCodeServer } from './lib.mjs';

const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const { values: opt } = parseArgs({
  options: {
    vsix: { type: 'string', default: path.join(ROOT, `secret-safe-${version}.vsix`) },
    screenshot: { type: 'string' },
    timeout: { type: 'string', default: '90' },
  },
});

requireHost();
const TIMEOUT = Number(opt.timeout) * 1000;
const started = Date.now();
const state = makeState('ui', {
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'editor.minimap.enabled': false,
});
const workspace = path.join(state, 'ws');
fs.cpSync(path.join(ROOT, 'test/e2e/fixtures/basic'), workspace, { recursive: true });

// A fake Anthropic key in the real format, generated now with the tests' generator: the repository holds none.
const require = createRequire(import.meta.url);
const { fakeKeys } = require('../../out/src/core/fake-keys.js');
const { createKeyGen } = require('../../out/src/core/keygen.js');
const key = fakeKeys(createKeyGen(() => randomInt(0, 2 ** 32) / 2 ** 32)).anthropic();
fs.writeFileSync(
  path.join(workspace, 'src/client.ts'),
  [
    '// TODO: read this from the environment',
    `const apiKey = '${key}';`,
    '',
    'export async function ask(prompt: string): Promise<Response> {',
    "  return fetch('https://api.anthropic.com/v1/messages', {",
    "    method: 'POST',",
    "    headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },",
    "    body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 256, messages: [{ role: 'user', content: prompt }] }),",
    '  });',
    '}',
    '',
  ].join('\n'),
);

// A second key, in a file that stays closed: only Scan Workspace can find it.
const openaiKey = fakeKeys(createKeyGen(() => randomInt(0, 2 ** 32) / 2 ** 32)).openai();
fs.mkdirSync(path.join(workspace, 'deploy'), { recursive: true });
// And a GitHub token beside it: the Secrets view then counts three secrets in two files.
const githubToken = fakeKeys(createKeyGen(() => randomInt(0, 2 ** 32) / 2 ** 32)).github();
fs.writeFileSync(path.join(workspace, 'deploy/prod.yaml'), `llm:\n  provider: openai\n  api_key: ${openaiKey}\nci:\n  github_token: ${githubToken}\n`);

const checks = [];
const check = (name, ok, detail = '') => {
  checks.push(ok);
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${detail ? `: ${detail}` : ''}`);
};

/** Whether `locator` shows up before the timeout. */
const appears = locator =>
  locator.waitFor({ timeout: TIMEOUT }).then(
    () => true,
    () => false,
  );
/** The view pane whose header starts with `title`, opened if it is collapsed. */
const openPane = async (page, title) => {
  const header = page
    .locator('.pane-header')
    .filter({ hasText: new RegExp(`^${title}`) })
    .first();
  await header.waitFor({ timeout: TIMEOUT });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click({ timeout: TIMEOUT });
  return header;
};

let server;
let browser;
let code = 2;
try {
  const installed = await installVsix(state, path.resolve(opt.vsix));
  check('the .vsix installs with --install-extension', /successfully installed/i.test(installed), installed.split('\n').pop());
  server = await startCodeServer(state);
  browser = await launchBrowser(state);
  const page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: TIMEOUT });

  // Open the file with Quick Open, as a person would.
  await page.getByRole('treeitem', { name: 'src' }).waitFor({ timeout: TIMEOUT });
  await page.keyboard.press('Control+P');
  await page.keyboard.type('client.ts');
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'client.ts' }).first().waitFor({ timeout: TIMEOUT });
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines').filter({ hasText: 'apiKey' }).first().waitFor({ timeout: TIMEOUT });

  await page.keyboard.press('Control+Shift+M');
  const row = page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'Anthropic API key' }).first();
  await row.waitFor({ timeout: TIMEOUT });
  const rowText = (await row.innerText()).replace(/\s+/g, ' ').trim();
  check('the Problems panel shows the finding', /Anthropic API key sk-ant-api03-\*\*\*\*.{4} is hardcoded/.test(rowText), JSON.stringify(rowText));
  check('the row names the source and the rule', /secret-safe/.test(rowText) && /anthropic-api-key/.test(rowText));
  const panelText = await page.locator('.markers-panel').first().innerText();
  check('the Problems panel never shows the key', !panelText.includes(key) && !panelText.includes(key.slice(40, 60)));
  const underlined = await appears(page.locator('.monaco-editor .squiggly-error').first());
  check('the editor underlines the key', underlined);

  if (opt.screenshot) {
    // Hover the key so the picture shows the message where the user meets it.
    // The mouse moves over the squiggle's box: the text layer above it takes the pointer events.
    const box = await page.locator('.monaco-editor .squiggly-error').first().boundingBox();
    if (box) await page.mouse.move(box.x + Math.min(box.width / 2, 200), box.y + box.height / 2);
    await page
      .locator('.monaco-hover')
      .filter({ hasText: 'Anthropic API key' })
      .first()
      .waitFor({ timeout: 10_000 })
      .catch(() => {});
    await page.waitForTimeout(1500); // let the hover finish loading its quick fixes
    await page.screenshot({ path: path.resolve(opt.screenshot) });
    console.log(`screenshot: ${opt.screenshot}`);
  }
  // Scan Workspace from the Command Palette: a file nobody opened gets its finding in the Problems
  // panel. It proves the packaged extension carries its scan worker (dist/scan-worker.js).
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await page.keyboard.type('Secret Safe: Scan Workspace');

  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Secret Safe: Scan Workspace' }).first().click({ timeout: TIMEOUT });
  const scanned = page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'OpenAI API key' }).first();
  const found = await appears(scanned);
  if (!found) await page.screenshot({ path: path.join(state, 'scan-failed.png') });
  check(
    'Scan Workspace reports the key in a file nobody opened',
    found && !(await page.locator('.markers-panel').first().innerText()).includes(openaiKey.slice(20, 40)),
  );

  // The Secrets view's title bar, opened by its header: how many secrets in how many files (three
  // keys, in two files), and its actions.
  const secretsHeader = await openPane(page, 'Secrets');
  await secretsHeader.hover();
  const counted = await appears(page.locator('.pane-header').filter({ hasText: '3 in 2 files' }).first());
  const headerText = (await secretsHeader.innerText()).replace(/\s+/g, ' ').trim();
  const actions = await secretsHeader.locator('.action-label').evaluateAll(els => els.map(e => e.getAttribute('aria-label') ?? ''));
  check('the Secrets view says how many secrets in how many files', counted, JSON.stringify(headerText));
  check(
    'the Secrets view offers Scan Workspace and Collapse All in its title bar',
    actions.some(a => a.includes('Scan Workspace')) && actions.some(a => a.includes('Collapse All')),
    JSON.stringify(actions),
  );

  // A window reload restarts the language server, which held the scan's findings on closed files:
  // the scan runs again by itself, and the view says when the workspace was scanned.
  await page.reload();
  await page.locator('.monaco-workbench').waitFor({ timeout: TIMEOUT });
  const reloadedHeader = await openPane(page, 'Secrets');
  const survived = await appears(page.locator('.pane-header').filter({ hasText: '3 in 2 files' }).first());
  const note = /scanned \d/.test(await reloadedHeader.innerText());
  if (!survived || !note) await page.screenshot({ path: path.join(state, 'reload.png') });
  check(
    'after a window reload the Secrets view still lists the closed file, and says when the workspace was scanned',
    survived && note,
    `count ${survived}, note ${note}`,
  );

  // The walkthrough, opened as a person would from the Command Palette: its four steps, the scan
  // step checked off by the Scan Workspace just run, the git-hygiene step not (nothing ran it).
  await page.keyboard.press('F1');
  await page.keyboard.type('Welcome: Open Walkthrough');
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Open Walkthrough' }).first().click({ timeout: TIMEOUT });
  await page.keyboard.type('Keep secrets out of your code');
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Keep secrets out of your code' }).first().click({ timeout: TIMEOUT });
  const steps = page.locator('.getting-started-step');
  const shown = await appears(steps.filter({ hasText: 'Check git hygiene' }).first());
  const titles = shown ? (await page.locator('.getting-started-step .step-title').allInnerTexts()).map(t => t.trim()) : [];
  check(
    'the walkthrough opens with its four steps',
    ['Scan the workspace', 'Move a key to .env', 'Check git hygiene', 'Keep .env files healthy'].every(t => titles.includes(t)),
    JSON.stringify(titles),
  );
  // The step's own button runs the command; VS Code then checks the step off (its checkbox icon).
  const checked = title => steps.filter({ hasText: title }).first().locator('.codicon-getting-started-step-checked');
  if (shown) await steps.filter({ hasText: 'Scan the workspace' }).first().getByRole('button', { name: 'Scan Workspace' }).click({ timeout: TIMEOUT });
  const scanDone = shown && (await appears(checked('Scan the workspace').first()));
  const hygieneDone = shown && (await checked('Check git hygiene').count()) > 0;
  if (!scanDone || hygieneDone) {
    await page.screenshot({ path: path.join(state, 'walkthrough.png') });
    console.log(await steps.first().evaluate(e => e.outerHTML.slice(0, 1500)));
  }
  check("the step's Scan Workspace button checks off its step, and only its step", scanDone && !hygieneDone, `scan ${scanDone}, hygiene ${hygieneDone}`);
  code = checks.every(Boolean) ? 0 : 1;
} catch (e) {
  // First line only: Playwright's call log quotes page text, which here includes the key.
  console.error(`ui-check: ${String(e?.message ?? e).split('\n')[0]}`);
  await browser
    ?.pages()[0]
    ?.screenshot({ path: path.join(state, 'ui-error.png') })
    .catch(() => {});
  code = checks.length > 0 ? 1 : 2;
} finally {
  await browser?.close().catch(() => {});
  await server?.stop();
}
console.log(`ui-check: ${checks.filter(Boolean).length} passed, ${checks.filter(c => !c).length} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
if (code === 0) removeState(state);
else console.error(`ui-check: state kept in ${state}`);
process.exit(code);
