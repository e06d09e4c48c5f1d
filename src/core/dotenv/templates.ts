/**
 * The committed templates that document a project's env files: real values do not belong in them.
 * One definition for the fix that writes the example, the `.env` health checks, the editor's
 * checks and completion.
 */

import { ENV_FILE_NAME, isEnvTemplateName, TEMPLATE_SUFFIX } from '../../shared/env-files';

export { ENV_FILE_NAME, isEnvTemplateName };

/** What makes an env file's name a template's, in the order one is preferred when several exist. */
const TEMPLATE_SUFFIXES = ['.example', '.sample', '.template'];

/** The project's templates beside a `.env`, in the order one is preferred when several exist. */
export const ENV_TEMPLATE_NAMES: readonly string[] = TEMPLATE_SUFFIXES.map(suffix => `.env${suffix}`);

/**
 * Env files meant to be committed: the templates, and `.env.dist` and `.env.defaults`, which some
 * tools load for defaults. Git hygiene never asks to ignore these.
 */
export function isCommittedEnvName(fileName: string): boolean {
  // Every such name starts with a dot: a walk asks this of every file, and most names do not.
  if (fileName.charCodeAt(0) !== 0x2e) return false;
  return isEnvTemplateName(fileName) || COMMITTED_DEFAULTS.test(fileName);
}

const COMMITTED_DEFAULTS = /^\.env\.(?:dist|defaults)$/i;

/** The env file a template documents: `.env.production.example` → `.env.production`, `.env.example` → `.env`. */
export function envNameOfTemplate(templateName: string): string {
  return templateName.replace(TEMPLATE_SUFFIX, '');
}

/**
 * The templates that document an env file, preferred first: its own (`.env.production.example`),
 * then, for any env file but `.env` itself, the project's (`.env.example`).
 */
export function templateNamesFor(envName: string): string[] {
  const own = TEMPLATE_SUFFIXES.map(suffix => envName + suffix);
  return envName.toLowerCase() === '.env' ? own : [...own, ...ENV_TEMPLATE_NAMES];
}

/**
 * A path whose name ends as a template's does (`.env.example`, `.env.production.example`), for a
 * file the editor calls dotenv whatever its name; for env files by name, `isEnvTemplateName`.
 */
export function endsAsTemplate(path: string): boolean {
  return TEMPLATE_SUFFIX.test(path);
}
