import { baseName } from '../../shared/paths';
import type { Finding } from '../types';
import { assignedName, isVagueName } from './assigned-name';
import { DotenvEncodingError, appendVariable, encodeDotenvValue, parseDotenv } from './dotenv';
import { toEnvVarName } from './env-name';
import { envReader, mcpEnvReader, terraformVariable } from './env-read';
import { languageOf, type Lang } from '../language';
import { LiteralDecodeError, decodeLiteral, literalForm, type LiteralForm } from './literal-value';
import { dockerfileMove } from './docker/move';
import { dockerLoading } from './docker/loading';
import { sourceEdits } from './source-edits';
import { makeSafeValue, planEnvLoading, type EnvLoading, type ProjectView } from './loading';
import { appendLines, applyEdits, composeEdits, type TextEdit } from './text-edit';

/** A file as the plan finds it: its text, or undefined when it does not exist yet. */
export interface FileState {
  path: string;
  text: string | undefined;
}

/** What the node layer found out about git-ignoring `.env`. */
export interface GitignoreState extends FileState {
  /** `.env` is ignored already (negations considered). */
  ignoresEnv: boolean;
  /** The line of a `!.env`-style negation that un-ignores it, if any (1-based). */
  negationLine?: number;
}

export interface PlanInput {
  document: { path: string; text: string; languageId?: string };
  finding: Finding;
  env: FileState;
  example: FileState;
  gitignore: GitignoreState;
  /** A name the user chose ("Move to .env as…"); otherwise one is derived. */
  name?: string;
  /** For connection strings: move the whole string, or only its password. */
  part?: 'whole' | 'password';
  /** The file belongs to a Deno project. */
  deno?: boolean;
  /**
   * The project the code belongs to, for wiring the loading of `.env` when nothing does it yet:
   * its files, and the code's and the `.env`'s paths relative to its root. Without it the move
   * only moves.
   */
  project?: { view: ProjectView; documentRel: string; envRel: string };
}

/** The edits to one file; `create` when the file does not exist yet. */
export interface FileChange {
  path: string;
  create: boolean;
  edits: TextEdit[];
}

/** What the fix will do, all of it, or why it cannot. */
export type FixPlan =
  | {
      kind: 'plan';
      title: string;
      name: string;
      /** Names "Move to .env as…" offers: the chosen one, the rule's, the one the code's identifier gives. */
      candidates?: string[];
      changes: FileChange[];
      /** What loads `.env` for the code after the move, when the project was looked at. */
      loading?: EnvLoading;
    }
  | { kind: 'disabled'; title: string; reason: string };

const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Connection-string rules, which offer to move the whole string or only its password. */
export function isConnectionString(ruleId: string): boolean {
  return /connection-string|url-credentials/.test(ruleId);
}

/**
 * Plans "Move to .env": the secret in the code becomes the language's read of an environment
 * variable, its value goes to `.env` (quoted so dotenv reads it back exactly), `.env.example`
 * documents the name with a placeholder, and `.env` becomes git-ignored. Pure: the caller reads
 * the files and applies the changes as one edit.
 */
export function planMoveToEnv(input: PlanInput): FixPlan {
  const { document, finding } = input;
  const lang = languageOf(document.path, document.languageId);
  const mcp = lang === 'json' || lang === 'jsonc' ? mcpEnvReader(document.path) : undefined;
  const reader = mcp ?? envReader(lang, { deno: input.deno });
  const label = titleFor(input, '');
  if (!reader) {
    return { kind: 'disabled', title: label, reason: 'this is an environment file already' };
  }
  if (typeof reader === 'string') {
    return { kind: 'disabled', title: label, reason: reader };
  }
  const text = document.text;
  const span = secretSpan(input);
  const literal = finding.literal && finding.literal.start <= span.start && span.end <= finding.literal.end ? finding.literal : undefined;
  const form: LiteralForm | undefined = literal ? literalForm(text, literal.start, lang) : undefined;
  const raw = text.slice(span.start, span.end);
  let value: string;
  try {
    value = form ? decodeLiteral(raw, form, lang) : raw;
  } catch (e) {
    if (!(e instanceof LiteralDecodeError)) throw e;
    return { kind: 'disabled', title: label, reason: `the value cannot be moved exactly: ${e.message}` };
  }
  const valueStart = literal ? literal.start - (form?.prefix.length ?? 0) : span.start;

  const existing = parseDotenv(input.env.text ?? '');
  // A Dockerfile's ENV, ARG and RUN values move to where they are used: run time, or a build secret.
  const docker = lang === 'dockerfile' ? dockerfileMove(text, span) : undefined;
  if (docker?.kind === 'disabled') {
    return { kind: 'disabled', title: label, reason: docker.reason };
  }
  const chosen = docker?.kind === 'runtime' ? runtimeName(input, docker.key, existing, value) : chooseName(input, lang, text, valueStart, existing, value);
  if ('reason' in chosen) {
    return { kind: 'disabled', title: label, reason: chosen.reason };
  }
  const { name, envKey, note } = chosen;
  let encoded: string;
  try {
    // Make keeps quotes as part of a value, and so does `docker run --env-file`: a Makefile's or a
    // Dockerfile's value goes bare where dotenv reads it the same.
    encoded = (lang === 'makefile' || docker) && makeSafeValue(value) ? value : encodeDotenvValue(value);
  } catch (e) {
    if (e instanceof DotenvEncodingError) {
      return { kind: 'disabled', title: titleFor(input, name), reason: `the value cannot be written to .env exactly: ${e.message}` };
    }
    throw e;
  }

  // The code: the literal (or bare value) becomes the read, and the file gets what the read needs.
  const extra = sourceEdits(lang, text, valueStart, name);
  if ('disabled' in extra) {
    return { kind: 'disabled', title: titleFor(input, name), reason: extra.disabled };
  }
  const codeEdit: TextEdit = literal
    ? {
        start: valueStart,
        end: literal.end,
        newText:
          span.start === literal.start + 1 && span.end === literal.end - 1
            ? reader.expression(name, form)
            : reader.partial(name, { form: form!, before: text.slice(literal.start + 1, span.start), after: text.slice(span.end, literal.end - 1) }),
      }
    : { start: span.start, end: span.end, newText: reader.bare(name) };
  // In JSX an attribute's value is a string or an {expression}: the read needs the braces.
  if ((lang === 'javascript' || lang === 'typescript') && isJsxAttributeValue(text, valueStart)) {
    codeEdit.newText = `{${codeEdit.newText}}`;
  }
  const codeEdits = docker?.kind === 'runtime' ? docker.edits : docker?.kind === 'build' ? docker.edits(name) : [...extra.edits, codeEdit];
  const changes: FileChange[] = [{ path: document.path, create: false, edits: codeEdits }];

  // GitHub Actions secrets live in the repository's settings, not in a file.
  if (lang !== 'workflow') {
    let target = input.env.path;
    try {
      if (!existing.has(envKey)) {
        changes.push({ path: input.env.path, create: input.env.text === undefined, edits: [appendVariable(input.env.text ?? '', envKey, encoded)] });
      }
      if (!parseDotenv(input.example.text ?? '').has(envKey)) {
        target = input.example.path;
        changes.push({
          path: input.example.path,
          create: input.example.text === undefined,
          edits: [appendVariable(input.example.text ?? '', envKey, placeholderFor(finding, input.part))],
        });
      }
    } catch (e) {
      if (!(e instanceof DotenvEncodingError)) throw e;
      return { kind: 'disabled', title: titleFor(input, name), reason: `the variable cannot be added to ${baseName(target)}: ${e.message}` };
    }
    if (!input.gitignore.ignoresEnv) {
      changes.push({
        path: input.gitignore.path,
        create: input.gitignore.text === undefined,
        edits: [appendLines(input.gitignore.text ?? '', [envIgnorePattern(input.env.path)])],
      });
    }
  }
  // The .env now sits in a build context a COPY takes from: its ignore file keeps it out of the image.
  const keptOutBy: string[] = [];
  if (docker && input.project) {
    for (const { rel, pattern } of input.project.view.dockerignores ?? []) {
      const before = input.project.view.files.get(rel);
      // An earlier move of the same file (Move all) may have added it already.
      if (before?.split(/\r?\n/).includes(pattern)) continue;
      keptOutBy.push(baseName(rel));
      changes.push({ path: input.project.view.pathOf(rel), create: before === undefined, edits: [appendLines(before ?? '', [pattern])] });
    }
  }
  const loading =
    input.project && docker
      ? wireLoading(input, dockerLoading(docker.kind, name, baseName(input.env.path), input.project.view), changes)
      : input.project && lang !== 'workflow'
        ? planLoading(input, lang, envKey, changes)
        : undefined;
  if (loading?.kind === 'refused') {
    return { kind: 'disabled', title: titleFor(input, name), reason: loading.reason };
  }
  let title = lang === 'workflow' ? `Use \${{ secrets.${name} }} (add ${name} to the repository's Actions secrets)` : titleFor(input, name);
  if (lang === 'terraform') title += ` (Terraform variable ${terraformVariable(name)}, set by ${envKey})`;
  if (reader.caveat) title += ` (${reader.caveat.replaceAll('NAME', name)})`;
  if (note) title += ` (${note})`;
  if (docker?.kind === 'runtime' && docker.note) title += ` (${docker.note})`;
  if (loading?.kind === 'wired') title += ` (and load .env with ${loading.by})`;
  if (keptOutBy.length > 0) title += ` (and keep it out of the image in ${keptOutBy.join(', ')})`;
  if (loading?.kind === 'unwired') title += ` (${loading.reason})`;
  if (!input.gitignore.ignoresEnv && input.gitignore.negationLine !== undefined && lang !== 'workflow') {
    title += ` (overrides the !.env on line ${input.gitignore.negationLine} of .gitignore)`;
  }
  const assigned = finding.name ?? assignedName(text, valueStart);
  const fromCode = assigned ? toEnvVarName(assigned, finding.envVar) : undefined;
  const candidates = [...new Set([name, finding.envVar, ...(fromCode && !isVagueName(fromCode) ? [fromCode] : [])])];
  return { kind: 'plan', title, name, candidates, changes, ...(loading ? { loading } : {}) };
}

/**
 * What loads `.env` once the code reads `name`: looked at in the files as the move leaves them,
 * and when the fix wires it, its edits joined to the move's (the code's own into its one change),
 * so one undo still restores everything.
 */
function planLoading(input: PlanInput, lang: Lang, envKey: string, changes: FileChange[]): EnvLoading | undefined {
  const { view, documentRel, envRel } = input.project!;
  const code = changes[0];
  const envChange = changes.find(c => c.path === input.env.path);
  const loading = planEnvLoading({
    lang,
    document: { rel: documentRel, text: applyEdits(input.document.text, code.edits) },
    envRel,
    envText: envChange ? applyEdits(input.env.text ?? '', envChange.edits) : input.env.text,
    name: envKey,
    project: view,
  });
  return wireLoading(input, loading, changes);
}

/** A loading's edits joined to the move's changes: the code's own into its one change, the others as changes of their own. */
function wireLoading(input: PlanInput, loading: EnvLoading | undefined, changes: FileChange[]): EnvLoading | undefined {
  const { view, documentRel } = input.project!;
  const code = changes[0];
  if (loading?.kind !== 'wired') return loading;
  for (const change of loading.changes) {
    if (change.rel === documentRel) {
      code.edits = composeEdits(code.edits, change.edits);
    } else {
      changes.push({ path: view.pathOf(change.rel), create: change.create ?? false, edits: change.edits });
    }
  }
  return loading;
}

/** `<Chat apiKey="…"`: the value sits right after `name=` inside an opening tag. */
function isJsxAttributeValue(text: string, valueStart: number): boolean {
  const before = text.slice(Math.max(0, valueStart - 500), valueStart);
  return /<[A-Za-z][\w.]*(?:\s+[\w:-]+(?:=(?:"[^"]*"|'[^']*'|\{[^{}]*\}))?)*\s+[\w:-]+=$/.test(before);
}

function secretSpan({ finding, part }: PlanInput): { start: number; end: number } {
  if (isConnectionString(finding.ruleId) && part !== 'password') {
    // The whole string: the literal's content when it holds the match, else the match.
    const lit = finding.literal;
    return lit && lit.start < finding.match.start && finding.match.end < lit.end ? { start: lit.start + 1, end: lit.end - 1 } : finding.match;
  }
  return { start: finding.start, end: finding.end };
}

function titleFor({ finding, part }: PlanInput, name: string): string {
  if (isConnectionString(finding.ruleId)) {
    return part === 'password' ? `Move only the password to .env as ${name}` : `Move the connection string to .env as ${name}`;
  }
  return `Move to .env as ${name}`.trimEnd();
}

type Chosen = { name: string; envKey: string; note?: string } | { reason: string };

/** The name a Dockerfile's ENV gives the value: the program reads that one, so it is kept. */
function runtimeName(input: PlanInput, key: string, existing: Map<string, string>, value: string): Chosen {
  if (input.name !== undefined && input.name !== key) return { reason: `the program reads ${key}, so the name stays ${key}` };
  const held = existing.get(key);
  if (held !== undefined && held !== value) return { reason: `.env already holds ${key} with another value` };
  return { name: key, envKey: key, ...(held !== undefined ? { note: 'already in .env' } : {}) };
}

/** Names any provider's key could have: the provider's own name (`ANTHROPIC_API_KEY`) says more. */
const GENERIC_NAME = /^(?:API_?KEY|API_?TOKEN|ACCESS_?TOKEN|AUTH_?TOKEN|SECRET_?KEY|ACCESS_?KEY|BEARER_?TOKEN|PRIVATE_?KEY)$/;

/**
 * The variable's name: the user's; else the name under which `.env` already holds this very value
 * (no second copy); else the assigned identifier's (`stripeKey` -> `STRIPE_KEY`), unless it is
 * generic (`apiKey`, `token`, `secret`) and the rule knows the provider's conventional name
 * (`ANTHROPIC_API_KEY`, the one the diagnostic suggests); else the rule's. A name `.env` holds with
 * another value is not overwritten: the next free name is taken, and the title says so.
 */
function chooseName(input: PlanInput, lang: Lang, text: string, valueStart: number, existing: Map<string, string>, value: string): Chosen {
  const { finding } = input;
  const ruleDefault =
    input.part === 'password' && isConnectionString(finding.ruleId)
      ? `${finding.envVar.replace(/_(?:URL|URI|DSN|CONNECTION_STRING)$/, '')}_PASSWORD`
      : finding.envVar;
  let base: string;
  if (input.name !== undefined) {
    if (!VALID_NAME.test(input.name)) {
      return { reason: `"${input.name}" is not a valid environment variable name (letters, digits and _, not starting with a digit)` };
    }
    base = input.name;
  } else {
    const holding = lang === 'terraform' ? undefined : [...existing].find(([, v]) => v === value)?.[0];
    if (holding) return { name: holding, envKey: holding, note: 'already in .env' };
    const assigned = finding.name ?? assignedName(text, valueStart);
    const derived = assigned ? toEnvVarName(assigned, ruleDefault) : ruleDefault;
    const providerName = !isVagueName(ruleDefault) && !GENERIC_NAME.test(ruleDefault);
    base = isVagueName(derived) || (GENERIC_NAME.test(derived) && providerName) ? ruleDefault : derived;
    if (input.part === 'password' && !/PASSWORD|PASS|PWD|SECRET/.test(base)) base = ruleDefault;
  }
  const keyOf = (n: string): string => (lang === 'terraform' ? `TF_VAR_${terraformVariable(n)}` : n);
  const free = (n: string): boolean => !existing.has(keyOf(n)) || existing.get(keyOf(n)) === value;
  if (free(base)) {
    return { name: base, envKey: keyOf(base), ...(existing.has(keyOf(base)) ? { note: 'already in .env' } : {}) };
  }
  if (input.name !== undefined) {
    return { reason: `.env already holds ${keyOf(base)} with another value` };
  }
  const candidates = [finding.envVar, ...Array.from({ length: 98 }, (_, i) => `${base}_${i + 2}`)];
  const next = candidates.find(c => c !== base && free(c));
  if (!next) {
    return { reason: `.env already holds ${base} and its numbered variants` };
  }
  return { name: next, envKey: keyOf(next), note: `${keyOf(base)} holds another value` };
}

/**
 * The `.gitignore` line that ignores an env file: its name, unanchored, as `.env` is usually
 * written (`.env.local` for a `secretSafe.envFile` of `.env.local`; a bare `.env` would not
 * ignore that).
 */
export function envIgnorePattern(envPath: string): string {
  return envPath.split(/[\\/]/).pop() ?? '.env';
}

/** `your-anthropic-api-key-here`, `your-password-here`: what `.env.example` shows in place of the value. */
export function examplePlaceholder(finding: Finding): string {
  return placeholderFor(finding, undefined);
}

function placeholderFor(finding: Finding, part: PlanInput['part']): string {
  let what = finding.provider === 'Generic' ? finding.description : `${finding.provider} ${finding.description}`;
  if (isConnectionString(finding.ruleId) && part !== 'password') what = what.replace(/ password$/, '');
  const slug = what
    .toLowerCase()
    .replace(/\([^)]*\)/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `your-${slug}-here`;
}
