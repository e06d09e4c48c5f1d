import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import type { ServerCommand } from '../shared/protocol';

/** Runs one of the server's commands with its typed argument; undefined when the server declined. */
export async function executeServerCommand<A, R>(client: LanguageClient, command: ServerCommand<A, R>, args: A): Promise<R | undefined> {
  return (await client.sendRequest(ExecuteCommandRequest.type, { command: command.command, arguments: [args] })) as R | undefined;
}
