import type { Connection } from 'vscode-languageserver';

type Handler = (args: unknown[]) => Promise<unknown>;

/** The server's `workspace/executeCommand` commands: LSP allows one handler, so they are routed here. */
export class Commands {
  private readonly handlers = new Map<string, Handler>();

  register(command: string, handler: Handler): void {
    this.handlers.set(command, handler);
  }

  listen(connection: Connection): void {
    connection.onExecuteCommand(params => this.handlers.get(params.command)?.(params.arguments ?? []));
  }
}
