import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ApplyMoveToEnvCommand,
  CHECK_HYGIENE_COMMAND,
  DidGrantTrustNotification,
  IgnoreCommand,
  MoveToEnvAsCommand,
  SCAN_WORKSPACE_COMMAND,
  UntrackSecretFileCommand,
  type IgnoreArgs,
  type MoveToEnvArgs,
  type UntrackArgs,
} from '../shared/protocol';
import { executeServerCommand } from './server-command';
import { checkGitHygiene, untrackSecretFile } from './hygiene';
import { ignoreWithReason } from './ignore';
import type { ScanRecord } from './scan-record';
import { scanWorkspace } from './workspace-scan';

/** The commands in the "Secret Safe" category of the Command Palette, and the ones code actions run. */
export function registerCommands(client: LanguageClient, record: ScanRecord): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('secretSafe.restartServer', () => client.restart()),
    vscode.commands.registerCommand('secretSafe.showOutput', () => client.outputChannel.show()),
    vscode.commands.registerCommand(MoveToEnvAsCommand.command, (args: MoveToEnvArgs) => moveToEnvAs(client, args)),
    vscode.commands.registerCommand(IgnoreCommand.command, (args: IgnoreArgs) => ignoreWithReason(client, args)),
    vscode.commands.registerCommand(CHECK_HYGIENE_COMMAND, () => checkGitHygiene(client)),
    vscode.commands.registerCommand(SCAN_WORKSPACE_COMMAND, () => scanWorkspace(client, record)),
    vscode.commands.registerCommand(UntrackSecretFileCommand.command, (args: UntrackArgs) => untrackSecretFile(client, args)),
    // Trusting the workspace lets the server ask git itself from now on.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client.sendNotification(DidGrantTrustNotification)),
  );
}

const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * "Move to .env as…": the names the server proposes (its choice, the provider's conventional
 * name, the code's own) in a pick list, and whatever the user types as a name of their own; then
 * the server plans and applies the move.
 */
async function moveToEnvAs(client: LanguageClient, args: MoveToEnvArgs): Promise<void> {
  const candidates = args.candidates?.length ? args.candidates : args.name ? [args.name] : [];
  const name = await pickName(candidates);
  if (name === undefined) {
    return;
  }
  await executeServerCommand(client, ApplyMoveToEnvCommand, { ...args, name });
}

function pickName(candidates: readonly string[]): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick();
  pick.title = 'Move to .env';
  pick.placeholder = 'Name of the environment variable that will hold the secret (or type another)';
  const proposed = candidates.map((label, i) => ({ label, description: i === 0 ? 'proposed' : undefined }));
  pick.items = proposed;
  pick.onDidChangeValue(value => {
    const typed = value.trim();
    const own =
      typed && !candidates.includes(typed)
        ? [{ label: typed, description: VALID_NAME.test(typed) ? 'your name' : 'not a valid name: letters, digits and _, not starting with a digit' }]
        : [];
    pick.items = [...own, ...proposed];
  });
  return new Promise(resolve => {
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0]?.label ?? pick.value.trim();
      if (!VALID_NAME.test(chosen)) return; // the item says why; the pick stays open
      resolve(chosen);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}
