import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

/** The project's `.secret-safe.json`, after validation. */
export interface ProjectConfig {
  /** Rule ids that never report. */
  disabledRules: string[];
  /** Glob patterns, relative to the config file's folder, of files that are never scanned. */
  allowlistPaths: string[];
}

/** A problem in the config file, located so the user can find it. */
export interface ConfigProblem {
  /** Zero-based line of the problem in the file. */
  line: number;
  message: string;
}

export const EMPTY_CONFIG: ProjectConfig = { disabledRules: [], allowlistPaths: [] };

/** The config file's name, looked up in the project root. */
export const CONFIG_FILE = '.secret-safe.json';

/**
 * Parses and validates the config text. A broken file yields problems and the empty config, so
 * the built-in rules keep working; a wrong field is dropped and the rest is kept.
 */
export function parseConfig(text: string): { config: ProjectConfig; problems: ConfigProblem[] } {
  const errors: ParseError[] = [];
  // Comments are allowed: teams like to say why a path is allowlisted.
  const raw: unknown = parse(text.replace(/^\uFEFF/, ''), errors, { allowTrailingComma: true });
  if (errors.length > 0) {
    const [first] = errors;
    return {
      config: EMPTY_CONFIG,
      problems: [{ line: lineAt(text, first.offset), message: `invalid JSON: ${describeParseError(first)}` }],
    };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { config: EMPTY_CONFIG, problems: [{ line: 0, message: 'the config must be a JSON object' }] };
  }
  const problems: ConfigProblem[] = [];
  const obj = raw as Record<string, unknown>;
  const allowlist = obj.allowlist as Record<string, unknown> | undefined;
  const config: ProjectConfig = {
    disabledRules: stringArray(obj.disabledRules, 'disabledRules', text, problems),
    allowlistPaths: stringArray(allowlist?.paths, 'allowlist.paths', text, problems),
  };
  return { config, problems };
}

function stringArray(value: unknown, name: string, text: string, problems: ConfigProblem[]): string[] {
  if (value === undefined) {
    return [];
  }
  if (Array.isArray(value) && value.every(v => typeof v === 'string')) {
    return value;
  }
  const key = name.split('.').pop() ?? name;
  problems.push({ line: lineOfKey(text, key), message: `"${name}" must be an array of strings` });
  return [];
}

/** The line where `"key"` first appears, so a type error points at the field. */
function lineOfKey(text: string, key: string): number {
  const at = text.indexOf(`"${key}"`);
  return at < 0 ? 0 : lineAt(text, at);
}

function describeParseError(error: ParseError): string {
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
