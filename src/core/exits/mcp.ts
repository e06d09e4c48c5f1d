import { findNodeAtLocation, getLocation, modify, parseTree } from 'jsonc-parser';
import type { TextEdit } from '../fix/text-edit';

/**
 * MCP configuration files: an AI client reads them to start tool servers, and people paste keys
 * into their `env` and `headers`. Each client has its own way to name a value kept elsewhere; VS
 * Code's is an input it asks for once and keeps in its secret storage.
 */
export interface McpConfig {
  id: string;
  client: string;
  /** Matched against the path, `/`-separated. */
  path: RegExp;
}

export const MCP_CONFIGS: readonly McpConfig[] = [
  { id: 'vscode', client: 'VS Code', path: /(?:^|\/)\.vscode\/mcp\.json$/ },
  { id: 'cursor', client: 'Cursor', path: /(?:^|\/)\.cursor\/mcp\.json$/ },
  { id: 'claude-code', client: 'Claude Code', path: /(?:^|\/)\.mcp\.json$/ },
  { id: 'gemini', client: 'Gemini CLI', path: /(?:^|\/)\.gemini\/settings\.json$/ },
  { id: 'claude-desktop', client: 'Claude Desktop', path: /(?:^|\/)claude_desktop_config\.json$/ },
];

export function mcpConfigOf(path: string): McpConfig | undefined {
  const posix = path.replace(/\\/g, '/');
  return MCP_CONFIGS.find(c => c.path.test(posix));
}

/** Where a secret sits in an MCP config: the server it belongs to and the property that holds it. */
export function mcpPlace(text: string, offset: number): { server?: string; property?: string } {
  const location = getLocation(text, offset);
  const path = location.path;
  const top = path[0];
  const server = (top === 'servers' || top === 'mcpServers') && typeof path[1] === 'string' ? path[1] : undefined;
  const last = path[path.length - 1];
  return { ...(server ? { server } : {}), ...(typeof last === 'string' ? { property: last } : {}) };
}

/** An input id from a property or variable name: `GITHUB_TOKEN` → `github-token`. */
export function inputIdOf(name: string): string {
  return (
    name
      .replace(/([a-z\d])([A-Z])/g, '$1-$2')
      .replace(/[^A-Za-z\d]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase() || 'secret'
  );
}

/**
 * VS Code's way for `.vscode/mcp.json`: the secret's span becomes `${input:id}`, and `inputs` gets
 * a `promptString` with `password: true` (unless one with that id is there): VS Code asks for the
 * value once, when the server starts, and keeps it in its secret storage. The rest of the file is
 * kept, in its own indentation and line ends. Two edits on the original text, apart.
 */
export function mcpInputEdits(text: string, span: { start: number; end: number }, id: string, description: string): TextEdit[] {
  const edits: TextEdit[] = [{ start: span.start, end: span.end, newText: `\${input:${id}}` }];
  const tree = parseTree(text);
  const inputs = tree ? findNodeAtLocation(tree, ['inputs']) : undefined;
  const exists = inputs?.type === 'array' && (inputs.children ?? []).some(c => c.type === 'object' && findNodeAtLocation(c, ['id'])?.value === id);
  if (!exists) {
    const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
    const [add, ...more] = modify(
      text,
      ['inputs', -1],
      { type: 'promptString', id, description, password: true },
      {
        formattingOptions: {
          insertSpaces: !indent.includes('\t'),
          tabSize: indent.includes('\t') ? 1 : indent.length,
          eol: text.includes('\r\n') ? '\r\n' : '\n',
        },
      },
    );
    if (!add || more.length > 0 || (add.offset < span.end && add.offset + add.length > span.start)) return [];
    edits.push({ start: add.offset, end: add.offset + add.length, newText: add.content });
  }
  return edits;
}

/** How each client's config names a value kept out of the file, as its documentation writes it. */
const KEEP_OUT: Readonly<Record<string, string>> = {
  vscode: 'use an input, which VS Code asks for once and keeps in its secret storage (the quick fix writes it)',
  cursor: 'write "${env:NAME}" and set NAME in the environment Cursor starts from',
  'claude-code': 'write "${NAME}" and set NAME in the environment Claude Code starts from',
  gemini: 'write "$NAME" and set NAME in the environment Gemini CLI starts from',
  'claude-desktop': 'it cannot name a variable, so keep this file out of the repository',
};

/** What a secret in an MCP config also says: who reads the file, and how to keep the value out of it. */
export function mcpNote(path: string): string | undefined {
  const config = mcpConfigOf(path);
  return config && `${config.client} reads this MCP config, and so can every agent and teammate that reads the repository: ${KEEP_OUT[config.id]}.`;
}
