import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ENV_FILE_NAME } from '../core/dotenv/templates';
import type { ReadText } from './env-targets';

/** An environment file as found beside or above some code: `.env`, `.env.production`, `.env.example`, … */
export interface EnvFile {
  path: string;
  fileName: string;
  text: string;
}

/** The environment files in one folder, in name order (read as the editor has them). */
export async function envFilesIn(dir: string, read: ReadText): Promise<EnvFile[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const files: EnvFile[] = [];
  for (const fileName of names.filter(n => ENV_FILE_NAME.test(n)).sort()) {
    const path = join(dir, fileName);
    const text = await read(path);
    if (text !== undefined) files.push({ path, fileName, text });
  }
  return files;
}

/**
 * The environment files a piece of code can see: those in its folder and in each parent up to
 * the workspace folder (a monorepo package's own, then the root's), nearest first.
 */
export async function envFilesFor(documentPath: string, workspaceFolder: string | undefined, read: ReadText): Promise<EnvFile[]> {
  const files: EnvFile[] = [];
  for (let dir = dirname(documentPath); ; dir = dirname(dir)) {
    files.push(...(await envFilesIn(dir, read)));
    if (!workspaceFolder || dir === workspaceFolder || !dir.startsWith(workspaceFolder) || dirname(dir) === dir) break;
  }
  return files;
}
