import { linkSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Fills `folder` with `count` files that take real work to scan, so a test can cancel a scan
 * before it ends on any machine: one 200 KB source dense with words the rules look at (no
 * secret in it), hard-linked `count` times in subfolders of 500. Links cost nothing to create;
 * each scans in about 1 ms on one core.
 */
export function fillBusyFolder(folder: string, count: number): void {
  const line = '  const tokenCount = countTokens(passwordField, secretName); // api_key auth\n';
  mkdirSync(folder, { recursive: true });
  const source = join(folder, 'source.ts');
  writeFileSync(source, line.repeat(Math.floor(200_000 / line.length)));
  for (let i = 0; i < count; i++) {
    const sub = join(folder, `d${Math.floor(i / 500)}`);
    if (i % 500 === 0) mkdirSync(sub, { recursive: true });
    linkSync(source, join(sub, `f${i}.ts`));
  }
}
