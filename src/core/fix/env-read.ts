import type { Lang } from '../language';
import type { LiteralForm } from './literal-value';

/** What the code becomes around the secret: a literal split into the text before and after it. */
export interface Parts {
  form: LiteralForm;
  /** Source text inside the literal before the secret, and after it, as written. */
  before: string;
  after: string;
}

/**
 * How one language reads an environment variable, and how it writes that read where a literal
 * was: wholly (the literal was the secret) or in part (the literal keeps its other text).
 */
interface EnvReader {
  /** The read, as an expression that replaces a whole literal. */
  expression(name: string, form?: LiteralForm): string;
  /** The literal rebuilt around the read, keeping its other text. */
  partial(name: string, parts: Parts): string;
  /** The read where the secret stood bare, outside any literal (YAML values, shell words). */
  bare(name: string): string;
  /** What the action's title adds, where the file cannot read the environment itself. */
  caveat?: string;
}

/** `"a" + X + "b"`, leaving out empty pieces: the form most languages share. */
function concatenate(expr: string, { form, before, after }: Parts, op = ' + '): string {
  const piece = (s: string): string => `${form.prefix}${form.quote}${s}${form.quote}`;
  return [before ? piece(before) : '', expr, after ? piece(after) : ''].filter(Boolean).join(op);
}

/** Placeholders a config loader may expand: `${NAME}` (or the loader's own `ref`), inline. */
function placeholder(caveat: string, ref: (name: string) => string = name => `\${${name}}`): EnvReader {
  return {
    expression: (name, form) => `${form?.quote ?? '"'}${ref(name)}${form?.quote ?? '"'}`,
    partial: (name, { form, before, after }) => `${form.prefix}${form.quote}${before}${ref(name)}${after}${form.quote}`,
    bare: ref,
    caveat,
  };
}

/**
 * MCP configs: each client's own reference to a variable, which it expands from the environment it
 * was started in (none of them from `.env`); or why the client has none.
 */
const MCP_READERS: ReadonlyArray<{ path: RegExp; reader: EnvReader | string }> = [
  {
    path: /(?:^|\/)\.cursor\/mcp\.json$/,
    reader: placeholder('Cursor expands ${env:NAME} from the environment it starts in, not from .env: set NAME there', name => `\${env:${name}}`),
  },
  { path: /(?:^|\/)\.mcp\.json$/, reader: placeholder('Claude Code expands ${NAME} from the environment it starts in, not from .env: set NAME there') },
  {
    path: /(?:^|\/)\.gemini\/settings\.json$/,
    reader: placeholder('Gemini CLI resolves ${NAME} from the environment it starts in, before it reads .env: set NAME there'),
  },
  { path: /(?:^|\/)claude_desktop_config\.json$/, reader: 'Claude Desktop cannot name a variable in its config: keep this file out of the repository' },
];

/** The reader of an MCP config at `path` (`/`-separated or not), the reason it has none, or undefined for any other file. */
export function mcpEnvReader(path: string): EnvReader | string | undefined {
  const posix = path.replace(/\\/g, '/');
  return MCP_READERS.find(m => m.path.test(posix))?.reader;
}

/** JS source inside a template literal: backticks and `${` must be escaped. */
function toTemplate(raw: string): string {
  return raw.replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

function javascript(read: (name: string) => string): EnvReader {
  return {
    expression: name => read(name),
    partial: (name, { form, before, after }) =>
      form.quote === '`' ? `\`${before}\${${read(name)}}${after}\`` : `\`${toTemplate(before)}\${${read(name)}}${toTemplate(after)}\``,
    bare: name => `\${${name}}`,
  };
}

const PYTHON: EnvReader = {
  expression: name => `os.environ["${name}"]`,
  partial: (name, parts) =>
    /f/i.test(parts.form.prefix)
      ? `${parts.form.prefix}${parts.form.quote}${parts.before}{os.environ[${parts.form.quote === '"' ? `'${name}'` : `"${name}"`}]}${parts.after}${parts.form.quote}`
      : concatenate(`os.environ["${name}"]`, parts),
  bare: name => `\${${name}}`,
};

/** Rust's `format!` wants its literal's braces doubled. */
function rustFormat(raw: string): string {
  return raw.replace(/\{/g, '{{').replace(/\}/g, '}}');
}

const RUST_READ = (name: string): string => `std::env::var("${name}").expect("${name} is not set")`;

/** Terraform variables are lower-case: `API_KEY` reads as `var.api_key`. */
export function terraformVariable(name: string): string {
  return name.toLowerCase();
}

const READERS: Record<Lang, EnvReader | undefined> = {
  javascript: javascript(name => `process.env.${name}`),
  typescript: javascript(name => `process.env.${name}!`),
  python: PYTHON,
  go: {
    expression: name => `os.Getenv("${name}")`,
    partial: (name, parts) => concatenate(`os.Getenv("${name}")`, parts),
    bare: name => `\${${name}}`,
  },
  java: {
    expression: name => `System.getenv("${name}")`,
    partial: (name, parts) => concatenate(`System.getenv("${name}")`, parts),
    bare: name => `\${${name}}`,
  },
  kotlin: {
    expression: name => `System.getenv("${name}")`,
    partial: (name, parts) => concatenate(`System.getenv("${name}")`, parts),
    bare: name => `\${${name}}`,
  },
  csharp: {
    expression: name => `System.Environment.GetEnvironmentVariable("${name}")`,
    partial: (name, parts) => concatenate(`System.Environment.GetEnvironmentVariable("${name}")`, parts),
    bare: name => `\${${name}}`,
  },
  ruby: { expression: name => `ENV.fetch("${name}")`, partial: (name, parts) => concatenate(`ENV.fetch("${name}")`, parts), bare: name => `\${${name}}` },
  php: { expression: name => `getenv('${name}')`, partial: (name, parts) => concatenate(`getenv('${name}')`, parts, ' . '), bare: name => `\${${name}}` },
  rust: {
    expression: name => `&${RUST_READ(name)}`,
    partial: (name, { form, before, after }) =>
      `&format!(${form.prefix}${form.quote}${rustFormat(before)}{}${rustFormat(after)}${form.quote}, ${RUST_READ(name)})`,
    bare: name => `\${${name}}`,
  },
  swift: {
    expression: name => `(ProcessInfo.processInfo.environment["${name}"] ?? "")`,
    partial: (name, parts) => concatenate(`(ProcessInfo.processInfo.environment["${name}"] ?? "")`, parts),
    bare: name => `\${${name}}`,
  },
  dart: {
    expression: name => `Platform.environment['${name}']!`,
    partial: (name, parts) => concatenate(`Platform.environment['${name}']!`, parts),
    bare: name => `\${${name}}`,
  },
  shell: {
    expression: name => `"\${${name}}"`,
    partial: (name, { form, before, after }) =>
      form.quote === '"' ? `"${before}\${${name}}${after}"` : [before ? `'${before}'` : '', `"\${${name}}"`, after ? `'${after}'` : ''].join(''),
    bare: name => `"\${${name}}"`,
  },
  powershell: {
    expression: name => `$env:${name}`,
    partial: (name, parts) => (parts.form.quote === '"' ? `"${parts.before}$($env:${name})${parts.after}"` : concatenate(`$env:${name}`, parts)),
    bare: name => `$env:${name}`,
  },
  compose: {
    expression: (name, form) => `${form?.quote ?? '"'}\${${name}}${form?.quote ?? '"'}`,
    partial: (name, { form, before, after }) => `${form.quote}${before}\${${name}}${after}${form.quote}`,
    bare: name => `\${${name}}`,
  },
  workflow: {
    expression: name => `\${{ secrets.${name} }}`,
    partial: (name, { form, before, after }) => `${form.quote}${before}\${{ secrets.${name} }}${after}${form.quote}`,
    bare: name => `\${{ secrets.${name} }}`,
  },
  terraform: {
    expression: name => `var.${terraformVariable(name)}`,
    partial: (name, { form, before, after }) => `${form.quote}${before}\${var.${terraformVariable(name)}}${after}${form.quote}`,
    bare: name => `var.${terraformVariable(name)}`,
  },
  properties: {
    expression: (name, form) => `${form?.quote ?? ''}\${${name}}${form?.quote ?? ''}`,
    partial: (name, { form, before, after }) => `${form.quote}${before}\${${name}}${after}${form.quote}`,
    bare: name => `\${${name}}`,
  },
  dockerfile: {
    expression: name => `"\${${name}}"`,
    partial: (name, { form, before, after }) => `${form.quote}${before}\${${name}}${after}${form.quote}`,
    bare: name => `\${${name}}`,
  },
  // Make expands $(NAME) from its own variables, and from the environment and an included .env.
  makefile: {
    expression: (name, form) => `${form?.quote ?? ''}$(${name})${form?.quote ?? ''}`,
    partial: (name, { form, before, after }) => `${form.quote}${before}$(${name})${after}${form.quote}`,
    bare: name => `$(${name})`,
  },
  yaml: placeholder('YAML cannot read the environment: leaves ${NAME} for your config loader to expand'),
  json: placeholder('JSON cannot read the environment: leaves "${NAME}" for your config loader to expand'),
  jsonc: placeholder('JSON cannot read the environment: leaves "${NAME}" for your config loader to expand'),
  toml: placeholder('TOML cannot read the environment: leaves ${NAME} for your config loader to expand'),
  ini: placeholder('INI files cannot read the environment: leaves ${NAME} for your config loader to expand'),
  xml: placeholder('XML cannot read the environment: leaves ${NAME} for your config loader to expand'),
  text: placeholder('plain text cannot read the environment: leaves ${NAME} in its place'),
  dotenv: undefined,
};

/** How `lang` reads the environment, or undefined where moving to `.env` makes no sense (`.env` itself). */
export function envReader(lang: Lang, options: { deno?: boolean } = {}): EnvReader | undefined {
  if (options.deno && (lang === 'javascript' || lang === 'typescript')) {
    return javascript(name => `Deno.env.get("${name}")${lang === 'typescript' ? '!' : ''}`);
  }
  return READERS[lang];
}
