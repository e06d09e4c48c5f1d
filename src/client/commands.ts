import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** The commands in the "Secret Safe" category of the Command Palette. */
export function registerCommands(client: LanguageClient): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('secretSafe.restartServer', () => client.restart()),
    vscode.commands.registerCommand('secretSafe.showOutput', () => client.outputChannel.show()),
  );
}
