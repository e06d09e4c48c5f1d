import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ApplyWorkspaceEditRequest,
  ConfigurationRequest,
  LogMessageNotification,
  ShowMessageNotification,
  ShowMessageRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type FileEvent,
  type PublishDiagnosticsParams,
  type Registration,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { DIST } from './repo';

/**
 * Settings the fake client answers `workspace/configuration` with, per document URI or for all,
 * for the `secretSafe` section; other sections (`files.exclude`) are answered by `sections`.
 */
export type SettingsFor = (scopeUri: string | undefined) => unknown;

/**
 * The real language server (`node dist/server.js --stdio`) with a real LSP client connection.
 * Records every byte the server writes, so tests can assert that no secret ever leaves it.
 */
export class ServerUnderTest {
  readonly published: PublishDiagnosticsParams[] = [];
  /** Everything the server wrote to stdout and stderr. */
  raw = '';
  initializeResult!: InitializeResult;
  readonly connection: ProtocolConnection;
  private readonly child: ChildProcess;
  /** Settles with the exit code when the server process ends. */
  readonly exited: Promise<number | null>;
  private readonly waiters: Array<() => void> = [];
  private readonly versions = new Map<string, number>();

  private constructor(settings: SettingsFor, env: NodeJS.ProcessEnv | undefined, sections: Record<string, unknown> = {}) {
    this.child = spawn(process.execPath, [join(DIST, 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], ...(env ? { env } : {}) });
    this.exited = new Promise(resolve => this.child.once('exit', code => resolve(code)));
    this.child.stdout!.on('data', (b: Buffer) => (this.raw += b.toString('utf8')));
    this.child.stderr!.on('data', (b: Buffer) => (this.raw += b.toString('utf8')));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    // Work-done progress a server may ask to create: recorded, like configuration and registration.
    this.connection.onRequest('window/workDoneProgress/create', () => {
      this.requested.push('window/workDoneProgress/create');
      return null;
    });
    this.connection.onRequest(ConfigurationRequest.type, params => {
      this.requested.push(ConfigurationRequest.method);
      return params.items.map(item =>
        item.section === undefined || item.section === 'secretSafe' ? settings(item.scopeUri) : (sections[item.section] ?? null),
      );
    });
    this.connection.onRequest(RegistrationRequest.type, params => {
      this.requested.push(RegistrationRequest.method);
      this.registrations.push(...params.registrations);
    });
    this.connection.onRequest(ApplyWorkspaceEditRequest.type, params => {
      this.appliedEdits.push(params.edit);
      return { applied: true };
    });
    this.connection.onNotification(ShowMessageNotification.type, params => {
      this.messages.push(params.message);
    });
    this.connection.onNotification(LogMessageNotification.type, params => {
      this.logs.push(params.message);
      this.notify();
    });
    this.connection.onRequest(ShowMessageRequest.type, params => {
      this.messages.push(params.message);
      return null;
    });
    this.connection.onNotification(PublishDiagnosticsNotification.type, p => {
      this.published.push(p);
      this.notify();
    });
    this.connection.listen();
  }

  /** Edits the server asked the client to apply (`workspace/applyEdit`), in order. */
  readonly appliedEdits: WorkspaceEdit[] = [];
  /** Messages the server showed (`window/showMessage`). */
  readonly messages: string[] = [];
  /** Lines the server logged (`window/logMessage`): the client's output channel. */
  readonly logs: string[] = [];
  /** The methods of the requests the server sent that are not edits or messages: configuration, registration, progress. */
  readonly requested: string[] = [];
  /** Capabilities the server registered (`client/registerCapability`), such as file watchers. */
  readonly registrations: Registration[] = [];

  static async start(
    options: {
      folder?: string;
      /** More workspace folders, after `folder` (a multi-root workspace). */
      moreFolders?: string[];
      settings?: SettingsFor;
      /** Other settings sections, as VS Code would answer them (`files.exclude`, `search.exclude`). */
      sections?: Record<string, unknown>;
      configuration?: boolean;
      resolveSupport?: boolean;
      /** What VS Code's client says: the workspace is trusted, so git may run. Absent: any other client. */
      trustedWorkspace?: boolean;
      /** What VS Code's client says: it registers the client commands (Move to .env as…, Ignore…). */
      clientCommands?: boolean;
      /** The server process's environment (a PATH with a git that logs its calls). */
      env?: NodeJS.ProcessEnv;
      /** A client that advertises no capability at all (no configuration, registration, progress, resolve). */
      bare?: boolean;
    } = {},
  ): Promise<ServerUnderTest> {
    const server = new ServerUnderTest(options.settings ?? (() => ({})), options.env, options.sections);
    const folderUri = options.folder ? pathToFileURL(options.folder).href : null;
    const initialized = server.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folderUri,
      workspaceFolders: folderUri
        ? [{ uri: folderUri, name: 'ws' }, ...(options.moreFolders ?? []).map((f, i) => ({ uri: pathToFileURL(f).href, name: `ws${i + 2}` }))]
        : null,
      ...(options.trustedWorkspace !== undefined || options.clientCommands
        ? {
            initializationOptions: {
              ...(options.trustedWorkspace !== undefined ? { trustedWorkspace: options.trustedWorkspace } : {}),
              ...(options.clientCommands ? { clientCommands: true } : {}),
            },
          }
        : {}),
      capabilities: options.bare
        ? {}
        : {
            workspace: {
              configuration: options.configuration !== false,
              workspaceFolders: true,
              didChangeConfiguration: { dynamicRegistration: true },
              didChangeWatchedFiles: { dynamicRegistration: true },
            },
            textDocument: {
              publishDiagnostics: { versionSupport: true },
              codeAction: {
                codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } },
                isPreferredSupport: true,
                disabledSupport: true,
                dataSupport: true,
                ...(options.resolveSupport === false ? {} : { resolveSupport: { properties: ['edit'] } }),
              },
            },
          },
    });
    // Waits on events, not a clock: the answer, or the server process ending without one (then
    // the test fails at once with what the server wrote, instead of when mocha's timeout runs out).
    server.initializeResult = await Promise.race([
      initialized,
      server.exited.then(code => Promise.reject(new Error(`the language server exited (${code}) before answering initialize: ${server.raw.slice(-2000)}`))),
    ]);
    await server.connection.sendNotification(InitializedNotification.type, {});
    return server;
  }

  private notify(): void {
    for (const w of this.waiters.splice(0)) {
      w();
    }
  }

  /** The latest diagnostics published for `uri`, waiting until `accept` likes them. */
  async diagnostics(uri: string, accept: (d: Diagnostic[]) => boolean = () => true, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const latest = this.latest(uri);
      if (latest && accept(latest.diagnostics)) {
        return latest.diagnostics;
      }
      if (Date.now() > deadline) {
        throw new Error(`no acceptable diagnostics for ${uri}; latest: ${JSON.stringify(latest?.diagnostics)}`);
      }
      await new Promise<void>(resolve => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  latest(uri: string): PublishDiagnosticsParams | undefined {
    return [...this.published].reverse().find(p => p.uri === uri);
  }

  async open(uri: string, text: string, languageId = 'typescript'): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text, as a new version. Returns that version. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Tells the server that files changed on disk, as the client's file watchers do. */
  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  async settingsChanged(): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    this.connection.dispose();
    this.child.kill();
  }
}
