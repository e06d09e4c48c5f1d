/** Segments that hold settings rather than name them: `config.apiKey` is `API_KEY`, not `CONFIG_API_KEY`. */
const CONTAINERS = new Set([
  'this',
  'self',
  'config',
  'conf',
  'cfg',
  'settings',
  'options',
  'opts',
  'env',
  'props',
  'params',
  'args',
  'state',
  'app',
  'process',
]);

/**
 * An environment variable name for an identifier, property or key: `apiKey` -> `API_KEY`,
 * `stripeSecret` -> `STRIPE_SECRET`, `db.password` -> `DB_PASSWORD`, `$api_key` -> `API_KEY`.
 * Always a valid name (`[A-Z_][A-Z0-9_]*`), or `fallback` when nothing usable is left.
 */
export function toEnvVarName(name: string, fallback: string): string {
  const segments = name
    .replace(/^[$@:&*]+/, '')
    .split(/[.\][]|->|::/)
    .map(s => s.replace(/["'\][]/g, ''))
    .filter(s => s.length > 0 && !CONTAINERS.has(s.toLowerCase()));
  const last = segments.slice(-2);
  // `db.password` keeps its owner; `settings.stripe.apiKey` keeps only what names the secret.
  const picked = last.length === 2 && /^(?:password|passwd|pwd|secret|token|key)$/i.test(last[1]) ? last : last.slice(-1);
  const upper = picked
    .join('_')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^[_0-9]+|_+$/g, '')
    .replace(/_+/g, '_')
    .toUpperCase();
  return upper.length > 0 ? upper : fallback;
}
