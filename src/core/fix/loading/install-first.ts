import { modify } from 'jsonc-parser';
import type { TextEdit } from '../text-edit';
import type { EnvLoading, LoaderChange, LoadingInput } from './types';

/**
 * The way to wire `.env` once a loader is installed: the manifest gains the dependency, and the
 * code gets what the planner adds when the dependency is there already. A quick fix for the user to
 * take, then install; the fix itself never runs a package manager.
 */
export function installFirst(
  input: LoadingInput,
  manifest: { rel: string; edit: TextEdit },
  title: string,
  plan: (input: LoadingInput) => EnvLoading | undefined,
): Array<{ title: string; changes: LoaderChange[] }> {
  const files = new Map(input.project.files);
  const before = files.get(manifest.rel) ?? '';
  const after = before.slice(0, manifest.edit.start) + manifest.edit.newText + before.slice(manifest.edit.end);
  files.set(manifest.rel, after);
  const wired = plan({ ...input, project: { ...input.project, files } });
  if (wired?.kind !== 'wired') return [];
  const code = wired.changes.filter(c => c.rel !== manifest.rel);
  const create = !input.project.files.has(manifest.rel);
  return [{ title, changes: [{ rel: manifest.rel, edits: [manifest.edit], ...(create ? { create } : {}) }, ...code] }];
}

/** The edit that adds `name: version` under `section` of a JSON manifest (package.json, composer.json). */
export function addJsonDependency(text: string, section: string, name: string, version: string): TextEdit | undefined {
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  const [edit, ...more] = modify(text, [section, name], version, {
    formattingOptions: { insertSpaces: !indent.includes('\t'), tabSize: indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' },
  });
  if (!edit || more.length > 0) return undefined;
  return { start: edit.offset, end: edit.offset + edit.length, newText: edit.content };
}
