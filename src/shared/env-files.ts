/**
 * Which files are env files, by name: one definition for the core's checks, the server and the
 * client's masking. Pure: the core may import it.
 */

import { baseName } from './paths';

/** `.env`, `.env.<anything>`: the files dotenv and the frameworks load, templates included. */
export const ENV_FILE_NAME = /^\.env(?:\.[\w.-]+)?$/i;

/** What makes an env file's name a template's (`.env.example`, `.env.production.sample`), any case. */
export const TEMPLATE_SUFFIX = /\.(?:example|sample|template)$/i;

/**
 * An env file's name with a template suffix, any case: `.env.example`, and an environment's own
 * template, `.env.production.example` or `.env.local.sample`.
 */
export function isEnvTemplateName(fileName: string): boolean {
  return ENV_FILE_NAME.test(fileName) && TEMPLATE_SUFFIX.test(fileName);
}

/** Whether the last segment of `path` (either separator) is an env file's name. */
export function isEnvFileName(path: string): boolean {
  return ENV_FILE_NAME.test(baseName(path));
}
