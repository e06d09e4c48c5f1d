/**
 * Which files are env files, by name: one definition for the core's checks, the server and the
 * client's masking. Pure: the core may import it.
 */

import { baseName } from './paths';

/** `.env`, `.env.<anything>`: the files dotenv and the frameworks load, templates included. */
export const ENV_FILE_NAME = /^\.env(?:\.[\w.-]+)?$/i;

/** Whether the last segment of `path` (either separator) is an env file's name. */
export function isEnvFileName(path: string): boolean {
  return ENV_FILE_NAME.test(baseName(path));
}
