/** The names Docker Compose reads a project from, overrides included. */
export const COMPOSE_FILE_NAMES = [
  'compose.yaml',
  'compose.yml',
  'docker-compose.yaml',
  'docker-compose.yml',
  'compose.override.yaml',
  'compose.override.yml',
  'docker-compose.override.yaml',
  'docker-compose.override.yml',
] as const;

/** One service's image build: its context and Dockerfile as written, relative to the compose file's folder and the context. */
export interface ComposeBuild {
  service: string;
  /** The context as written (`.` when the build gives none, as Compose assumes). */
  context: string;
  /** The Dockerfile as written, relative to the context (`Dockerfile` when none is given). */
  dockerfile: string;
}

/**
 * The image builds a compose file declares: `build: ./api` or `build: { context, dockerfile }`.
 * A context that is a URL (a git repository) is not a folder here and is left out, as is one with
 * `${VAR}` interpolation (its value is not known) and an inline `dockerfile_inline`. Malformed YAML
 * gives none. The YAML parser is loaded on the first call: most scans meet no compose file, and it
 * was a sixth of the CLI's bundle, compiled and run as every scan started (15 ms).
 */
export async function composeBuilds(text: string): Promise<ComposeBuild[]> {
  const { parse } = await import('yaml');
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 100, uniqueKeys: false, merge: true });
  } catch {
    return [];
  }
  const services = (doc as { services?: unknown } | null)?.services;
  if (!services || typeof services !== 'object') return [];
  const builds: ComposeBuild[] = [];
  for (const [service, definition] of Object.entries(services as Record<string, unknown>)) {
    const build = (definition as { build?: unknown } | null)?.build;
    const spec = typeof build === 'string' ? { context: build } : build && typeof build === 'object' ? (build as Record<string, unknown>) : undefined;
    if (!spec || 'dockerfile_inline' in spec) continue;
    const context = typeof spec.context === 'string' ? spec.context : '.';
    const dockerfile = typeof spec.dockerfile === 'string' ? spec.dockerfile : 'Dockerfile';
    if (/^[a-z][a-z\d+.-]*:\/\/|^git@|\$\{?\w/i.test(context) || /\$\{?\w/.test(dockerfile)) continue;
    builds.push({ service, context, dockerfile });
  }
  return builds;
}
