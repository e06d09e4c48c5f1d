import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createClient } from './client';
import { registerCommands } from './commands';
import { registerSecretsView } from './secrets-view';
import { createStatusItem } from './status';

let client: LanguageClient | undefined;

/** Starts the language server; everything about secrets happens there. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = createClient(context);
  context.subscriptions.push(registerCommands(client), createStatusItem(client), registerSecretsView());
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
