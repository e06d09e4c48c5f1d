import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { APPLY_MOVE_TO_ENV, CHECK_HYGIENE_COMMAND, DID_GRANT_TRUST, MOVE_TO_ENV_AS, SCAN_WORKSPACE_COMMAND, UNTRACK_SECRET_FILE, type MoveToEnvArgs, type UntrackArgs } from '../shared/protocol';
import { checkGitHygiene, untrackSecretFile } from './hygiene';
import { scanWorkspace } from './workspace-scan';

/** The commands in the "Secret Safe" category of the Command Palette, and the ones code actions run. */
export function registerCommands(client: LanguageClient): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('secretSafe.restartServer', () => client.restart()),
    vscode.commands.registerCommand('secretSafe.showOutput', () => client.outputChannel.show()),
    vscode.commands.registerCommand(MOVE_TO_ENV_AS, (args: MoveToEnvArgs) => moveToEnvAs(client, args)),
    vscode.commands.registerCommand(CHECK_HYGIENE_COMMAND, () => checkGitHygiene(client)),
    vscode.commands.registerCommand(SCAN_WORKSPACE_COMMAND, () => scanWorkspace(client)),
    vscode.commands.registerCommand(UNTRACK_SECRET_FILE, (args: UntrackArgs) => untrackSecretFile(client, args)),
    // Trusting the workspace lets the server ask git itself from now on.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client.sendNotification(DID_GRANT_TRUST)),
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
  await client.sendRequest(ExecuteCommandRequest.type, { command: APPLY_MOVE_TO_ENV, arguments: [{ ...args, name }] });
}
