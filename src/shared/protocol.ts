/**
 * What client and server say to each other beyond LSP, each message declared once with its types
 * (as vscode-eslint's `customMessages.ts` and rust-analyzer's `lsp_ext.ts` do). The client never
 * imports the core; everything it knows about secrets comes over these.
 */
import { NotificationType, NotificationType0, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { HygieneProblem } from './hygiene';

/** A command the server runs (`workspace/executeCommand`), with its one argument and its result. */
export interface ServerCommand<A, R> {
  readonly command: string;
  /** Types only: never set. */
  readonly types?: { args: A; result: R };
}

/** A command the client registers (`vscode.commands`), which code actions from the server name. */
export interface ClientCommand<A> {
  readonly command: string;
  readonly types?: { args: A };
}

/** The diagnostic `source` of every Secret Safe finding. */
export const DIAGNOSTIC_SOURCE = 'secret-safe';

/** The client's id for the language server: also the prefix of `secretSafe.trace.server`. */
export const CLIENT_ID = 'secretSafe';

/** The project config file the client watches on the server's behalf. */
export const CONFIG_FILE_GLOB = '**/.secret-safe.json';

/** A position and range as LSP writes them, so that client and server need no shared library. */
export interface LspPosition {
  line: number;
  character: number;
}
export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

/** What a "Move to .env" action refers to: the finding by its diagnostic's range and rule. */
export interface MoveToEnvArgs {
  uri: string;
  range: LspRange;
  ruleId: string;
  /** For connection strings: the whole string or only the password. */
  part?: 'whole' | 'password';
  /** The variable's name, when the user chose one. */
  name?: string;
  /** Names to offer in "Move to .env as…", the proposed one first. */
  candidates?: string[];
}

/** Server command: plan "Move to .env" and apply it with `workspace/applyEdit`. */
export const ApplyMoveToEnvCommand: ServerCommand<MoveToEnvArgs, { applied: boolean }> = { command: 'secretSafe.applyMoveToEnv' };

/** Client command behind "Move to .env as…": asks for the name, then runs ApplyMoveToEnvCommand. */
export const MoveToEnvAsCommand: ClientCommand<MoveToEnvArgs> = { command: 'secretSafe.moveToEnvAs' };

/** What an "Ignore…" action refers to: the finding by its diagnostic's range and rule, and how far the comment reaches. */
export interface IgnoreArgs {
  uri: string;
  range: LspRange;
  ruleId: string;
  /** A comment above the finding's line, or one at the top of the file for the rule. */
  scope: 'next-line' | 'file';
  /** Why the secret may stay, written after `--` in the comment. */
  reason?: string;
  /** `YYYY-MM-DD`: the last day the comment applies. */
  until?: string;
}

/** Client command behind "Ignore…": asks for a reason and an end date, then runs ApplyIgnoreCommand. */
export const IgnoreCommand: ClientCommand<IgnoreArgs> = { command: 'secretSafe.ignore' };

/** Server command: write the ignore comment with `workspace/applyEdit`. */
export const ApplyIgnoreCommand: ServerCommand<IgnoreArgs, { applied: boolean }> = { command: 'secretSafe.applyIgnore' };

/** The source action that moves every secret of a file. */
export const MOVE_ALL_KIND = 'source.secretSafe.moveAllToEnv';

/** What the client tells the server at start: whether the workspace is trusted (then git may run). */
export interface InitializationOptions {
  trustedWorkspace: boolean;
  /**
   * The client registers the client commands below (Move to .env as…, Ignore…): code actions may
   * name them. Any other client gets actions that carry their edit.
   */
  clientCommands?: boolean;
}

/** The user trusted the workspace; git may run from now on. */
export const DidGrantTrustNotification = new NotificationType0('secretSafe/didGrantWorkspaceTrust');

/** The diagnostic codes of the git-hygiene checks all start so: `secret-file-tracked`, … */
export const HYGIENE_CODE_PREFIX = 'secret-file-';

/** Every `.env` health diagnostic's code starts so (`env-missing-in-example`). */
export const DOTENV_CODE_PREFIX = 'env-';

export interface HygieneReport {
  /** How ignoring was decided in each folder: by git itself, by reading the ignore files, or not at all. */
  folders: Array<{ path: string; method: 'git' | 'ignore-files' | 'none' }>;
  findings: Array<{ uri: string; line: number; problem: HygieneProblem; relativePath: string; message: string }>;
}

/** Check git hygiene now, in every workspace folder, and return what was found. */
export const CheckHygieneRequest = new RequestType0<HygieneReport, void>('secretSafe/checkGitHygiene');

/** Client command behind "Stop tracking…": confirms, then runs ApplyUntrackCommand. */
export const UntrackSecretFileCommand: ClientCommand<UntrackArgs> = { command: 'secretSafe.untrackSecretFile' };

/** Server command: `git rm --cached` the secret file, and ignore it. Trusted workspaces only. */
export const ApplyUntrackCommand: ServerCommand<UntrackArgs, { untracked: boolean; reason?: string }> = { command: 'secretSafe.applyUntrack' };

export interface UntrackArgs {
  /** The tracked secret file. */
  uri: string;
  /** Its path in the repository, for the confirmation. */
  relativePath: string;
}

/** The client command "Secret Safe: Check Git Hygiene". */
export const CHECK_HYGIENE_COMMAND = 'secretSafe.checkGitHygiene';

export interface ScanProgress {
  filesScanned: number;
  findings: number;
}

export interface WorkspaceScanResult {
  filesScanned: number;
  /** Binary, too large, or unreadable. */
  filesSkipped: number;
  findings: number;
  filesWithFindings: number;
  elapsedMs: number;
  cancelled: boolean;
  /** Every file with findings and what was found, for the Secrets view. */
  files: Array<{
    uri: string;
    relativePath: string;
    findings: Array<{ line: number; character: number; ruleId: string; message: string; severity: 'error' | 'warning' | 'info' }>;
  }>;
}

/**
 * Scan every file of every workspace folder (cancellable); the result sums it up. Its params are an
 * empty object, so the handler's second argument is always the cancellation token.
 */
export const ScanWorkspaceRequest = new RequestType<Record<string, never>, WorkspaceScanResult, void>('secretSafe/scanWorkspace');

/** From the server while a workspace scan runs. */
export const ScanProgressNotification = new NotificationType<ScanProgress>('secretSafe/scanProgress');

/** The client command "Secret Safe: Scan Workspace". */
export const SCAN_WORKSPACE_COMMAND = 'secretSafe.scanWorkspace';

/** A place in the workspace: a file's URI, its path relative to its workspace folder, a zero-based line. */
export interface KeyPlace {
  uri: string;
  relativePath: string;
  line: number;
}

/** One key of the inventory, as the Keys view shows it: never its value. */
export interface KeyRow {
  name: string;
  /** The workspace folder, and the folder inside it whose env files hold the key (`.`: the folder itself). */
  folder: string;
  scope: string;
  environments: string[];
  definedIn: KeyPlace[];
  readBy: KeyPlace[];
  documentedIn: KeyPlace[];
  secret: boolean;
  owner?: string;
  purpose?: string;
  rotateEveryDays?: number;
  rotated?: string;
  rotationDue?: string;
  expires?: string;
  sharedBy?: string[];
  /** The inventory's problem codes: `unused`, `missing`, `undocumented`, `rotation-overdue`, … */
  problems: string[];
}

/** The key inventory of every workspace folder. */
export const InventoryRequest = new RequestType0<{ keys: KeyRow[] }, void>('secretSafe/inventory');

/** A key in an env file or template: its file and its name. */
export interface KeyArgs {
  uri: string;
  name: string;
}

/** Server command: set `@rotated` to today above the key in the template beside `uri` (or in `uri`, a template). */
export const RecordRotationCommand: ServerCommand<KeyArgs, { applied: boolean; reason?: string }> = { command: 'secretSafe.applyRecordRotation' };

/** Server command: add `NAME=` to the template beside the env file `uri` (created if there is none). */
export const AddToExampleCommand: ServerCommand<KeyArgs, { applied: boolean; reason?: string }> = { command: 'secretSafe.applyAddToExample' };

/** A secret the git history holds, for the Rotation Checklist: never its value. */
export interface ChecklistItem {
  /** Stable across runs: a hash of the rule, the masked value and the path. */
  id: string;
  uri: string;
  relativePath: string;
  line: number;
  ruleId: string;
  provider: string;
  masked: string;
  commit: string;
  date: string;
  inHead: boolean;
  /** The provider's page for its keys, where there is one; and how to rotate. */
  page?: string;
  note: string;
}

/** Every secret the history of the workspace's repositories holds; `trusted` false: none was read (git does not run there). */
export const RotationChecklistRequest = new RequestType0<{ trusted: boolean; items: ChecklistItem[] }, void>('secretSafe/rotationChecklist');

/**
 * The lines of an open env file whose values may show when only secret-looking values are masked
 * (`secretSafe.maskOnlySecretValues`), judged at the document's `version`; null for a document the
 * server does not have.
 */
export const PlainEnvValuesRequest = new RequestType<{ uri: string }, { version: number; lines: number[] } | null, void>('secretSafe/plainEnvValues');

/** What a notebook cell's saved output shows: one per finding, masked, with the rule's docs. */
export interface OutputFinding {
  ruleId: string;
  message: string;
  severity: 'error' | 'warning';
  docs: string;
}

/**
 * Scans the texts of a notebook's cell outputs (which are no text documents, so no LSP document
 * carries them), with the rules of the notebook's project: one list of findings per text.
 */
export const ScanOutputsRequest = new RequestType<{ uri: string; texts: string[] }, OutputFinding[][], void>('secretSafe/scanOutputs');
