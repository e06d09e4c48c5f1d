// How the editor feels while Scan Workspace runs: the real language server over stdio (the
// tests' LSP client), one open document, and two things a user does while typing, timed when the
// server is idle and again while it scans a large workspace: a code action request (the light
// bulb), and an edit until its diagnostics arrive (150 ms of that is the typing debounce).
import { createRequire } from 'node:module';
import path from 'node:path';

/** Median and 95th percentile of a list of milliseconds. */
function stats(ms) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = q => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { n: sorted.length, median: at(0.5), p95: at(0.95) };
}

export async function measureResponsiveness(root, folder, key) {
  const require = createRequire(import.meta.url);
  const { ServerUnderTest } = require(path.join(root, 'out/test/helpers/lsp-server.js'));
  const server = await ServerUnderTest.start({ folder, trustedWorkspace: false });
  const uri = 'untitled:responsiveness.ts';
  const base = `import Anthropic from '@anthropic-ai/sdk';\n${'export const n = 1;\n'.repeat(300)}const client = new Anthropic({ apiKey: '${key}' });\n`;
  await server.open(uri, base, 'typescript');
  await server.diagnostics(uri, d => d.length === 1);
  let edits = 0;
  const codeAction = async () => {
    const line = 301;
    const t0 = performance.now();
    await server.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line, character: 40 }, end: { line, character: 40 } },
      context: { diagnostics: server.latest(uri)?.diagnostics ?? [] },
    });
    return performance.now() - t0;
  };
  const edit = async () => {
    const t0 = performance.now();
    const version = await server.change(uri, `${base}// edit ${++edits}\n`);
    await server.diagnostics(uri, () => server.latest(uri)?.version === version, 30_000);
    return performance.now() - t0;
  };
  const sample = async (until, minimum) => {
    const actions = [];
    const diagnostics = [];
    for (let i = 0; i < minimum || !until(); i++) {
      actions.push(await codeAction());
      if (i % 10 === 0) diagnostics.push(await edit());
      if (i > 100_000) break;
    }
    return { actions: stats(actions), diagnostics: stats(diagnostics) };
  };
  const idle = await sample(() => true, 200);
  let done = false;
  const t0 = performance.now();
  const scan = server.connection.sendRequest('secretSafe/scanWorkspace', {}).then(r => {
    done = true;
    return r;
  });
  const busy = await sample(() => done, 20);
  const result = await scan;
  const scanSeconds = (performance.now() - t0) / 1000;
  await server.stop();
  return { idle, busy, scan: result, scanSeconds };
}
