import * as vscode from 'vscode';
import { rotationChecklist } from './rotation-checklist';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createClient } from './client';
import { EnvMasking } from './env-mask';
import { registerCommands } from './commands';
import { registerSecretsView } from './secrets-view';
import { registerKeysView } from './keys-view';
import { watchKeyValues } from './key-changes';
import { createStatusItem } from './status';

let client: LanguageClient | undefined;

/** Masks env values on screen and starts the language server; everything about secrets happens there. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // Masking first: an env file restored on startup must not show its values while the server starts.
  context.subscriptions.push(new EnvMasking());
  client = createClient(context);
  const keys = registerKeysView(client);
  context.subscriptions.push(
    registerCommands(client),
    createStatusItem(client),
    registerSecretsView(client),
    keys.disposable,
    watchKeyValues(context, client, keys.view),
    vscode.commands.registerCommand('secretSafe.rotationChecklist', () => rotationChecklist(context, client!)),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
