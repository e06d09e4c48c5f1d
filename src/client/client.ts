import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CLIENT_ID, CONFIG_FILE_GLOB, DIAGNOSTIC_SOURCE, type InitializationOptions } from '../shared/protocol';
import { redactTrace } from './redact-trace';

/** What the client writes traces and logs with; each is given redacted text. */
const WRITERS = new Set<PropertyKey>(['append', 'appendLine', 'replace', 'trace', 'debug', 'info', 'warn', 'error']);

/** The log channel for the language client's trace, with document text redacted from every line. */
function redactingChannel(name: string): vscode.LogOutputChannel {
  const channel = vscode.window.createOutputChannel(name, { log: true });
  return new Proxy(channel, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') {
        return value;
      }
      if (!WRITERS.has(property)) {
        return value.bind(target);
      }
      return (message: unknown, ...rest: unknown[]) => value.call(target, typeof message === 'string' ? redactTrace(message) : message, ...rest);
    },
  });
}

/** Creates the client for the bundled server (`dist/server.js`), run in a Node child process over IPC. */
export function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Every language: secrets are pasted into YAML and shell scripts as often as into code.
    // A notebook's cells too: each is a document of its own, and a key in one shows on its line there.
    documentSelector: [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-vfs' }, { scheme: 'vscode-notebook-cell' }],
    diagnosticCollectionName: DIAGNOSTIC_SOURCE,
    outputChannelName: 'Secret Safe',
    traceOutputChannel: redactingChannel('Secret Safe Trace'),
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher(CONFIG_FILE_GLOB) },
    // The server runs git only in a trusted workspace; the other files it watches it registers itself.
    initializationOptions: { trustedWorkspace: vscode.workspace.isTrusted, clientCommands: true } satisfies InitializationOptions,
  };
  return new LanguageClient(CLIENT_ID, 'Secret Safe', serverOptions, clientOptions);
}
