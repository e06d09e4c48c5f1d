import * as vscode from 'vscode';
import { rotationChecklist } from './rotation-checklist';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createClient } from './client';
import { PlainEnvValuesRequest } from '../shared/protocol';
import { EnvMasking } from './env-mask';
import { registerCommands } from './commands';
import { registerSecretsView } from './secrets-view';
import { registerKeysView } from './keys-view';
import { watchKeyValues } from './key-changes';
import { ScanRecord } from './scan-record';
import { watchNotebookOutputs } from './notebook-outputs';
import { createStatusItem } from './status';
import { watchUntitledLabels } from './untitled-label';
import { rescanAfterReload } from './workspace-scan';

let client: LanguageClient | undefined;

/** Masks env values on screen and starts the language server; everything about secrets happens there. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // Masking first: an env file restored on startup must not show its values while the server starts.
  const masking = new EnvMasking();
  context.subscriptions.push(masking);
  client = createClient(context);
  const keys = registerKeysView(client);
  const record = new ScanRecord(context.workspaceState);
  context.subscriptions.push(
    record,
    registerCommands(client, record),
    createStatusItem(client),
    registerSecretsView(client, record),
    watchUntitledLabels(context),
    keys.disposable,
    watchKeyValues(context, client, keys.view),
    vscode.commands.registerCommand('secretSafe.rotationChecklist', () => rotationChecklist(context, client!)),
  );
  await client.start();
  const running = client;
  masking.useServer(uri => running.sendRequest(PlainEnvValuesRequest, { uri }));
  context.subscriptions.push(watchNotebookOutputs(running));
  void rescanAfterReload(client, record);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
