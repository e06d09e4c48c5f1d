import type { Severity } from '../types';
import type { DotenvText } from './entries';

/** Diagnostic codes of the `.env` checks: stable, each documented in docs/env-files.md. */
export const DOTENV_CODES = {
  duplicate: 'env-duplicate-key',
  ignoredLine: 'env-ignored-line',
  missingInExample: 'env-missing-in-example',
  missingInEnv: 'env-missing-in-env',
  publicSecret: 'env-public-secret',
  sharedSecret: 'env-shared-secret',
  loggedValue: 'env-logged-value',
  notLoaded: 'env-not-loaded',
  annotation: 'env-annotation',
  rotationDue: 'env-rotation-due',
  rotationOverdue: 'env-rotation-overdue',
  expired: 'env-key-expired',
  vagueName: 'env-vague-name',
} as const;

export const DOTENV_DOCS_URL = 'https://github.com/secret-safe/secret-safe/blob/main/docs/env-files.md';

export interface DotenvProblem {
  code: (typeof DOTENV_CODES)[keyof typeof DOTENV_CODES];
  severity: Severity;
  /** Offsets in the file's text. */
  start: number;
  end: number;
  message: string;
  /** The variable the problem is about, when there is one. */
  name?: string;
}

/** A variable set twice (dotenv keeps the last), and lines dotenv skips without a word. */
export function lineProblems(doc: DotenvText): DotenvProblem[] {
  const problems: DotenvProblem[] = [];
  const last = new Map<string, number>();
  doc.entries.forEach((e, i) => last.set(e.name, i));
  doc.entries.forEach((e, i) => {
    const final = last.get(e.name)!;
    if (final !== i) {
      problems.push({
        code: DOTENV_CODES.duplicate,
        severity: 'warning',
        start: e.nameStart,
        end: e.nameEnd,
        name: e.name,
        message: `${e.name} is set again further down; dotenv keeps the last value, so this line has no effect.`,
      });
    }
  });
  for (const line of doc.ignored) {
    problems.push({
      code: DOTENV_CODES.ignoredLine,
      severity: 'warning',
      start: line.start,
      end: line.end,
      message: 'dotenv ignores this line: it is not NAME=value (a name of letters, digits, _ . -, then = or ": ").',
    });
  }
  return problems;
}

/**
 * Drift between a `.env` and the example committed beside it: a variable the example does not
 * document (on the `.env`), and one the example documents that the `.env` does not set (on the
 * example, for information: the app may not need it locally).
 */
export function driftProblems(env: DotenvText, example: DotenvText, exampleName: string, on: 'env' | 'example', envName = '.env'): DotenvProblem[] {
  const has = (doc: DotenvText, name: string): boolean => doc.entries.some(e => e.name === name);
  const seen = new Set<string>();
  const problems: DotenvProblem[] = [];
  const [doc, other] = on === 'env' ? [env, example] : [example, env];
  for (const e of doc.entries) {
    if (seen.has(e.name) || has(other, e.name)) continue;
    seen.add(e.name);
    problems.push(
      on === 'env'
        ? {
            code: DOTENV_CODES.missingInExample,
            severity: 'warning',
            start: e.nameStart,
            end: e.nameEnd,
            name: e.name,
            message: `${e.name} is not in ${exampleName}: whoever clones the project will not know the app needs it.`,
          }
        : {
            code: DOTENV_CODES.missingInEnv,
            severity: 'info',
            start: e.nameStart,
            end: e.nameEnd,
            name: e.name,
            message: `${e.name} is documented here but not set in ${envName}.`,
          },
    );
  }
  return problems;
}

/**
 * Prefixes that frameworks inline into the code they send to the browser: every visitor can read
 * such a variable. (Next.js, Vite, Create React App, Expo, SvelteKit and Astro, Nuxt, Gatsby,
 * Storybook, Vue CLI, Angular with @ngx-env, Parcel-free Remix setups use their own.)
 */
export const PUBLIC_PREFIXES = [
  'NEXT_PUBLIC_',
  'VITE_',
  'REACT_APP_',
  'EXPO_PUBLIC_',
  'NUXT_PUBLIC_',
  'PUBLIC_',
  'GATSBY_',
  'STORYBOOK_',
  'VUE_APP_',
  'NG_APP_',
  'SANITY_STUDIO_',
] as const;

/** Names that say a value is private whatever its shape. Publishable keys and anon keys are public by design. */
const SECRET_NAME =
  /(?:^|_)(?:SECRET|PASSWORD|PASSWD|PWD|PRIVATE|SERVICE_ROLE|ADMIN_KEY|CLIENT_SECRET|ACCESS_KEY_SECRET|SIGNING_KEY|ENCRYPTION_KEY|WEBHOOK_SECRET|DATABASE_URL|DB_PASSWORD)(?:_|$)/;
const PUBLIC_BY_DESIGN = /(?:^|_)(?:PUBLISHABLE|ANON|PUBLIC_KEY|SITE_KEY|MEASUREMENT_ID|DSN|MAPBOX_TOKEN|CLIENT_ID)(?:_|$)/;

/** The public prefix a name carries, if any. */
export function publicPrefix(name: string): string | undefined {
  return PUBLIC_PREFIXES.find(p => name.startsWith(p));
}

/**
 * A variable with a public prefix whose name says secret, or whose value a rule reports as a
 * secret (`secretRule` names that rule): shipped to every browser that loads the app.
 */
export function publicSecretProblems(doc: DotenvText, secretRule: (name: string, value: string) => string | undefined): DotenvProblem[] {
  const problems: DotenvProblem[] = [];
  for (const e of doc.entries) {
    const prefix = publicPrefix(e.name);
    if (!prefix || e.value === '') continue;
    const bare = e.name.slice(prefix.length);
    const rule = secretRule(e.name, e.value);
    // A name that says secret is flagged whatever the value; a value that looks like a key is
    // flagged unless the name says the key is meant for browsers (a Supabase anon key, a Stripe
    // publishable key, a Firebase web API key).
    const byName = SECRET_NAME.test(bare);
    const designedPublic = PUBLIC_BY_DESIGN.test(bare) || /(?:^|_)FIREBASE_/.test(bare);
    if (!byName && (!rule || designedPublic)) continue;
    const why = byName ? 'its name says it is secret' : `its value is a ${rule}`;
    problems.push({
      code: DOTENV_CODES.publicSecret,
      severity: 'error',
      start: e.nameStart,
      end: e.nameEnd,
      name: e.name,
      message: `${e.name} is sent to every browser (the ${prefix} prefix puts it in the client bundle), and ${why}. Keep it on the server under a name without ${prefix}, and rotate it if it has shipped.`,
    });
  }
  return problems;
}

/**
 * The environment a file configures, by the naming most tools share: `.env.production` and
 * `.env.production.local` are production; `.env` and `.env.local` are the default (development).
 * Templates configure none.
 */
export function environmentOf(fileName: string): string | undefined {
  const m = /^\.env(?:\.([\w-]+))?(?:\.local)?$/i.exec(fileName);
  if (!m) return undefined;
  const env = (m[1] ?? 'development').toLowerCase();
  if (/^(?:example|sample|template|defaults?|dist|schema)$/.test(env)) return undefined;
  return { dev: 'development', prod: 'production', stage: 'staging', local: 'development' }[env] ?? env;
}

/**
 * One key serving two environments: a secret of this file whose value another environment's
 * file holds too (`.env.development` and `.env.production`). A leak of the development key then
 * opens production, and it cannot be rotated alone. `isSecret` decides which values count.
 */
export function sharedSecretProblems(
  doc: DotenvText,
  fileName: string,
  others: ReadonlyArray<{ fileName: string; doc: DotenvText }>,
  isSecret: (name: string, value: string) => boolean,
): DotenvProblem[] {
  const env = environmentOf(fileName);
  if (!env) return [];
  const problems: DotenvProblem[] = [];
  const last = new Map(doc.entries.map(e => [e.name, e]));
  for (const e of last.values()) {
    if (e.value.length < 8 || !isSecret(e.name, e.value)) continue;
    for (const other of others) {
      const otherEnv = environmentOf(other.fileName);
      if (!otherEnv || otherEnv === env || other.fileName === fileName) continue;
      const twin = [...new Map(other.doc.entries.map(x => [x.name, x])).values()].find(x => x.value === e.value);
      if (!twin) continue;
      problems.push({
        code: DOTENV_CODES.sharedSecret,
        severity: 'warning',
        start: e.nameStart,
        end: e.nameEnd,
        name: e.name,
        message: `${e.name} has the same secret value ${twin.name === e.name ? 'in' : `as ${twin.name} in`} ${other.fileName} (${env} and ${otherEnv}). Use one key per environment: a leaked ${env} key should not open ${otherEnv}, and each can then be rotated alone.`,
      });
      break;
    }
  }
  return problems;
}
