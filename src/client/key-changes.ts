import { createHmac, randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ENV_FILE_NAME, isEnvTemplateName } from '../shared/env-files';
import { RecordRotationCommand } from '../shared/protocol';
import type { KeysView } from './keys-view';
import { executeServerCommand } from './server-command';

const LINE = /^[ \t]*(?:export[ \t]+)?([\w.-]+)[ \t]*=[ \t]*(.*?)[ \t]*$/gm;

const STATE_KEY = 'secretSafe.keyValueHashes';

interface Stored {
  /** A random key for the hashes, this workspace's own: a stored hash tells nothing outside it. */
  salt: string;
  /** By env file URI, by variable name: a keyed hash of the value, never the value. */
  files: Record<string, Record<string, string>>;
}

/**
 * Notices that a key's value changed in a local env file (a rotation, most likely) and offers to
 * record it in the template: "Record Rotation Today" sets `@rotated` above the key in
 * `.env.example`. What it remembers is a keyed hash of each value, in this workspace's storage.
 */
export function watchKeyValues(context: vscode.ExtensionContext, client: LanguageClient, view: KeysView): vscode.Disposable {
  const stored = context.workspaceState.get<Stored>(STATE_KEY) ?? { salt: randomBytes(16).toString('hex'), files: {} };
  const hash = (name: string, value: string): string => createHmac('sha256', stored.salt).update(`${name}\0${value}`).digest('hex');

  /** The names whose value differs from what was seen last; the new hashes are kept. */
  const changedIn = (uri: vscode.Uri, text: string): string[] => {
    const now: Record<string, string> = {};
    for (const m of text.matchAll(LINE)) now[m[1]] = hash(m[1], m[2]);
    const before = stored.files[uri.toString()];
    stored.files[uri.toString()] = now;
    void context.workspaceState.update(STATE_KEY, stored);
    return before ? Object.keys(now).filter(name => before[name] !== undefined && before[name] !== now[name]) : [];
  };

  /** An env file that holds values: `.env`, `.env.production`, not a template. */
  const isEnvFile = (uri: vscode.Uri): boolean => uri.scheme === 'file' && ENV_FILE_NAME.test(basename(uri.fsPath)) && !isEnvTemplateName(basename(uri.fsPath));

  const offer = async (uri: vscode.Uri, names: string[]): Promise<void> => {
    if (names.length === 0) return;
    view.refresh(0);
    const rows = await view.rows();
    // Only keys a template documents (where the date goes) and that are secrets.
    const documented = names.filter(name => rows.some(r => r.name === name && r.secret && r.documentedIn.length > 0));
    if (documented.length === 0) return;
    const file = vscode.workspace.asRelativePath(uri);
    const answer = await vscode.window.showInformationMessage(
      `${documented.join(', ')} changed in ${file}. If that was a rotation, record it in the template (@rotated today), so the next audit knows.`,
      'Record Rotation Today',
    );
    if (answer !== 'Record Rotation Today') return;
    for (const name of documented) {
      const result = await executeServerCommand(client, RecordRotationCommand, { uri: uri.toString(), name });
      if (!result?.applied) void vscode.window.showWarningMessage(`Secret Safe: ${result?.reason ?? 'the server did not answer'}.`);
    }
    view.refresh(0);
  };

  const seeDocument = (document: vscode.TextDocument): void => {
    if (isEnvFile(document.uri)) void offer(document.uri, changedIn(document.uri, document.getText()));
  };
  const seeFile = async (uri: vscode.Uri): Promise<void> => {
    if (!isEnvFile(uri) || vscode.workspace.textDocuments.some(d => d.uri.toString() === uri.toString() && d.isDirty)) return;
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.byteLength > 1 << 20) return;
      await offer(uri, changedIn(uri, new TextDecoder().decode(bytes)));
    } catch {
      // removed meanwhile
    }
  };

  // What the env files hold now is the starting point: nothing is offered for it.
  void vscode.workspace.findFiles('**/.env*', '**/node_modules/**', 500).then(uris => uris.forEach(uri => void seeFile(uri)));
  const watcher = vscode.workspace.createFileSystemWatcher('**/.env*');
  return vscode.Disposable.from(
    watcher,
    watcher.onDidCreate(uri => void seeFile(uri)),
    watcher.onDidChange(uri => void seeFile(uri)),
    vscode.workspace.onDidOpenTextDocument(document => {
      if (isEnvFile(document.uri) && !stored.files[document.uri.toString()]) changedIn(document.uri, document.getText());
    }),
    vscode.workspace.onDidSaveTextDocument(seeDocument),
  );
}
