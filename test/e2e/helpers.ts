import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'secret-safe.secret-safe';

/** Polls until `probe` returns a value other than undefined; diagnostics arrive asynchronously. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise(r => setTimeout(r, 100));
  }
}

/** Secret Safe's diagnostics on `uri`. */
export function secretDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter(d => d.source === 'secret-safe');
}

/** Waits until `uri` has exactly `count` Secret Safe diagnostics, and returns them. */
export function diagnosticsCount(uri: vscode.Uri, count: number): Promise<vscode.Diagnostic[]> {
  return waitFor(`${count} diagnostic(s) on ${uri.path}`, () => {
    const ds = secretDiagnostics(uri);
    return ds.length === count ? ds : undefined;
  });
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    throw new Error('the e2e suite needs a workspace folder');
  }
  return folder.uri.fsPath;
}

/** Writes a file into the test workspace and opens it in an editor. */
export async function openNewFile(relativePath: string, content: string): Promise<vscode.TextDocument> {
  const file = join(workspaceRoot(), relativePath);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(document);
  return document;
}

/**
 * What the workbench renders for `selector`, read by the runner (Playwright) after the test asks
 * with `[texts] name selector`: one string per matching element.
 */
/**
 * Records every text the editors render (what CSS hides left out) from now until `stop()`: the
 * runner snapshots the editors' lines after each DOM change, before the browser can paint it.
 */
export async function recordRenderedTexts(name: string): Promise<{ stop(): Promise<string[]> }> {
  const dir = dirname(process.env.SECRET_SAFE_E2E_RESULTS ?? '');
  const started = join(dir, `texts-${name}.started`);
  const file = join(dir, `texts-${name}.json`);
  rmSync(started, { force: true });
  rmSync(file, { force: true });
  console.log(`[record-texts] start ${name}`);
  await waitFor('the runner to start recording', () => existsSync(started) || undefined);
  return {
    async stop() {
      console.log(`[record-texts] stop ${name}`);
      return waitFor('the runner to stop recording', () => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as string[]) : undefined));
    },
  };
}

export async function renderedTexts(name: string, selector: string): Promise<string[]> {
  const file = join(dirname(process.env.SECRET_SAFE_E2E_RESULTS ?? ''), `texts-${name}.json`);
  rmSync(file, { force: true });
  console.log(`[texts] ${name} ${selector}`);
  return waitFor(`the runner to read ${selector}`, () => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as string[]) : undefined));
}
