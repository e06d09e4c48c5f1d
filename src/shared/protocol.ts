/**
 * Names shared by client and server (vscode-eslint's `customMessages.ts`). The client never
 * imports the core; everything it knows about secrets comes over these.
 */

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
}

/** Server command: plan "Move to .env" and apply it with `workspace/applyEdit`. */
export const APPLY_MOVE_TO_ENV = 'secretSafe.applyMoveToEnv';

/** Client command behind "Move to .env as…": asks for the name, then runs APPLY_MOVE_TO_ENV. */
export const MOVE_TO_ENV_AS = 'secretSafe.moveToEnvAs';

/** The source action that moves every secret of a file. */
export const MOVE_ALL_KIND = 'source.secretSafe.moveAllToEnv';

/** What the client tells the server at start: whether the workspace is trusted (then git may run). */
export interface InitializationOptions {
  trustedWorkspace: boolean;
}

/** Notification: the user trusted the workspace; git may run from now on. */
export const DID_GRANT_TRUST = 'secretSafe/didGrantWorkspaceTrust';

/** The diagnostic codes of the git-hygiene checks all start so: `secret-file-tracked`, … */
export const HYGIENE_CODE_PREFIX = 'secret-file-';

/** Every `.env` health diagnostic's code starts so (`env-missing-in-example`). */
export const DOTENV_CODE_PREFIX = 'env-';

/** Request: check git hygiene now, in every workspace folder, and return what was found. */
export const CHECK_HYGIENE = 'secretSafe/checkGitHygiene';

export interface HygieneReport {
  /** How ignoring was decided in each folder: by git itself, by reading the ignore files, or not at all. */
  folders: Array<{ path: string; method: 'git' | 'ignore-files' | 'none' }>;
  findings: Array<{ uri: string; line: number; problem: 'tracked' | 'not-ignored' | 'unignore-rule'; relativePath: string; message: string }>;
}

/** Client command behind "Stop tracking…": confirms, then runs APPLY_UNTRACK. */
export const UNTRACK_SECRET_FILE = 'secretSafe.untrackSecretFile';

/** Server command: `git rm --cached` the secret file, and ignore it. Trusted workspaces only. */
export const APPLY_UNTRACK = 'secretSafe.applyUntrack';

export interface UntrackArgs {
  /** The tracked secret file. */
  uri: string;
  /** Its path in the repository, for the confirmation. */
  relativePath: string;
}

/** The client command "Secret Safe: Check Git Hygiene". */
export const CHECK_HYGIENE_COMMAND = 'secretSafe.checkGitHygiene';

/** Request: scan every file of every workspace folder (cancellable); the result sums it up. */
export const SCAN_WORKSPACE = 'secretSafe/scanWorkspace';

/** Notification from the server while a workspace scan runs. */
export const SCAN_PROGRESS = 'secretSafe/scanProgress';

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
  files: Array<{ uri: string; relativePath: string; findings: Array<{ line: number; character: number; ruleId: string; message: string; severity: 'error' | 'warning' | 'info' }> }>;
}

/** The client command "Secret Safe: Scan Workspace". */
export const SCAN_WORKSPACE_COMMAND = 'secretSafe.scanWorkspace';
