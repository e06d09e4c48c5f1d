import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A temporary folder filled from a map of relative path to content; removed by `dispose`. */
export function tempDir(files: Record<string, string | Buffer> = {}): { path: string; write(rel: string, content: string | Buffer): string; dispose(): void } {
  const path = mkdtempSync(join(tmpdir(), 'secret-safe-test-'));
  const write = (rel: string, content: string | Buffer): string => {
    const file = join(path, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    return file;
  };
  for (const [rel, content] of Object.entries(files)) {
    write(rel, content);
  }
  return { path, write, dispose: () => rmSync(path, { recursive: true, force: true }) };
}
