// Bundles the extension, the language server and the CLI with esbuild, and transpiles sources and
// tests file by file into out/ for mocha. Type checking is tsc's job (`npm run typecheck`).
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import * as esbuild from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const define = { __VERSION__: JSON.stringify(version) };
const sources = ['src', 'test'].flatMap(dir =>
  readdirSync(`${root}${dir}`, { recursive: true })
    .filter(f => f.endsWith('.ts') && !f.includes('fixtures'))
    .map(f => `${dir}/${f}`),
);

/**
 * The CLI loads `yaml` from its own bundle beside it, on first use (a compose file's builds): a
 * quarter of the CLI bundle otherwise, which Node parsed at every start, and most runs never read
 * YAML (a one-file scan, as a pre-commit hook runs it: 0.970 of the time, 21 interleaved rounds).
 */
const yamlBeside = {
  name: 'yaml-beside',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: './yaml.js', external: true }));
  },
};

const bundles = [
  { entryPoints: { extension: 'src/client/extension.ts' }, external: ['vscode'] },
  // Also the `secret-safe-language-server` bin: any LSP client runs it with --stdio.
  { entryPoints: { server: 'src/server/server.ts' }, banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: { cli: 'src/cli/main.ts' }, banner: { js: '#!/usr/bin/env node' }, plugins: [yamlBeside] },
  // Scans files on worker threads for the CLI: its own bundle, loaded from beside cli.js.
  { entryPoints: { 'scan-worker': 'src/node/scan/scan-worker.ts' }, plugins: [yamlBeside] },
  { entryPoints: { yaml: 'node_modules/yaml/dist/index.js' } },
];

rmSync(`${root}dist`, { recursive: true, force: true });
rmSync(`${root}out`, { recursive: true, force: true });
const started = performance.now();
await Promise.all([
  ...bundles.map(b =>
    esbuild.build({
      absWorkingDir: root,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      outdir: 'dist',
      minify: !process.env.NO_MINIFY,
      // jsonc-parser's UMD entry hides its requires from bundlers; its ES module build does not.
      mainFields: ['module', 'main'],
      legalComments: 'none',
      define,
      logLevel: 'warning',
      ...b,
    }),
  ),
  esbuild.build({
    absWorkingDir: root,
    entryPoints: sources,
    outdir: 'out',
    outbase: '.',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    define,
    logLevel: 'warning',
  }),
]);
console.log(`build: dist/{extension,server,cli,scan-worker,yaml}.js and out/ in ${Math.round(performance.now() - started)} ms`);
