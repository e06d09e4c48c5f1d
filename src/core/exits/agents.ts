import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { TextEdit } from '../fix/text-edit';

/**
 * AI coding agents read the workspace, `.env` included, into what they send to their model. Each
 * has its own way to keep files out: an ignore file in `.gitignore` syntax, or Claude Code's
 * `permissions.deny` with `Read(…)` rules. A workspace shows it uses an agent by the agent's own
 * files; for those agents, every secret file must be kept out in the agent's syntax.
 */
export interface Agent {
  id: string;
  name: string;
  /** The file that keeps files out, relative to the workspace folder. */
  file: string;
  syntax: 'gitignore' | 'claude-permissions';
  /** Paths (relative, `/`-separated) that show the agent is used here. */
  signs: RegExp;
}

export const AGENTS: readonly Agent[] = [
  { id: 'cursor', name: 'Cursor', file: '.cursorignore', syntax: 'gitignore', signs: /^(?:\.cursorignore|\.cursorindexingignore|\.cursorrules|\.cursor\/.+)$/ },
  { id: 'claude-code', name: 'Claude Code', file: '.claude/settings.json', syntax: 'claude-permissions', signs: /^(?:CLAUDE\.md|\.claude\/.+)$/ },
  { id: 'gemini-cli', name: 'Gemini CLI', file: '.geminiignore', syntax: 'gitignore', signs: /^(?:GEMINI\.md|\.geminiignore|\.gemini\/.+)$/ },
  { id: 'gemini-code-assist', name: 'Gemini Code Assist', file: '.aiexclude', syntax: 'gitignore', signs: /^\.aiexclude$/ },
  { id: 'windsurf', name: 'Windsurf', file: '.codeiumignore', syntax: 'gitignore', signs: /^(?:\.codeiumignore|\.windsurfrules|\.windsurf\/.+)$/ },
];

/**
 * Claude Code's `Read(…)` deny rules as `.gitignore` lines, relative to the project: `./p` and
 * `/p` anchored at its root, `**` patterns anywhere; home (`~/`) and absolute (`//`) paths are
 * outside the project and left out. An `Edit(…)` rule does not stop reading.
 */
export function claudeReadDenials(settings: string): string[] {
  const tree = parseTree(settings.replace(/^\uFEFF/, ''));
  const deny = tree ? findNodeAtLocation(tree, ['permissions', 'deny']) : undefined;
  if (deny?.type !== 'array') return [];
  const lines: string[] = [];
  for (const rule of deny.children ?? []) {
    const m = typeof rule.value === 'string' ? /^Read\((.+)\)$/.exec(rule.value.trim()) : null;
    if (!m) continue;
    const path = m[1].trim();
    if (path.startsWith('~/') || path.startsWith('//')) continue;
    if (path.startsWith('./')) lines.push(`/${path.slice(2)}`);
    else if (path.startsWith('/') || path.startsWith('**')) lines.push(path);
    else lines.push(`/${path}`);
  }
  return lines;
}

/** The rule that keeps a file from Claude Code: `Read(./path)`, as its documentation writes them. */
export function claudeReadRule(relativePath: string): string {
  return `Read(./${relativePath})`;
}

/**
 * The edit that appends a rule to `permissions.deny`, creating the array and its parent when
 * missing. Written by hand, not by a JSON formatter: the rest of the file keeps every byte (a
 * formatter would also re-flow a neighbouring `"allow": [...]`), the new lines take the file's
 * own indentation and line ends.
 */
export function claudeDenyEdit(text: string, rule: string): TextEdit | undefined {
  const body = text.replace(/^\uFEFF/, '');
  const bom = body.length === text.length ? 0 : 1;
  const eol = body.includes('\r\n') ? '\r\n' : '\n';
  const unit = /\n([ \t]+)"/.exec(body)?.[1] ?? '  ';
  const json = JSON.stringify(rule);
  const shift = (edit: TextEdit): TextEdit => ({ ...edit, start: edit.start + bom, end: edit.end + bom });
  if (body.trim() === '') {
    return {
      start: 0,
      end: text.length,
      newText: `{${eol}${unit}"permissions": {${eol}${unit}${unit}"deny": [${eol}${unit}${unit}${unit}${json}${eol}${unit}${unit}]${eol}${unit}}${eol}}${eol}`,
    };
  }
  const tree = parseTree(body);
  if (tree?.type !== 'object') return undefined;
  const deny = findNodeAtLocation(tree, ['permissions', 'deny']);
  if (deny) {
    if (deny.type !== 'array') return undefined;
    const items = deny.children ?? [];
    const last = items[items.length - 1];
    if (!last) return shift({ start: deny.offset + 1, end: deny.offset + 1, newText: json });
    const multiline = body.slice(deny.offset, deny.offset + deny.length).includes('\n');
    return shift({
      start: last.offset + last.length,
      end: last.offset + last.length,
      newText: multiline ? `,${eol}${indentOf(body, last.offset)}${json}` : `, ${json}`,
    });
  }
  const permissions = findNodeAtLocation(tree, ['permissions']);
  if (permissions && permissions.type !== 'object') return undefined;
  const parent = permissions ?? tree;
  const property = permissions
    ? `"deny": [${eol}{inner}${unit}${json}${eol}{inner}]`
    : `"permissions": {${eol}{inner}${unit}"deny": [${eol}{inner}${unit}${unit}${json}${eol}{inner}${unit}]${eol}{inner}}`;
  const members = parent.children ?? [];
  const last = members[members.length - 1];
  if (last) {
    const indent = indentOf(body, last.offset);
    return shift({ start: last.offset + last.length, end: last.offset + last.length, newText: `,${eol}${indent}${property.replaceAll('{inner}', indent)}` });
  }
  // An empty object: `{}` gets the property on lines of its own.
  const outer = indentOf(body, parent.offset);
  const inner = outer + unit;
  return shift({
    start: parent.offset + 1,
    end: parent.offset + parent.length - 1,
    newText: `${eol}${inner}${property.replaceAll('{inner}', inner)}${eol}${outer}`,
  });
}

/** The white space before the line of `offset`'s first character. */
function indentOf(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** What an agent that can read a secret file says, in the editor and the CLI. */
export function agentMessage(f: { agent: Agent; relativePath: string; description: string; fix: string }): string {
  const keptBy =
    f.agent.syntax === 'claude-permissions' ? `no Read rule in ${f.agent.file}'s permissions.deny covers it` : `${f.agent.file} does not exclude it`;
  return `${f.agent.name} can read ${f.relativePath} (${f.description}) into what it sends to its model: ${keptBy}. ${f.fix}.`;
}
