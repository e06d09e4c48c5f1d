import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ApplyMoveToEnvCommand,
  CHECK_HYGIENE_COMMAND,
  DidGrantTrustNotification,
  MoveToEnvAsCommand,
  SCAN_WORKSPACE_COMMAND,
  UntrackSecretFileCommand,
  type MoveToEnvArgs,
  type UntrackArgs,
} from '../shared/protocol';
import { executeServerCommand } from './server-command';
import { checkGitHygiene, untrackSecretFile } from './hygiene';
import { scanWorkspace } from './workspace-scan';

/** The commands in the "Secret Safe" category of the Command Palette, and the ones code actions run. */
export function registerCommands(client: LanguageClient): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('secretSafe.restartServer', () => client.restart()),
    vscode.commands.registerCommand('secretSafe.showOutput', () => client.outputChannel.show()),
    vscode.commands.registerCommand(MoveToEnvAsCommand.command, (args: MoveToEnvArgs) => moveToEnvAs(client, args)),
    vscode.commands.registerCommand(CHECK_HYGIENE_COMMAND, () => checkGitHygiene(client)),
    vscode.commands.registerCommand(SCAN_WORKSPACE_COMMAND, () => scanWorkspace(client)),
    vscode.commands.registerCommand(UntrackSecretFileCommand.command, (args: UntrackArgs) => untrackSecretFile(client, args)),
    // Trusting the workspace lets the server ask git itself from now on.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client.sendNotification(DidGrantTrustNotification)),
  );
}

/** "Move to .env as…": asks for the variable's name, then has the server plan and apply the move. */
async function moveToEnvAs(client: LanguageClient, args: MoveToEnvArgs): Promise<void> {
  const name = await vscode.window.showInputBox({
    title: 'Move to .env',
    prompt: 'Name of the environment variable that will hold the secret',
    value: args.name,
    validateInput: value => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(value) ? undefined : 'Letters, digits and _, not starting with a digit'),
  });
  if (name === undefined) {
    return;
  }
  await executeServerCommand(client, ApplyMoveToEnvCommand, { ...args, name });
}
