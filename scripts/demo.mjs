// npm start: build and package the extension, then make the demo project (demo/ with fresh fake keys
// in .demo/) and scan it with the CLI, printing the findings. Installs the .vsix into VS Code when a
// `code` command is on the PATH.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsix = path.join(root, `secret-safe-${version}.vsix`);

execFileSync(process.execPath, ['scripts/package.mjs'], { cwd: root, stdio: 'inherit' });

// The generators the tests use, from the build just made.
const require = createRequire(import.meta.url);
const { fakeKeys } = require('../out/src/core/fake-keys.js');
const { createKeyGen } = require('../out/src/core/keygen.js');
const fake = fakeKeys(createKeyGen(() => randomInt(0, 2 ** 32) / 2 ** 32));

const source = path.join(root, 'demo');
const target = path.join(root, '.demo');
fs.rmSync(target, { recursive: true, force: true });
for (const rel of fs.readdirSync(source, { recursive: true })) {
  const from = path.join(source, rel);
  const to = path.join(target, rel);
  if (fs.statSync(from).isDirectory()) {
    fs.mkdirSync(to, { recursive: true });
    continue;
  }
  fs.mkdirSync(path.dirname(to), { recursive: true });
  const text = fs.readFileSync(from, 'utf8').replace(/\{\{fake:(\w+)\}\}/g, (m, kind) => (kind in fake ? fake[kind]() : m));
  fs.writeFileSync(to, text);
}

// Its own repository, as a real project is: the scan's config and ignore rules stop at its root,
// not at this repository's (whose config allowlists .demo/).
spawnSync('git', ['init', '-q', '-b', 'main'], { cwd: target, stdio: 'ignore' });

console.log(`\nScanning the demo project (${path.relative(root, target)}/) with the CLI:\n`);
const scan = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'scan', '.'], { cwd: target, stdio: 'inherit' });
if (scan.status !== 1) {
  console.error(`demo: expected the scan to find secrets (exit 1), got exit ${scan.status}`);
  process.exit(1);
}

const code = spawnSync('code', ['--version'], { stdio: 'ignore' });
if (code.status === 0) {
  execFileSync('code', ['--install-extension', vsix, '--force'], { stdio: 'inherit' });
  console.log(`\nInstalled ${path.basename(vsix)} into VS Code. Open ${target} to see the findings in the editor.`);
} else {
  console.log(`\nNo \`code\` command on the PATH: install ${path.basename(vsix)} with "Extensions: Install from VSIX…", then open ${target}.`);
}
