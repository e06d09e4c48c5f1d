import { escapeOf } from '../fix/docker/instructions';
import { mcpNote } from './mcp';

/**
 * What a Dockerfile copies from its build context: every `COPY` and `ADD` that reads the context
 * (not `--from` another stage or image, not a URL, not a heredoc), with its sources, as Docker's
 * parser reads them: instructions in any case, lines joined at the escape character (`\`, or the
 * one an `# escape=` directive names), comment lines inside them dropped, the JSON form.
 */

export interface ContextCopy {
  /** `COPY` or `ADD`, as written. */
  instruction: string;
  /** Zero-based line of the instruction, and the span of its first line (for the diagnostic). */
  line: number;
  startColumn: number;
  endColumn: number;
  /** The sources, as written (the destination left out). */
  sources: string[];
  /** `--exclude` patterns (Dockerfile 1.7): paths the copy leaves out. */
  excludes: string[];
}

const INSTRUCTION = /^\s*(copy|add)(?:\s|$)/i;

export function contextCopies(text: string): ContextCopy[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const escapeWith = escapeOf(text);
  const copies: ContextCopy[] = [];
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i];
    if (/^\s*#/.test(first) || first.trim() === '') continue;
    // The logical line: physical lines joined while one ends with the escape character.
    let logical = '';
    let line = first;
    const start = i;
    for (;;) {
      const trimmed = line.replace(/\s+$/, '');
      if (trimmed.endsWith(escapeWith) && i + 1 < lines.length) {
        logical += `${trimmed.slice(0, -1)} `;
        i++;
        // Comment lines inside an instruction are dropped; blank ones too.
        while (i < lines.length - 1 && (/^\s*#/.test(lines[i]) || lines[i].trim() === '')) i++;
        line = lines[i];
        continue;
      }
      logical += line;
      break;
    }
    const m = INSTRUCTION.exec(logical);
    if (!m) continue;
    const args = argumentsOf(logical.slice(m[0].length).trim());
    if (!args) continue;
    const flags = args.flags;
    if (flags.some(f => /^--from=/i.test(f))) continue;
    const sources = args.paths.slice(0, -1).filter(s => !/^[a-z][a-z0-9+.-]*:\/\//i.test(s) && !/^git@/.test(s) && !s.startsWith('<<') && !s.includes('$'));
    if (sources.length === 0) continue;
    const startColumn = first.length - first.trimStart().length;
    copies.push({
      instruction: m[1],
      line: start,
      startColumn,
      endColumn: first.replace(/\s+$/, '').length,
      sources,
      excludes: flags.filter(f => /^--exclude=/i.test(f)).map(f => f.slice('--exclude='.length)),
    });
  }
  return copies;
}

/** Flags, then paths: the JSON form (`["a", "b", "/dest"]`) or words split at white space. */
function argumentsOf(rest: string): { flags: string[]; paths: string[] } | undefined {
  const flags: string[] = [];
  let body = rest;
  for (;;) {
    const flag = /^(--[a-z-]+(?:=\S*)?)\s*/i.exec(body);
    if (!flag) break;
    flags.push(flag[1]);
    body = body.slice(flag[0].length);
  }
  if (body.startsWith('[')) {
    try {
      const paths = JSON.parse(body) as unknown;
      if (Array.isArray(paths) && paths.every(p => typeof p === 'string')) return { flags, paths };
    } catch {
      // Not JSON after all: Docker then reads it as words, so do we.
    }
  }
  const paths = body.split(/\s+/).filter(Boolean);
  return paths.length >= 2 ? { flags, paths } : undefined;
}

/**
 * Whether a copy source takes a path of the context (relative, `/`-separated): the source names
 * the path itself or a folder above it, as Docker's `filepath.Match` patterns (`*`, `?`, `[…]`,
 * none crossing `/`) compare them, a matched folder bringing everything under it.
 */
export function sourceTakes(source: string, path: string): boolean {
  const pattern = source
    .replace(/\\/g, '/')
    .replace(/^(?:\.\/)+/, '')
    .replace(/^\/+/, '')
    .replace(/\/+$/, '')
    .replace(/\/\.$/, '');
  if (pattern === '' || pattern === '.') return true;
  const wanted = pattern.split('/');
  const parts = path.split('/');
  if (wanted.length > parts.length) return false;
  const prefix = parts.slice(0, wanted.length);
  return wanted.every((w, i) => segmentMatch(w, prefix[i]));
}

/** One path segment against one pattern segment, as Go's `filepath.Match` does. */
function segmentMatch(pattern: string, name: string): boolean {
  if (!/[*?[\\]/.test(pattern)) return pattern === name;
  let source = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '\\' && i + 1 < pattern.length) source += escapeRegex(pattern[++i]);
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) return false; // Go: a malformed pattern matches nothing
      let set = pattern.slice(i + 1, close);
      if (set.startsWith('^')) set = `^${set.slice(1)}`;
      source += `[${set.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else source += escapeRegex(c);
  }
  try {
    return new RegExp(`${source}$`).test(name);
  } catch {
    return false;
  }
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** What a secret in a Dockerfile's `ENV` or `ARG` line also says: where such a value goes. */
export const LAYER_NOTE =
  'ENV and ARG values stay in the image: every layer and `docker history` keep them for anyone who pulls it. Pass it at run time (`docker run --env-file`, compose `env_file:`), or to a build step as a build secret (`RUN --mount=type=secret`).';

/** Adds the layer note to each finding on an `ENV` or `ARG` instruction of a Dockerfile's text (continued lines included). */
export function noteImageLayers<F extends { start: number; note?: string }>(findings: F[], text: string): F[] {
  for (const f of findings) {
    if (f.note?.includes(LAYER_NOTE)) continue;
    // The instruction this finding is in: back to the start of its logical line.
    let lineStart = text.lastIndexOf('\n', f.start - 1) + 1;
    while (lineStart > 0 && /\\\r?\n$/.test(text.slice(Math.max(0, lineStart - 3), lineStart))) lineStart = text.lastIndexOf('\n', lineStart - 2) + 1;
    if (/^\s*(?:ENV|ARG)\s/i.test(text.slice(lineStart, lineStart + 16))) f.note = f.note ? `${f.note} ${LAYER_NOTE}` : LAYER_NOTE;
  }
  return findings;
}

/**
 * The notes an exit adds to the findings of the file that configures it: a Dockerfile's `ENV` and
 * `ARG` values stay in the image, an MCP config is read by agents and teammates.
 */
export function noteExits<F extends { start: number; note?: string }>(findings: F[], text: string, path: string, lang: string): F[] {
  if (findings.length === 0) return findings;
  if (lang === 'dockerfile') noteImageLayers(findings, text);
  const mcp = mcpNote(path);
  if (mcp) for (const f of findings) if (!f.note?.includes(mcp)) f.note = f.note ? `${f.note} ${mcp}` : mcp;
  return findings;
}
