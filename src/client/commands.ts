import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { APPLY_MOVE_TO_ENV, MOVE_TO_ENV_AS, type MoveToEnvArgs } from '../shared/protocol';

/** The commands in the "Secret Safe" category of the Command Palette, and the ones code actions run. */
export function registerCommands(client: LanguageClient): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('secretSafe.restartServer', () => client.restart()),
    vscode.commands.registerCommand('secretSafe.showOutput', () => client.outputChannel.show()),
    vscode.commands.registerCommand(MOVE_TO_ENV_AS, (args: MoveToEnvArgs) => moveToEnvAs(client, args)),
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
