import { findNodeAtLocation, getLocation, type Node as JsonNode, modify, parseTree } from 'jsonc-parser';
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
    const [add, ...more] = modify(text, ['inputs', -1], { type: 'promptString', id, description, password: true }, { formattingOptions: formattingOf(text) });
    if (!add || more.length > 0 || (add.offset < span.end && add.offset + add.length > span.start)) return [];
    edits.push({ start: add.offset, end: add.offset + add.length, newText: add.content });
  }
  return edits;
}

/** Variables Claude Code reads for itself (its API key, its own switches): never set for a server in its settings. */
const CLAUDE_OWN = /^(?:ANTHROPIC|CLAUDE)_/;

/**
 * Claude Code's way to keep a key out of `.mcp.json`: `.claude/settings.local.json` (its own
 * personal, git-ignored settings) holds it in its `env`. Measured with Claude Code 2.1.332
 * (`claude -p`): it never reads `.env`; a session passes its settings' `env` to the stdio servers it
 * starts (but does not expand `${NAME}` in their own `env` from it), and does expand `${NAME}` in a
 * remote server's `headers` from it. So:
 * - a stdio server's `env` value: the entry leaves the server, which inherits the variable;
 * - a remote server's header: the key becomes `${NAME}` in place (`NAME` the rule's variable).
 * Undefined where neither applies (args, a value that is not the server's, part of an `env` value).
 */
export function claudeLocalEnvEdits(
  mcpText: string,
  span: { start: number; end: number },
  localText: string | undefined,
  headerName: string,
): { name: string; server: string; remote: boolean; mcp: TextEdit[]; local: TextEdit[] } | { reason: string } | undefined {
  const tree = parseTree(mcpText);
  const path = getLocation(mcpText, span.start).path;
  if (!tree || path.length !== 4 || path[0] !== 'mcpServers' || typeof path[1] !== 'string' || typeof path[3] !== 'string') return undefined;
  const server = path[1];
  const value = findNodeAtLocation(tree, path);
  if (value?.type !== 'string') return undefined;
  const raw = mcpText.slice(span.start, span.end);
  let name: string;
  let mcp: TextEdit[];
  if (path[2] === 'env' && findNodeAtLocation(tree, ['mcpServers', server, 'command'])?.type === 'string') {
    if (value.offset + 1 !== span.start || value.offset + value.length - 1 !== span.end) return undefined;
    name = path[3];
    if (CLAUDE_OWN.test(name)) return { reason: `Claude Code reads ${name} itself: in its settings' env it would be Claude Code's own` };
    mcp = [removeProperty(value.parent!)];
  } else if (path[2] === 'headers' && findNodeAtLocation(tree, ['mcpServers', server, 'url'])?.type === 'string') {
    if (span.start <= value.offset || span.end >= value.offset + value.length || /[\\"$]/.test(raw)) return undefined;
    // Not a name Claude Code reads itself (an Anthropic key for the server is not Claude Code's own).
    name = CLAUDE_OWN.test(headerName) ? `${server.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_${headerName}` : headerName;
    mcp = [{ start: span.start, end: span.end, newText: `\${${name}}` }];
  } else {
    return undefined;
  }
  const secret = path[2] === 'env' ? (value.value as string) : raw;
  const local = localText === undefined ? undefined : parseTree(localText);
  if (localText !== undefined && local?.type !== 'object') return { reason: '.claude/settings.local.json is not a JSON object: fix it first' };
  const held = local && findNodeAtLocation(local, ['env', name]);
  if (held && held.value !== secret) return { reason: `.claude/settings.local.json sets ${name} to another value already` };
  const localEdits =
    localText === undefined
      ? [{ start: 0, end: 0, newText: `${JSON.stringify({ env: { [name]: secret } }, null, 2)}\n` }]
      : held
        ? []
        : [envEntryEdit(localText, local!, name, secret)];
  return { name, server, remote: path[2] === 'headers', mcp, local: localEdits };
}

/** The edit that sets `env.NAME` in a settings object: appended to its `env`, or an `env` appended to it, in the file's own layout. */
function envEntryEdit(text: string, root: JsonNode, name: string, value: string): TextEdit {
  const { insertSpaces, tabSize, eol } = formattingOf(text);
  const unit = insertSpaces ? ' '.repeat(tabSize) : '\t';
  const env = findNodeAtLocation(root, ['env']);
  if (env?.type === 'object') return appendProperty(text, env, JSON.stringify(name), JSON.stringify(value), unit, eol);
  const indent = `${indentAt(text, root.offset)}${unit}`;
  return appendProperty(text, root, '"env"', `{${eol}${indent}${unit}${JSON.stringify(name)}: ${JSON.stringify(value)}${eol}${indent}}`, unit, eol);
}

/** A property appended to an object: after its last one (on its own line when that one is), or alone inside `{}`. */
function appendProperty(text: string, object: JsonNode, key: string, value: string, unit: string, eol: string): TextEdit {
  const children = object.children ?? [];
  const last = children[children.length - 1];
  if (!last) {
    const indent = indentAt(text, object.offset);
    return { start: object.offset + 1, end: object.offset + object.length - 1, newText: `${eol}${indent}${unit}${key}: ${value}${eol}${indent}` };
  }
  const end = last.offset + last.length;
  const ownLine = text.lastIndexOf('\n', last.offset) > object.offset;
  return { start: end, end, newText: ownLine ? `,${eol}${indentAt(text, last.offset)}${key}: ${value}` : `, ${key}: ${value}` };
}

/** The white space that starts the line holding an offset. */
function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** The edit that takes a property out of its object, with its comma, keeping every other byte (jsonc's `modify` reformats the object). */
function removeProperty(property: JsonNode): TextEdit {
  const object = property.parent!;
  const siblings = object.children ?? [];
  const at = siblings.indexOf(property);
  if (siblings.length === 1) return { start: object.offset + 1, end: object.offset + object.length - 1, newText: '' };
  if (at < siblings.length - 1) return { start: property.offset, end: siblings[at + 1].offset, newText: '' };
  const previous = siblings[at - 1];
  return { start: previous.offset + previous.length, end: property.offset + property.length, newText: '' };
}

function formattingOf(text: string): { insertSpaces: boolean; tabSize: number; eol: string } {
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  return { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

/** How each client's config names a value kept out of the file, as its documentation writes it. */
const KEEP_OUT: Readonly<Record<string, string>> = {
  vscode: 'use an input, which VS Code asks for once and keeps in its secret storage (the quick fix writes it)',
  cursor: 'write "${env:NAME}" and set NAME in the environment Cursor starts from',
  'claude-code':
    'move a server\'s env value to .claude/settings.local.json (the quick fix does), or write "${NAME}" and set NAME in the environment Claude Code starts from',
  gemini:
    'write "$NAME" and set NAME in the environment Gemini CLI starts from (it resolves $NAME before it reads .env, and hides secret-named variables from servers that do not list them)',
  'claude-desktop': 'it cannot name a variable, so keep this file out of the repository',
};

/** What a secret in an MCP config also says: who reads the file, and how to keep the value out of it. */
export function mcpNote(path: string): string | undefined {
  const config = mcpConfigOf(path);
  return config && `${config.client} reads this MCP config, and so can every agent and teammate that reads the repository: ${KEEP_OUT[config.id]}.`;
}
