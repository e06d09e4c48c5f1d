import { environmentOf } from '../dotenv/checks';
import { readDotenv } from '../dotenv/entries';
import { isEnvTemplateName } from '../dotenv/templates';
import { isCredentialName } from '../env-code/logging';
import { envReads } from '../env-code/reads';
import { keyAnnotations, readAnnotations, type AnnotationProblem } from './annotations';

/**
 * The key inventory: every variable a project's env files define, its templates document or its
 * code reads, with where, for which environments, who owns it and when it is due, and what is
 * wrong. Values are compared in memory and never kept: not one appears in the result.
 */

export const INVENTORY_PROBLEMS = [
  'unused',
  'missing',
  'undocumented',
  'shared-across-environments',
  'rotation-due',
  'rotation-overdue',
  'expired',
  'vague-name',
] as const;
export type InventoryProblem = (typeof INVENTORY_PROBLEMS)[number];

export interface Place {
  file: string;
  /** One-based, as editors and reports show it. */
  line: number;
}

export interface InventoryKey {
  name: string;
  /** The folder whose env files and code the key belongs to, relative to the root (`.`: the root). */
  scope: string;
  environments: string[];
  definedIn: Place[];
  readBy: Place[];
  /** Where the templates document it (`.env.example`), and so where its annotations go. */
  documentedIn: Place[];
  documented: boolean;
  secret: boolean;
  owner?: string;
  purpose?: string;
  rotateEveryDays?: number;
  rotated?: string;
  expires?: string;
  /** When the next rotation is due (`rotated` + `rotateEveryDays`). */
  rotationDue?: string;
  /** The environments that hold one value of this secret (with `shared-across-environments`). */
  sharedBy?: string[];
  problems: InventoryProblem[];
}

export interface InventoryFile {
  /** The path as reports show it (relative, `/`-separated). */
  file: string;
  text: string;
}

export interface InventoryInput {
  /** Env files that hold values (`.env`, `.env.production`, `.env.local`) and templates (`.env.example`). */
  envFiles: InventoryFile[];
  /** Source files, whose env reads are looked for. */
  code: InventoryFile[];
  /** Today, as YYYY-MM-DD. */
  today: string;
  /** Days between rotations by environment, and `default`: production 30, the rest 90 unless set. */
  rotateDays?: Record<string, number>;
  /** Whether a value is a secret by the rules, beyond what its name says. */
  secretValue?: (name: string, value: string) => boolean;
  /**
   * What values are compared by, to tell whether two environments share one: a hash (the node
   * layer gives SHA-256), so that no value is kept past the line it is read on. By default, itself.
   */
  fingerprint?: (value: string) => string;
}

export interface Inventory {
  keys: InventoryKey[];
  /** Malformed annotations in the templates. */
  annotationProblems: Array<AnnotationProblem & Place>;
}

export const DEFAULT_ROTATE_DAYS: Readonly<Record<string, number>> = { production: 30, default: 90 };

/** How long before a rotation or an expiry it is reported as due. */
const DUE_WITHIN_DAYS = 14;

/**
 * Variables the platform sets, not the project: reading one that no env file defines is normal.
 */
const PLATFORM =
  /^(?:NODE_ENV|PATH|HOME|USER|USERNAME|USERPROFILE|SHELL|PWD|TERM|LANG|LC_\w+|TZ|TMPDIR|TEMP|TMP|HOSTNAME|COMPUTERNAME|CI|DEBUG|PORT|HOST|APPDATA|LOCALAPPDATA|SYSTEMROOT|SystemRoot|PYTHONPATH|GOPATH|GOOS|GOARCH|JAVA_HOME|XDG_\w+|npm_\w+|GITHUB_\w+|RUNNER_\w+|GITLAB_\w+|CI_\w+|VERCEL(?:_\w+)?|NETLIFY|AWS_LAMBDA_\w+|AWS_REGION|AWS_EXECUTION_ENV|KUBERNETES_\w+|RAILS_ENV|RACK_ENV|FLASK_ENV|DJANGO_SETTINGS_MODULE|MODE|DEV|PROD|SSR|BASE_URL)$/;

/** Words that name no purpose: a name made only of these (and numbers) says nothing of the key. */
const VAGUE_WORDS = new Set([
  'KEY',
  'KEYS',
  'TOKEN',
  'SECRET',
  'PASSWORD',
  'PASS',
  'PWD',
  'API',
  'APIKEY',
  'AUTH',
  'CREDENTIAL',
  'CREDENTIALS',
  'VALUE',
  'VAR',
  'ENV',
  'MY',
  'THE',
  'NEW',
  'OLD',
  'TMP',
  'TEMP',
  'TEST',
]);

/** A name that says nothing of what the key is for: `KEY`, `TOKEN2`, `SECRET_1`, `API_KEY`. */
export function isVagueName(name: string): boolean {
  const words = name
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+|(?<=[A-Z])(?=\d)/)
    .filter(w => w !== '' && !/^\d+$/.test(w));
  return words.length > 0 && words.every(w => VAGUE_WORDS.has(w));
}

const dirOf = (file: string): string => (file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.');
const baseOf = (file: string): string => file.slice(file.lastIndexOf('/') + 1);
/** One-based lines of offsets in a text: its line breaks found once, then a binary search for each offset. */
function lines(text: string): (offset: number) => number {
  let breaks: number[] | undefined;
  return offset => {
    if (!breaks) {
      breaks = [];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) breaks.push(i);
    }
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}
const inside = (dir: string, scope: string): boolean => scope === '.' || dir === scope || dir.startsWith(`${scope}/`);

export function buildInventory(input: InventoryInput): Inventory {
  const rotateDays = { ...DEFAULT_ROTATE_DAYS, ...input.rotateDays };
  // Scopes: each folder holding env files. Code belongs to the nearest one above it.
  const scopes = [...new Set(input.envFiles.map(f => dirOf(f.file)))].sort((a, b) => b.length - a.length);
  const scopeOf = (file: string): string => scopes.find(s => inside(dirOf(file), s)) ?? '.';
  interface Entry {
    key: InventoryKey;
    /** Fingerprints of values of 8 characters or more (`true` and `3000` are not keys), by environment. */
    values: Map<string, Set<string>>;
  }
  const entries = new Map<string, Entry>();
  const entry = (scope: string, name: string): Entry => {
    const id = `${scope}\0${name}`;
    let e = entries.get(id);
    if (!e) {
      e = {
        key: { name, scope, environments: [], definedIn: [], readBy: [], documentedIn: [], documented: false, secret: isCredentialName(name), problems: [] },
        values: new Map(),
      };
      entries.set(id, e);
    }
    return e;
  };
  const annotationProblems: Inventory['annotationProblems'] = [];
  for (const f of input.envFiles) {
    const name = baseOf(f.file);
    const scope = dirOf(f.file);
    const doc = readDotenv(f.text);
    const lineOf = lines(f.text);
    if (isEnvTemplateName(name)) {
      for (const v of doc.entries) {
        const e = entry(scope, v.name);
        e.key.documented = true;
        e.key.documentedIn.push({ file: f.file, line: lineOf(v.nameStart) });
        // A real value in a template is a finding of the scan, not a definition here.
      }
      const { byKey, problems } = keyAnnotations(readAnnotations(f.text));
      for (const p of problems) annotationProblems.push({ ...p, file: f.file, line: lineOf(p.start) });
      for (const [variable, notes] of byKey) Object.assign(entry(scope, variable).key, notes);
      continue;
    }
    const environment = environmentOf(name) ?? name.replace(/^\.env\.?/, '');
    for (const v of doc.entries) {
      const e = entry(scope, v.name);
      e.key.definedIn.push({ file: f.file, line: lineOf(v.nameStart) });
      if (!e.key.environments.includes(environment)) e.key.environments.push(environment);
      if (v.value.length >= 8) {
        const set = e.values.get(environment) ?? new Set<string>();
        set.add(input.fingerprint ? input.fingerprint(v.value) : v.value);
        e.values.set(environment, set);
      }
      if (v.value !== '') {
        if (!e.key.secret && input.secretValue?.(v.name, v.value)) e.key.secret = true;
      }
    }
  }
  for (const f of input.code) {
    const scope = scopeOf(f.file);
    const lineOf = lines(f.text);
    for (const read of envReads(f.text)) entry(scope, read.name).key.readBy.push({ file: f.file, line: lineOf(read.nameStart) });
  }
  const keys: InventoryKey[] = [];
  for (const { key, values } of entries.values()) {
    const defined = key.definedIn.length > 0 || key.documented;
    if (key.readBy.length === 0 && !defined) continue;
    if (PLATFORM.test(key.name) && !defined) continue;
    key.environments.sort();
    if (defined && key.readBy.length === 0) key.problems.push('unused');
    if (!defined) key.problems.push('missing');
    if (key.definedIn.length > 0 && !key.documented) key.problems.push('undocumented');
    const sharedBy = key.secret ? sharingEnvironments(values) : [];
    if (sharedBy.length > 0) {
      key.problems.push('shared-across-environments');
      key.sharedBy = sharedBy;
    }
    if (key.secret) rotation(key, input.today, rotateDays);
    if (isVagueName(key.name)) key.problems.push('vague-name');
    keys.push(key);
  }
  keys.sort(
    (a, b) =>
      (a.scope === b.scope ? 0 : a.scope === '.' ? -1 : b.scope === '.' ? 1 : a.scope < b.scope ? -1 : 1) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  return { keys, annotationProblems };
}

/** The environments that hold a value another environment holds too. */
function sharingEnvironments(values: Map<string, Set<string>>): string[] {
  const holders = new Map<string, Set<string>>();
  for (const [environment, set] of values) {
    for (const value of set) {
      const environments = holders.get(value) ?? new Set<string>();
      environments.add(environment);
      holders.set(value, environments);
    }
  }
  const shared = new Set<string>();
  for (const environments of holders.values()) if (environments.size > 1) for (const e of environments) shared.add(e);
  return [...shared].sort();
}

/** The rotation period, when the next rotation is due, and whether it is due, overdue or expired. */
function rotation(key: InventoryKey, today: string, rotateDays: Record<string, number>): void {
  key.rotateEveryDays ??= Math.min(...(key.environments.length > 0 ? key.environments : ['default']).map(e => rotateDays[e] ?? rotateDays.default ?? 90));
  if (key.rotated) {
    key.rotationDue = addDays(key.rotated, key.rotateEveryDays);
    if (key.rotationDue < today) key.problems.push('rotation-overdue');
    else if (key.rotationDue <= addDays(today, DUE_WITHIN_DAYS)) key.problems.push('rotation-due');
  }
  if (key.expires) {
    if (key.expires <= today) key.problems.push('expired');
    else if (key.expires <= addDays(today, DUE_WITHIN_DAYS) && !key.problems.includes('rotation-due')) key.problems.push('rotation-due');
  }
}

export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
