import { findNodeAtLocation, modify, parseTree } from 'jsonc-parser';
import type { TextEdit } from '../fix/text-edit';

/**
 * What a package.json says of what `npm publish` sends: whether it is published at all (not
 * `"private": true`), its `files` entries, and where to point at them. Pure: the walk of the
 * folder and the ignore files are the node layer's.
 */
export interface PackageFacts {
  private: boolean;
  /** The `files` entries when there is such an array (npm then packs only what they name). */
  files?: string[];
  /** Where the diagnostic goes: the `files` key, else the `name` key, else the start. */
  anchor: { start: number; end: number };
}

export function packageFacts(text: string): PackageFacts | undefined {
  const tree = parseTree(text.replace(/^\uFEFF/, ''));
  if (tree?.type !== 'object') return undefined;
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const files = findNodeAtLocation(tree, ['files']);
  const name = findNodeAtLocation(tree, ['name']);
  const key = (files ?? name)?.parent?.children?.[0];
  return {
    private: findNodeAtLocation(tree, ['private'])?.value === true,
    ...(files?.type === 'array' ? { files: (files.children ?? []).filter(c => c.type === 'string').map(c => c.value as string) } : {}),
    anchor: key ? { start: key.offset + bom, end: key.offset + key.length + bom } : { start: 0, end: 0 },
  };
}

/** The edit that appends `!path` to `files` (npm leaves a negated entry out), in the file's own indentation and line ends. */
export function excludeFromFilesEdit(text: string, relativePath: string): TextEdit | undefined {
  const body = text.replace(/^\uFEFF/, '');
  const bom = body.length === text.length ? 0 : 1;
  const indent = /\n([ \t]+)"/.exec(body)?.[1] ?? '  ';
  const [edit, ...more] = modify(body, ['files', -1], `!${relativePath}`, {
    formattingOptions: { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol: body.includes('\r\n') ? '\r\n' : '\n' },
  });
  if (!edit || more.length > 0) return undefined;
  return { start: edit.offset + bom, end: edit.offset + edit.length + bom, newText: edit.content };
}

/**
 * The `files` entries as two lists of ignore rules, what they name and what their `!` entries
 * leave out: each entry anchored at the package root, as npm reads them (`dist` is `/dist`, not
 * any `dist`), a folder bringing all below it. A path is packed when the first list matches it and
 * the second does not (kept apart: in one list, a matched folder could not give a file back).
 */
export function filesAsRules(files: readonly string[]): { named: string[]; leftOut: string[] } {
  const named: string[] = [];
  const leftOut: string[] = [];
  for (const raw of files) {
    const negated = raw.startsWith('!');
    const entry = (negated ? raw.slice(1) : raw)
      .replace(/^(?:\.\/)+/, '')
      .replace(/^\/+/, '')
      .replace(/\/+$/, '');
    if (!entry) continue;
    const anchored = entry.startsWith('**') ? entry : `/${entry}`;
    (negated ? leftOut : named).push(anchored, `${anchored}/**`);
  }
  return { named, leftOut };
}
