// Compiles src/core/keyword-scan.wat (WebAssembly text) into src/core/keyword-scan-wasm.ts, the
// bytes the scanner loads, with wabt. Run after editing the .wat: `npm run wasm`. The unit tests
// compile it again and fail when the committed bytes are not what the source says.
import { readFileSync, writeFileSync } from 'node:fs';
import wabt from 'wabt';

const root = new URL('..', import.meta.url).pathname;
const source = 'src/core/keyword-scan.wat';

/** The module's bytes, base64, as compiled from the .wat source. */
export async function compileKeywordScan() {
  const tools = await wabt();
  const module = tools.parseWat(source, readFileSync(`${root}${source}`, 'utf8'));
  module.validate();
  const { buffer } = module.toBinary({});
  module.destroy();
  return Buffer.from(buffer).toString('base64');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const base64 = await compileKeywordScan();
  writeFileSync(
    `${root}src/core/keyword-scan-wasm.ts`,
    `// Generated from keyword-scan.wat by \`npm run wasm\` (scripts/wasm.mjs): do not edit.\n` +
      `/** The keyword pass in WebAssembly, compiled: see keyword-scan.wat. */\n` +
      `export const KEYWORD_SCAN_WASM = '${base64}';\n`,
  );
  console.log(`wasm: src/core/keyword-scan-wasm.ts (${Buffer.from(base64, 'base64').length} bytes)`);
}
