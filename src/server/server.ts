import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { basename } from 'node:path';
import { URI } from 'vscode-uri';
import { BUILTIN_RULES, CONFIG_FILE, findingLabel, redactSecrets, ruleDocsUrl } from '../core';
import { plainValueLines } from '../core/dotenv';
import { mayBeSecretFile, SECRET_FILE_KINDS } from '../core/hygiene';
import {
  AddToExampleCommand,
  ApplyMoveToEnvCommand,
  ApplyUntrackCommand,
  CheckHygieneRequest,
  DidGrantTrustNotification,
  InventoryRequest,
  PlainEnvValuesRequest,
  ScanOutputsRequest,
  RecordRotationCommand,
  RotationChecklistRequest,
  MOVE_ALL_KIND,
  ScanWorkspaceRequest,
  type InitializationOptions,
} from '../shared/protocol';
import { registerCodeActions } from './code-actions/handlers';
import { registerUntrack } from './code-actions/hygiene-fixes';
import { MoveToEnv } from './code-actions/move-to-env';
import { Commands } from './commands';
import { DotenvCheck } from './dotenv-check';
import { EnvCode } from './env-code';
import { Folders } from './folders';
import { AGENT_FILES, AgentsService } from './agents';
import { ExitsService } from './exits';
import { HygieneService } from './hygiene';
import { Publisher } from './publisher';
import { SettingsStore } from './settings-store';
import { TYPING_DELAY_MS, Validator } from './validation';
import { EnvLoadingCheck } from './env-loading';
import { bearsOnHygiene, hygieneWatchers } from './watched-files';
import { WorkspaceScan } from './workspace-scan';
import { KeyInventory } from './inventory';
import { CommittedSecrets } from './committed';
import { findingHover } from './finding-hover';
import { annotationCompletion, annotationHover } from './key-notes';
import { languageOf } from '../core';

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
const publisher = new Publisher(connection);
const dotenvCheck = new DotenvCheck(documents, folders);
const envCode = new EnvCode(documents, folders, settings);
const envLoading = new EnvLoadingCheck(documents, folders, settings);
const keyInventory = new KeyInventory(connection, documents, folders);
// What the git history says of open files' secrets: trusted workspaces only (building it runs git).
const committed = new CommittedSecrets(
  () => hygiene.isTrusted,
  () => validator.all(),
);
const validator = new Validator(publisher, documents, settings, folders, dotenvCheck, envLoading, undefined, committed);
const hygiene = new HygieneService(connection, documents, folders, publisher);
const exits = new ExitsService(documents, folders, publisher);
const agents = new AgentsService(documents, folders, publisher);
/**
 * A file an exit reads besides the Dockerfile or package.json: `.dockerignore` (or
 * `Dockerfile.dockerignore`), `.npmignore`, `.gitignore`, and a compose file (a build's context).
 */
const isExitIgnoreFile = (uri: string): boolean =>
  /(?:\.dockerignore|\/\.npmignore|\/\.gitignore|\/(?:docker-)?compose(?:\.override)?\.ya?ml)$/.test(URI.parse(uri).path);
const commands = new Commands();
const workspaceScan = new WorkspaceScan(connection, documents, folders, settings, publisher, () => hygiene.isTrusted);
/** Documents opened and not yet checked: the first check runs at once, whatever `secretSafe.run` says. */
const fresh = new Set<string>();
let dynamicConfigRegistration = false;
let folderChangeNotifications = false;
let codeActionResolve = false;
let watchRegistration = false;
let watching: { dispose(): void } | undefined;
/** The client registers our client commands (VS Code does): code actions may name them. */
let clientCommands = false;

connection.onInitialize((params): InitializeResult => {
  const workspace = params.capabilities.workspace;
  settings.canPull = workspace?.configuration === true;
  dynamicConfigRegistration = workspace?.didChangeConfiguration?.dynamicRegistration === true;
  folderChangeNotifications = workspace?.workspaceFolders === true;
  codeActionResolve = params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
  watchRegistration = workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  // Git runs only when the client says the workspace is trusted; any other client gets the safe path.
  const options = params.initializationOptions as Partial<InitializationOptions> | undefined;
  clientCommands = options?.clientCommands === true;
  const trust = options?.trustedWorkspace;
  hygiene.trust(trust === true, false);
  // A config's own regular expressions are left out only where the editor says the workspace is
  // untrusted (VS Code's restricted mode). Editors without workspace trust run them: the shape
  // check refuses the ones that could hang, and the user chose to open the folder.
  folders.trust(trust !== false);
  folders.update(params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []));
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, MOVE_ALL_KIND], resolveProvider: true },
      executeCommandProvider: {
        commands: [ApplyMoveToEnvCommand.command, ApplyUntrackCommand.command, RecordRotationCommand.command, AddToExampleCommand.command],
      },
      // Env var names in env reads, and where a read's variable is set.
      completionProvider: { triggerCharacters: ['.', '[', '(', '"', "'", '`', '@'] },
      hoverProvider: true,
    },
    serverInfo: { name: 'secret-safe', version: __VERSION__ },
  };
});

/** Asks the client to watch the files that change the git-hygiene answer, the project's own kinds included. */
async function watchHygieneFiles(): Promise<void> {
  if (!watchRegistration) return;
  const states = await folders.all();
  const custom = [
    ...states.flatMap(f => f.project.config.secretFiles.map(k => k.watchGlob).filter((g): g is string => !!g)),
    // The baselines the configs name: editing one changes what is reported.
    ...states.flatMap(f => (f.project.config.baseline ? [`**/${basename(f.project.config.baseline.path)}`] : [])),
    // The projects' own exits: their ignore files and the files that show the tool is used.
    ...states.flatMap(f => (f.project.config.exits ?? []).flatMap(e => [e.ignoreFile, ...e.configuredBy].map(p => `**/${p}`))),
  ];
  const previous = watching;
  watching = await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: hygieneWatchers(custom) });
  previous?.dispose();
}

connection.onInitialized(() => {
  // The first lines of the client's output channel (VS Code's Show Output): what runs, and how.
  connection.console.info(
    `Secret Safe ${__VERSION__}: ${BUILTIN_RULES.length} built-in rules; workspace ${hygiene.isTrusted ? 'trusted: git runs for the hygiene checks' : 'not trusted: git never runs, .gitignore files and .git/index are read instead'}; Node ${process.version}`,
  );
  void validator.publishConfigProblems();
  void logConfigProblems();
  void watchHygieneFiles();
  hygiene.schedule(0);
  agents.schedule(0);
  if (dynamicConfigRegistration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'secretSafe' });
  }
  if (folderChangeNotifications) {
    connection.workspace.onDidChangeWorkspaceFolders(event => {
      folders.update(event.added, event.removed);
      validator.all();
      void validator.publishConfigProblems();
      void watchHygieneFiles();
      hygiene.schedule(0);
      agents.schedule(0);
    });
  }
});

/** Each folder's .secret-safe.json problems, also in the output channel (a closed config shows no squiggle). */
async function logConfigProblems(): Promise<void> {
  for (const { project } of await folders.all()) {
    for (const problem of project.loaded.problems) {
      connection.console.warn(`${project.loaded.file}:${problem.line + 1}: ${redactSecrets(problem.message)}`);
    }
  }
}

connection.onDidChangeConfiguration(change => {
  settings.forget();
  settings.push(change.settings);
  validator.all();
});

connection.onDidChangeWatchedFiles(async ({ changes }) => {
  const baselineChanged = async (): Promise<boolean> => {
    for (const c of changes) if (await folders.isBaseline(URI.parse(c.uri).fsPath)) return true;
    return false;
  };
  if (changes.some(c => c.uri.endsWith(`/${CONFIG_FILE}`)) || (await baselineChanged())) {
    folders.reload();
    validator.all();
    void validator.publishConfigProblems();
    void watchHygieneFiles();
  }
  // A commit (the index file changes with it) may bring secrets into the history.
  if (changes.some(c => /\/\.git\/index$/.test(URI.parse(c.uri).path))) {
    committed.stale();
    validator.all();
  }
  // Ignore files, the index, secret files, the config and new folders bear on git hygiene.
  const kinds = [...SECRET_FILE_KINDS, ...(await folders.all()).flatMap(f => f.project.config.secretFiles)];
  if (bearsOnHygiene(changes, kinds)) hygiene.schedule();
  // An ignore file, or a secret file come or gone: what the open Dockerfiles and packages would carry.
  if (changes.some(c => isExitIgnoreFile(c.uri) || mayBeSecretFile(URI.parse(c.uri).path, kinds))) exits.recheckOpen();
  // An agent's own files, or a secret file: what the agents the workspace uses could read.
  const custom = await customExitFiles();
  const bearsOnAgents = (path: string): boolean => AGENT_FILES.test(path) || mayBeSecretFile(path, kinds) || custom.some(p => path.endsWith(p));
  if (changes.some(c => bearsOnAgents(URI.parse(c.uri).path))) agents.schedule();
});

/** The files the projects' own exits read (`/`-prefixed paths from their folders): a change re-checks them. */
async function customExitFiles(): Promise<string[]> {
  return (await folders.all()).flatMap(f => (f.project.config.exits ?? []).flatMap(e => [e.ignoreFile, ...e.configuredBy].map(p => `/${p}`)));
}

connection.onNotification(DidGrantTrustNotification, () => {
  // The configs' own rules may run now: read them again, and check every document with them.
  folders.trust(true);
  hygiene.trust(true);
  validator.all();
  void validator.publishConfigProblems();
});

connection.onRequest(CheckHygieneRequest, async () => {
  await hygiene.check();
  return hygiene.report();
});

documents.onDidOpen(({ document }) => {
  fresh.add(document.uri);
  exits.schedule(document, 0);
  workspaceScan.opened(document.uri);
});

documents.onDidChangeContent(async ({ document }) => {
  // A Dockerfile or package.json typed on, or an open ignore file edited (a quick fix's edit, unsaved).
  exits.schedule(document, TYPING_DELAY_MS);
  if (isExitIgnoreFile(document.uri)) exits.recheckOpen();
  const path = URI.parse(document.uri).path;
  if (AGENT_FILES.test(path)) agents.schedule(TYPING_DELAY_MS);
  if (fresh.delete(document.uri)) {
    validator.schedule(document, 0);
  } else if ((await settings.get(document.uri)).run === 'onType') {
    validator.schedule(document, TYPING_DELAY_MS);
    validator.envSiblings(document, TYPING_DELAY_MS);
  }
  // A project's own exit's ignore file, edited unsaved.
  if ((await customExitFiles()).some(p => path.endsWith(p))) agents.schedule(TYPING_DELAY_MS);
});

documents.onDidSave(async ({ document }) => {
  if ((await settings.get(document.uri)).run === 'onSave') {
    validator.schedule(document, 0);
    validator.envSiblings(document, 0);
  }
});

documents.onDidClose(({ document }) => {
  fresh.delete(document.uri);
  exits.clear(document.uri);
  validator.clear(document.uri);
  void workspaceScan.closed(document.uri);
});

/** An env file or template open in the editor, for what is written in its comments. */
const envDocument = (uri: string): TextDocument | undefined => {
  const document = documents.get(uri);
  return document && languageOf(URI.parse(uri).path, document.languageId) === 'dotenv' ? document : undefined;
};

connection.onCompletion(async ({ textDocument, position }) => {
  if (!(await settings.get(textDocument.uri)).enable) return [];
  const env = envDocument(textDocument.uri);
  const notes = env ? annotationCompletion(env, position) : [];
  return notes.length > 0 ? notes : envCode.completion(textDocument.uri, position);
});
connection.onHover(async ({ textDocument, position }) => {
  if (!(await settings.get(textDocument.uri)).enable) return null;
  const env = envDocument(textDocument.uri);
  const document = documents.get(textDocument.uri);
  if (env) return annotationHover(env, position) ?? envCode.hover(textDocument.uri, position);
  return (document ? await findingHover(document, position, folders) : null) ?? envCode.hover(textDocument.uri, position);
});

connection.onRequest(InventoryRequest, () => keyInventory.keys());
connection.onRequest(ScanOutputsRequest, async ({ uri, texts }) => {
  const { project } = await folders.resolve(uri);
  return texts.map(text =>
    project.scanner
      .scan(text)
      .filter(f => f.severity !== 'info' && f.checksum !== 'invalid')
      .map(f => ({
        ruleId: f.ruleId,
        severity: f.severity === 'error' ? ('error' as const) : ('warning' as const),
        docs: ruleDocsUrl(f.ruleId),
        message: `This cell's output shows ${findingLabel(f)} ${f.masked}: the notebook file keeps outputs, so whoever opens it reads the key. Clear the output, and rotate the key if the file was shared.`,
      })),
  );
});
connection.onRequest(PlainEnvValuesRequest, async ({ uri }) => {
  const document = documents.get(uri);
  if (!document) return null;
  const { scanner } = (await folders.resolve(uri)).project;
  return { version: document.version, lines: plainValueLines(document.getText(), line => scanner.scan(line).length > 0) };
});
connection.onRequest(RotationChecklistRequest, async () => {
  if (!hygiene.isTrusted) return { trusted: false, items: [] };
  const items = [];
  for (const { path, project } of await folders.all()) items.push(...((await committed.fresh(path, project))?.items ?? []));
  return { trusted: true, items };
});
commands.register(RecordRotationCommand, args => keyInventory.recordRotation(args));
commands.register(AddToExampleCommand, args => keyInventory.addToExample(args));

connection.onRequest(ScanWorkspaceRequest, async (_params, token) => {
  const result = await workspaceScan.run(token);
  connection.console.info(
    `Scan Workspace ${result.cancelled ? 'cancelled' : 'done'}: ${result.filesScanned} files scanned, ${result.filesSkipped} skipped (binary, too large or unreadable), ${result.findings} secrets in ${result.filesWithFindings} files, ${Math.round(result.elapsedMs)} ms`,
  );
  return result;
});

registerCodeActions({
  connection,
  commands,
  documents,
  move: new MoveToEnv(documents, folders, settings),
  hygiene,
  dotenv: dotenvCheck,
  envLoading,
  exits,
  agents,
  canResolve: () => codeActionResolve,
  clientCommands: () => clientCommands,
  folders,
});
registerUntrack(connection, commands, hygiene, documents);
commands.listen(connection);

documents.listen(connection);
connection.listen();
