import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE } from '../core';
import { APPLY_MOVE_TO_ENV, MOVE_ALL_KIND } from '../shared/protocol';
import { registerCodeActions } from './code-actions/handlers';
import { MoveToEnv } from './code-actions/move-to-env';
import { Folders } from './folders';
import { SettingsStore } from './settings-store';
import { TYPING_DELAY_MS, Validator } from './validation';

declare const __VERSION__: string;

if (process.argv.includes('--help') || process.argv.includes('--version')) {
  process.stdout.write(
    process.argv.includes('--version')
      ? `${__VERSION__}\n`
      : 'Usage: node server.js --stdio | --node-ipc | --socket=<port>\nThe Secret Safe language server: publishes a diagnostic on each hardcoded secret in open documents.\n',
  );
  process.exit(0);
}

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const settings = new SettingsStore(connection);
const folders = new Folders();
const validator = new Validator(connection, documents, settings, folders);
/** Documents opened and not yet checked: the first check runs at once, whatever `secretSafe.run` says. */
const fresh = new Set<string>();
let dynamicConfigRegistration = false;
let folderChangeNotifications = false;
let codeActionResolve = false;

connection.onInitialize((params): InitializeResult => {
  const workspace = params.capabilities.workspace;
  settings.canPull = workspace?.configuration === true;
  dynamicConfigRegistration = workspace?.didChangeConfiguration?.dynamicRegistration === true;
  folderChangeNotifications = workspace?.workspaceFolders === true;
  codeActionResolve = params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
  folders.update(params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []));
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, MOVE_ALL_KIND], resolveProvider: true },
      executeCommandProvider: { commands: [APPLY_MOVE_TO_ENV] },
    },
    serverInfo: { name: 'secret-safe', version: __VERSION__ },
  };
});

connection.onInitialized(() => {
  void validator.publishConfigProblems();
  if (dynamicConfigRegistration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'secretSafe' });
  }
  if (folderChangeNotifications) {
    connection.workspace.onDidChangeWorkspaceFolders(event => {
      folders.update(event.added, event.removed);
      validator.all();
      void validator.publishConfigProblems();
    });
  }
});

connection.onDidChangeConfiguration(change => {
  settings.forget();
  settings.push(change.settings);
  validator.all();
});

connection.onDidChangeWatchedFiles(({ changes }) => {
  if (changes.some(c => c.uri.endsWith(`/${CONFIG_FILE}`))) {
    folders.reload();
    validator.all();
    void validator.publishConfigProblems();
  }
});

documents.onDidOpen(({ document }) => {
  fresh.add(document.uri);
});

documents.onDidChangeContent(async ({ document }) => {
  if (fresh.delete(document.uri)) {
    validator.schedule(document, 0);
  } else if ((await settings.get(document.uri)).run === 'onType') {
    validator.schedule(document, TYPING_DELAY_MS);
  }
});

documents.onDidSave(async ({ document }) => {
  if ((await settings.get(document.uri)).run === 'onSave') {
    validator.schedule(document, 0);
  }
});

documents.onDidClose(({ document }) => {
  fresh.delete(document.uri);
  validator.clear(document.uri);
});

registerCodeActions(connection, documents, new MoveToEnv(documents, folders, settings), () => codeActionResolve);

documents.listen(connection);
connection.listen();
