// Real corpora for the whole-scan benchmark: trees of npm packages, installed from the npm registry
// at the exact versions their lock files pin (bench/corpora/<name>/), then copied into a plain
// folder with every nested `node_modules` renamed `nm` and the packages' ignore files left out, so
// that every tool (ours, secretlint, ripgrep, grep) reads the same files. Installed once per
// machine into the bench cache; no package's scripts run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);

/** Where the bench keeps what it installs: outside the repository, reused across runs. */
export const BENCH_CACHE = path.join(os.tmpdir(), 'secret-safe-bench-cache');

/** The corpora: each a folder of bench/corpora holding a package.json and its package-lock.json. */
export const NPM_CORPORA = {
  'npm-packages': 'the 13 packages of issue 23 (pdfjs-dist, webpack, @babel, react-dom, rxjs, lodash, @aws-sdk, eslint, typescript, @types/node, acorn, ajv)',
  'npm-large': 'the same and 16 more (googleapis, aws-sdk, monaco-editor, next, firebase, @mui, @angular, three, date-fns, ...)',
};

/**
 * `npm ci` of the lock in `spec` into `dir` (once: a marker says it finished). Only the registry
 * is used; optional native binaries and install scripts are left out.
 */
export function npmInstall(spec, dir, log = () => {}) {
  const marker = path.join(dir, '.installed.json');
  const lock = fs.readFileSync(path.join(spec, 'package-lock.json'), 'utf8');
  if (fs.existsSync(marker) && JSON.parse(fs.readFileSync(marker, 'utf8')).lock === lock.length) return;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const f of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(spec, f), path.join(dir, f));
  log(`  installing ${path.basename(spec)} from the npm registry into ${dir} ...`);
  const r = spawnSync('npm', ['ci', '--ignore-scripts', '--omit=optional', '--legacy-peer-deps', '--no-audit', '--no-fund'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  if (r.status !== 0) throw new Error(`npm ci in ${dir} failed: ${r.stderr.slice(-600)}`);
  fs.writeFileSync(marker, JSON.stringify({ lock: lock.length }));
}

/** The corpus as a plain folder: { dir, files, mb }. Built once, then reused. */
export function npmCorpus(name, log = () => {}) {
  const base = path.join(BENCH_CACHE, name);
  const tree = path.join(base, 'tree');
  const marker = path.join(base, 'tree.json');
  if (fs.existsSync(marker) && fs.existsSync(tree)) return JSON.parse(fs.readFileSync(marker, 'utf8'));
  const install = path.join(base, 'install');
  npmInstall(path.join(here, 'corpora', name), install, log);
  fs.rmSync(tree, { recursive: true, force: true });
  let files = 0;
  let bytes = 0;
  const copy = (from, to) => {
    fs.mkdirSync(to, { recursive: true });
    for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
      const source = path.join(from, entry.name);
      if (entry.isDirectory()) copy(source, path.join(to, entry.name === 'node_modules' ? 'nm' : entry.name));
      else if (entry.isFile() && !/^\.(git|npm|secretlint|rg|)ignore$/.test(entry.name)) {
        fs.copyFileSync(source, path.join(to, entry.name));
        files++;
        bytes += fs.statSync(source).size;
      }
      // Symbolic links (node_modules/.bin) are left out: tools differ on following them.
    }
  };
  copy(path.join(install, 'node_modules'), path.join(tree, 'nm'));
  const info = { dir: tree, files, mb: bytes / 1e6 };
  fs.writeFileSync(marker, JSON.stringify(info));
  return info;
}
