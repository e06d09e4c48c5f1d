// Builds and packages the extension into secret-safe-<version>.vsix with @vscode/vsce, from the
// .vscodeignore allowlist. Prints the size and contents, and fails above 1 MB.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const vsix = `secret-safe-${version}.vsix`;
const LIMIT = 1024 * 1024;
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

run(process.execPath, ['scripts/build.mjs']);
// Dependencies are bundled into dist/, so the .vsix needs no node_modules.
run(process.execPath, ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--out', vsix]);
const listing = run(process.execPath, ['node_modules/@vscode/vsce/vsce', 'ls', '--no-dependencies']);
const size = statSync(`${root}${vsix}`).size;
console.log(`${vsix}: ${(size / 1024).toFixed(1)} KB (limit ${LIMIT / 1024} KB)`);
console.log(
  listing
    .trim()
    .split('\n')
    .map(f => `  ${f}`)
    .join('\n'),
);
if (size > LIMIT) {
  console.error(`package: ${vsix} is over 1 MB`);
  process.exit(1);
}
