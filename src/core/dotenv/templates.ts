/**
 * The committed templates that document a project's `.env`: real values do not belong in them.
 * One definition for the fix that writes the example, the `.env` health checks, the editor's
 * checks and completion.
 */

/** The template files beside a `.env`, in the order one is preferred when several exist. */
export const ENV_TEMPLATE_NAMES: readonly string[] = ['.env.example', '.env.sample', '.env.template'];

/** `.env.example`, `.env.sample`, `.env.template` themselves (any case). */
export function isEnvTemplateName(fileName: string): boolean {
  return ENV_TEMPLATE_NAMES.includes(fileName.toLowerCase());
}

/** A path whose name ends as a template's does (`.env.example`, `.env.production.example`). */
export function endsAsTemplate(path: string): boolean {
  return /\.(?:example|sample|template)$/i.test(path);
}
