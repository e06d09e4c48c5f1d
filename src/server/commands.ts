import type { Connection } from 'vscode-languageserver';
import type { ServerCommand } from '../shared/protocol';

type Handler = (arg: unknown) => Promise<unknown>;

/** The server's `workspace/executeCommand` commands: LSP allows one handler, so they are routed here. */
export class Commands {
  private readonly handlers = new Map<string, Handler>();

  /** The handler gets the command's one argument, as the client sent it (its type is the protocol's promise, not a check). */
  register<A, R>(command: ServerCommand<A, R>, handler: (arg: A) => Promise<R>): void {
    this.handlers.set(command.command, handler as Handler);
  }

  listen(connection: Connection): void {
    connection.onExecuteCommand(params => this.handlers.get(params.command)?.(params.arguments?.[0]));
  }
}
