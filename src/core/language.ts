/** The languages the fix knows how to rewrite, by how they read the environment. */
export type Lang =
  | 'javascript'
  | 'typescript'
  | 'python'
  | 'go'
  | 'java'
  | 'kotlin'
  | 'csharp'
  | 'ruby'
  | 'php'
  | 'rust'
  | 'swift'
  | 'dart'
  | 'shell'
  | 'powershell'
  | 'compose'
  | 'workflow'
  | 'terraform'
  | 'properties'
  | 'dockerfile'
  | 'makefile'
  | 'yaml'
  | 'json'
  | 'jsonc'
  | 'toml'
  | 'ini'
  | 'xml'
  | 'dotenv'
  | 'text';

const BY_LANGUAGE_ID: Record<string, Lang> = {
  javascript: 'javascript',
  javascriptreact: 'javascript',
  vue: 'javascript',
  svelte: 'javascript',
  typescript: 'typescript',
  typescriptreact: 'typescript',
  python: 'python',
  go: 'go',
  java: 'java',
  kotlin: 'kotlin',
  csharp: 'csharp',
  ruby: 'ruby',
  php: 'php',
  rust: 'rust',
  swift: 'swift',
  dart: 'dart',
  shellscript: 'shell',
  powershell: 'powershell',
  dockercompose: 'compose',
  'github-actions-workflow': 'workflow',
  terraform: 'terraform',
  hcl: 'terraform',
  properties: 'properties',
  'java-properties': 'properties',
  'spring-boot-properties': 'properties',
  dockerfile: 'dockerfile',
  makefile: 'makefile',
  yaml: 'yaml',
  json: 'json',
  jsonc: 'jsonc',
  toml: 'toml',
  ini: 'ini',
  xml: 'xml',
  dotenv: 'dotenv',
};

const BY_EXTENSION: Record<string, Lang> = {
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  vue: 'javascript',
  svelte: 'javascript',
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'typescript',
  py: 'python',
  go: 'go',
  java: 'java',
  kt: 'kotlin',
  kts: 'kotlin',
  cs: 'csharp',
  rb: 'ruby',
  php: 'php',
  rs: 'rust',
  swift: 'swift',
  dart: 'dart',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  ps1: 'powershell',
  tf: 'terraform',
  tfvars: 'terraform',
  hcl: 'terraform',
  properties: 'properties',
  yml: 'yaml',
  yaml: 'yaml',
  json: 'json',
  jsonc: 'jsonc',
  toml: 'toml',
  ini: 'ini',
  cfg: 'ini',
  conf: 'ini',
  xml: 'xml',
  config: 'xml',
  csproj: 'xml',
};

/**
 * The language of a file: the editor's language id when it names one we know, else the file
 * name. Compose files and GitHub Actions workflows are YAML with their own ways to read secrets.
 */
export function languageOf(path: string, languageId?: string): Lang {
  const normalized = path.replace(/\\/g, '/');
  const base = normalized.slice(normalized.lastIndexOf('/') + 1);
  if (/^(?:docker-)?compose(?:\.[\w-]+)?\.ya?ml$/i.test(base)) return 'compose';
  if (/(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(normalized)) return 'workflow';
  if (/^Dockerfile(?:\.[\w-]+)?$|\.dockerfile$/i.test(base)) return 'dockerfile';
  if (/^(?:GNU)?[Mm]akefile$|\.mk$/.test(base)) return 'makefile';
  if (/^\.env(?:\.[\w.-]+)?$|\.env$/i.test(base)) return 'dotenv';
  const byId = languageId ? BY_LANGUAGE_ID[languageId] : undefined;
  if (byId) return byId;
  const ext = base.includes('.') ? base.slice(base.lastIndexOf('.') + 1).toLowerCase() : '';
  return BY_EXTENSION[ext] ?? 'text';
}

/** How to write a line comment in a language, or undefined where there is none (JSON). */
export function lineComment(lang: Lang): { open: string; close: string } | undefined {
  switch (lang) {
    case 'python':
    case 'ruby':
    case 'shell':
    case 'powershell':
    case 'compose':
    case 'workflow':
    case 'yaml':
    case 'toml':
    case 'properties':
    case 'dockerfile':
    case 'makefile':
    case 'dotenv':
    case 'terraform':
      return { open: '# ', close: '' };
    case 'ini':
      return { open: '; ', close: '' };
    case 'xml':
      return { open: '<!-- ', close: ' -->' };
    case 'json':
    case 'text':
      return undefined;
    default:
      return { open: '// ', close: '' };
  }
}
