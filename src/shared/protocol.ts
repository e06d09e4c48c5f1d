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
