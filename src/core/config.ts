import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { Minimatch } from 'minimatch';
import type { SecretFileKind } from './hygiene/secret-files';
import { maskFoundSecrets, redactSecrets } from './redact';
import { unboundedQuantifiers } from './regex-safety';
import { catastrophicShape, maxMatchLength } from './regex-shape';
import type { Rule, Severity } from './types';

/** A custom rule as the config file writes it: the built-in rules' shape, in JSON. */
export interface CustomRuleConfig {
  id: string;
  provider?: string;
  description?: string;
  regex: string;
  keywords: string[];
  secretGroup?: number;
  entropy?: number;
  severity?: Severity;
  envVar?: string;
}

/** The project's `.secret-safe.json`, after validation. */
export interface ProjectConfig {
  /** Rule ids that never report. */
  disabledRules: string[];
  /** Glob patterns, relative to the config file's folder, of files that are never scanned. */
  allowlistPaths: string[];
  /** Regular expressions; a secret matching one is never reported. */
  allowlistValues: RegExp[];
  /** The project's own rules, compiled. */
  rules: Rule[];
  /** The project's own kinds of secret file, checked beside the built-in ones. */
  secretFiles: SecretFileKind[];
  /** The baseline file (relative to the config's folder) whose findings are accepted, and the line that names it. */
  baseline?: { path: string; line: number };
  /** Days between rotations of a secret, by environment (`production`, `staging`, …) and `default`. */
  rotation?: Record<string, number>;
  /** The project's own exits: tools that send the folder somewhere, each with its ignore file. */
  exits?: CustomExit[];
}

/**
 * An exit of the project's own, beside the built-in table: a tool that uploads the project's
 * folder (a deploy CLI, a sync) unless its ignore file, in `.gitignore` syntax, leaves a file out.
 * `gcloud app deploy` reads `.gcloudignore`, `vercel` `.vercelignore`, `eb deploy` `.ebignore`.
 */
export interface CustomExit {
  id: string;
  name: string;
  /** Paths from the config's folder (`/`-separated) of the files that show the tool is used here. */
  configuredBy: string[];
  /** The tool's ignore file, from the config's folder. */
  ignoreFile: string;
}

/** A problem in the config file, located so the user can find it. */
export interface ConfigProblem {
  /** Zero-based line of the problem in the file. */
  line: number;
  message: string;
}

export const EMPTY_CONFIG: ProjectConfig = { disabledRules: [], allowlistPaths: [], allowlistValues: [], rules: [], secretFiles: [] };

/** The config file's name, looked up in the project root. */
export const CONFIG_FILE = '.secret-safe.json';

const SEVERITIES = new Set(['error', 'warning', 'info']);

/**
 * Parses and validates the config text (JSON with comments). A broken file yields its problems
 * and the empty config, so the built-in rules keep working; a bad field or rule is dropped with
 * a problem naming its line, and the rest is kept.
 */
export function parseConfig(text: string): { config: ProjectConfig; problems: ConfigProblem[] } {
  const errors: ParseError[] = [];
  const source = text.replace(/^\uFEFF/, '');
  const root = parseTree(source, errors, { allowTrailingComma: true });
  const line = (offset: number): number => lineAt(source, offset);
  if (errors.length > 0 || !root) {
    const first = errors[0];
    return { config: EMPTY_CONFIG, problems: [{ line: first ? line(first.offset) : 0, message: `invalid JSON: ${first ? describe(first) : 'empty file'}` }] };
  }
  if (root.type !== 'object') {
    return { config: EMPTY_CONFIG, problems: [{ line: line(root.offset), message: 'the config must be a JSON object' }] };
  }
  const problems: ConfigProblem[] = [];
  // Messages quote what the file holds (a field's name, a value, a glob): never a secret in full.
  const problem = (node: Node | undefined, message: string): void => {
    problems.push({ line: line(node?.offset ?? 0), message: redactSecrets(message) });
  };
  unknownKeys(root, ['$schema', 'disabledRules', 'allowlist', 'rules', 'secretFiles', 'baseline', 'rotation', 'exits'], '', problem);
  const allowlistNode = findNodeAtLocation(root, ['allowlist']);
  if (allowlistNode?.type === 'object') {
    unknownKeys(allowlistNode, ['paths', 'values'], 'allowlist.', problem);
  }
  const config: ProjectConfig = {
    disabledRules: strings(findNodeAtLocation(root, ['disabledRules']), 'disabledRules', problem),
    allowlistPaths: strings(findNodeAtLocation(root, ['allowlist', 'paths']), 'allowlist.paths', problem),
    allowlistValues: [],
    rules: [],
    secretFiles: [],
  };
  const values = findNodeAtLocation(root, ['allowlist', 'values']);
  strings(values, 'allowlist.values', problem).forEach((v, i) => {
    const compiled = compile(v, '', message => problem(values?.children?.[i], `allowlist.values[${i}]: ${message}`));
    if (compiled) config.allowlistValues.push(compiled);
  });
  /** The items of the array at `key`, each parsed by `parse`; a problem when it is not an array. */
  const each = <T>(key: string, what: string, parse: (node: Node) => T | undefined): T[] => {
    const node = findNodeAtLocation(root, [key]);
    if (node && node.type !== 'array') problem(node, `"${key}" must be an array of ${what}`);
    return (node?.type === 'array' ? (node.children ?? []) : []).map(parse).filter((item): item is T => item !== undefined);
  };
  config.rules.push(...each('rules', 'rule objects', node => customRule(node, problem)));
  const baseline = findNodeAtLocation(root, ['baseline']);
  if (baseline && (baseline.type !== 'string' || baseline.value === '')) {
    problem(baseline, '"baseline" must be the path of a baseline file (secret-safe scan --write-baseline writes one)');
  } else if (baseline) {
    config.baseline = { path: baseline.value as string, line: line(baseline.offset) };
  }
  config.secretFiles.push(...each('secretFiles', 'objects', node => secretFile(node, problem)));
  const exits = each('exits', 'objects', node => customExit(node, problem));
  if (exits.length > 0) config.exits = exits;
  const rotation = findNodeAtLocation(root, ['rotation']);
  if (rotation) {
    const days: Record<string, number> = {};
    for (const property of rotation.type === 'object' ? (rotation.children ?? []) : []) {
      const [key, value] = property.children ?? [];
      if (value?.type === 'number' && Number.isInteger(value.value) && value.value > 0 && value.value <= 3650)
        days[(key.value as string).toLowerCase()] = value.value;
      else problem(value ?? key, `"rotation.${key?.value}" must be a whole number of days between 1 and 3650`);
    }
    if (rotation.type !== 'object') problem(rotation, '"rotation" must be an object of days by environment, such as { "production": 30, "default": 90 }');
    else config.rotation = days;
  }
  return { config, problems };
}

/** A misspelt field would otherwise be ignored in silence. */
function unknownKeys(object: Node, known: string[], prefix: string, problem: (node: Node | undefined, message: string) => void): void {
  for (const property of object.children ?? []) {
    const key = property.children?.[0];
    if (key && !known.includes(key.value as string)) {
      problem(
        key,
        `unknown field "${prefix}${key.value}" (known: ${known
          .filter(k => k !== '$schema')
          .map(k => prefix + k)
          .join(', ')})`,
      );
    }
  }
}

function strings(node: Node | undefined, name: string, problem: (node: Node | undefined, message: string) => void): string[] {
  if (!node) {
    return [];
  }
  if (node.type === 'array' && (node.children ?? []).every(c => c.type === 'string')) {
    return (node.children ?? []).map(c => c.value as string);
  }
  problem(node, `"${name}" must be an array of strings`);
  return [];
}

/** Compiles a user's regex, refusing the ones that cannot be bounded in time. */
function compile(source: string, flags: string, fail: (message: string) => void): RegExp | undefined {
  const unbounded = unboundedQuantifiers(source);
  if (unbounded.length > 0) {
    fail(`use bounded quantifiers ({0,200} instead of ${unbounded[0]}), so a scan cannot run away`);
    return undefined;
  }
  let compiled: RegExp;
  try {
    compiled = new RegExp(source, flags);
  } catch (e) {
    // V8 quotes the whole pattern ("Invalid regular expression: /…/: Unterminated group"), and an
    // allowlist pattern is often a key itself: the reason only.
    fail(`invalid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '').toLowerCase()}`);
    return undefined;
  }
  const shape = catastrophicShape(source);
  if (shape) {
    fail(`this pattern can take exponential time on some text (${shape}); rewrite it so each character can be matched one way only`);
    return undefined;
  }
  return compiled;
}

/** One entry of "rules": validated field by field, compiled into the built-in rules' shape. */
function customRule(node: Node, problem: (node: Node | undefined, message: string) => void): Rule | undefined {
  const field = (key: string): Node | undefined => findNodeAtLocation(node, [key]);
  const value = (key: string): unknown => {
    const f = field(key);
    return f ? getNodeValue(f) : undefined;
  };
  const id = value('id');
  const where = typeof id === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id) ? `rule "${id}"` : 'rule';
  if (node.type !== 'object') {
    problem(node, 'each rule must be an object');
    return undefined;
  }
  if (typeof id !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) {
    problem(field('id') ?? node, `${where}: "id" must be a kebab-case string such as "acme-api-key"`);
    return undefined;
  }
  const regexSource = value('regex');
  if (typeof regexSource !== 'string') {
    problem(field('regex') ?? node, `${where}: "regex" must be a string`);
    return undefined;
  }
  const pattern = compile(regexSource, '', message => problem(field('regex'), `${where}: ${message}`));
  const keywords = value('keywords');
  if (!Array.isArray(keywords) || keywords.length === 0 || !keywords.every(k => typeof k === 'string' && k.length > 0)) {
    problem(field('keywords') ?? node, `${where}: "keywords" must be a non-empty array of strings that every match contains`);
    return undefined;
  }
  const severity = value('severity') ?? 'error';
  if (typeof severity !== 'string' || !SEVERITIES.has(severity)) {
    problem(field('severity'), `${where}: "severity" must be "error", "warning" or "info"`);
    return undefined;
  }
  const secretGroup = value('secretGroup');
  const entropy = value('entropy');
  if (secretGroup !== undefined && (typeof secretGroup !== 'number' || !Number.isInteger(secretGroup) || secretGroup < 1)) {
    problem(field('secretGroup'), `${where}: "secretGroup" must be a capture group number (1 or more)`);
    return undefined;
  }
  if (entropy !== undefined && (typeof entropy !== 'number' || entropy < 0 || entropy > 8)) {
    problem(field('entropy'), `${where}: "entropy" must be a number of bits per character, 0 to 8`);
    return undefined;
  }
  if (!pattern) {
    return undefined;
  }
  const envVar = value('envVar');
  return {
    id,
    provider: typeof value('provider') === 'string' ? (value('provider') as string) : 'Custom',
    description: typeof value('description') === 'string' ? (value('description') as string) : 'secret',
    pattern,
    keywords: (keywords as string[]).map(k => k.toLowerCase()),
    ...(secretGroup !== undefined ? { secretGroup: secretGroup as number } : {}),
    ...(entropy !== undefined ? { minEntropy: entropy as number } : {}),
    envVar: typeof envVar === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(envVar) ? envVar : id.toUpperCase().replace(/-/g, '_'),
    severity: severity as Severity,
    confidence: 'medium',
    budgeted: { maxMatch: Math.min(maxMatchLength(regexSource), 1 << 16) },
    examples: { positive: () => [], negative: () => [] },
  };
}

/**
 * One entry of "secretFiles": a kind of file that must be git-ignored, by name or path glob and,
 * optionally, by a regex its text must match ("contains").
 */
/** A relative path inside the project: no `..`, no leading `/`, no drive, no glob characters. */
const PROJECT_PATH = /^(?!\/)(?![A-Za-z]:)(?!.*(?:^|\/)\.\.(?:\/|$))[^*?[\]{}\\\0]+$/;

function customExit(node: Node, problem: (node: Node | undefined, message: string) => void): CustomExit | undefined {
  const field = (key: string): Node | undefined => findNodeAtLocation(node, [key]);
  if (node.type !== 'object') {
    problem(node, 'each entry of "exits" must be an object');
    return undefined;
  }
  unknownKeys(node, ['id', 'name', 'configuredBy', 'ignoreFile'], 'exits[].', problem);
  const id = field('id')?.value;
  if (typeof id !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) {
    problem(field('id') ?? node, 'exits: "id" must be a kebab-case string such as "gcloud-deploy"');
    return undefined;
  }
  const where = `exit "${id}"`;
  const name = field('name')?.value;
  if (typeof name !== 'string' || name.trim() === '') {
    problem(field('name') ?? node, `${where}: "name" must say what sends the files, such as "gcloud app deploy"`);
    return undefined;
  }
  const ignoreFile = field('ignoreFile')?.value;
  if (typeof ignoreFile !== 'string' || !PROJECT_PATH.test(ignoreFile)) {
    problem(field('ignoreFile') ?? node, `${where}: "ignoreFile" must be a path inside the project, such as ".gcloudignore"`);
    return undefined;
  }
  const by = field('configuredBy');
  const configuredBy = by?.type === 'array' ? (by.children ?? []).map(c => c.value) : [];
  if (configuredBy.length === 0 || !configuredBy.every(p => typeof p === 'string' && PROJECT_PATH.test(p))) {
    problem(by ?? node, `${where}: "configuredBy" must list the paths of the files that show the tool is used, such as ["app.yaml"]`);
    return undefined;
  }
  return { id, name: name.trim(), configuredBy: configuredBy as string[], ignoreFile };
}

function secretFile(node: Node, problem: (node: Node | undefined, message: string) => void): SecretFileKind | undefined {
  const field = (key: string): Node | undefined => findNodeAtLocation(node, [key]);
  const value = (key: string): unknown => {
    const f = field(key);
    return f ? getNodeValue(f) : undefined;
  };
  if (node.type !== 'object') {
    problem(node, 'each entry of "secretFiles" must be an object');
    return undefined;
  }
  unknownKeys(node, ['id', 'description', 'name', 'path', 'contains', 'ignorePattern'], 'secretFiles[].', problem);
  const id = value('id');
  if (typeof id !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) {
    problem(field('id') ?? node, 'secretFiles: "id" must be a kebab-case string such as "vault-token"');
    return undefined;
  }
  const where = `secret file "${id}"`;
  const name = value('name');
  const path = value('path');
  if ((name === undefined) === (path === undefined) || (name !== undefined && typeof name !== 'string') || (path !== undefined && typeof path !== 'string')) {
    problem(
      field('name') ?? field('path') ?? node,
      `${where}: give either "name" (a glob for the file name, "*.vault") or "path" (a glob from the repository root, "config/*.key")`,
    );
    return undefined;
  }
  const glob = (name ?? path) as string;
  if (maskFoundSecrets(glob) !== glob) {
    // The glob would be sent to the editor to watch, and shown in messages: a pattern, not a value.
    problem(field(name !== undefined ? 'name' : 'path'), `${where}: the glob holds a secret; write a pattern for the file's name instead`);
    return undefined;
  }
  const regex = new Minimatch(glob, { dot: true, nocase: false }).makeRe();
  if (!regex) {
    problem(field(name !== undefined ? 'name' : 'path'), `${where}: "${glob}" is not a valid glob`);
    return undefined;
  }
  const containsSource = value('contains');
  let contains: RegExp | undefined;
  if (containsSource !== undefined) {
    contains = typeof containsSource === 'string' ? compile(containsSource, 'm', message => problem(field('contains'), `${where}: ${message}`)) : undefined;
    if (!contains) {
      if (typeof containsSource !== 'string') problem(field('contains'), `${where}: "contains" must be a regular expression string`);
      return undefined;
    }
  }
  const description = value('description');
  const ignorePattern = value('ignorePattern');
  return {
    id,
    description: typeof description === 'string' ? description : 'a secret file',
    ...(name !== undefined ? { name: regex } : { path: regex }),
    ...(contains ? { contains } : {}),
    watchGlob: `**/${((name ?? path) as string).replace(/^\/+/, '')}`,
    ignorePattern:
      typeof ignorePattern === 'string' && ignorePattern.trim() ? ignorePattern.trim() : name !== undefined ? (name as string) : `/${path as string}`,
  };
}

/**
 * Where and what the first syntax error in strict JSON is ("value expected at line 3"), without
 * quoting the text around it as JSON.parse's own message does; undefined for valid JSON.
 */
export function jsonSyntaxError(text: string): string | undefined {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  return errors[0] ? `${describe(errors[0])} at line ${lineAt(text, errors[0].offset) + 1}` : undefined;
}

function describe(error: ParseError): string {
  // "PropertyNameExpected" -> "property name expected"
  return printParseErrorCode(error.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

function lineAt(text: string, offset: number): number {
  let line = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
    }
  }
  return line;
}
