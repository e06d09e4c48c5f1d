import { eolOf, type TextEdit } from '../text-edit';

/** The folder part of a root-relative path (`''` at the root). */
export function dirOf(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i < 0 ? '' : rel.slice(0, i);
}

/** `to` relative to the folder `fromDir`, both root-relative: `relativeTo('src', '.env')` is `../.env`. */
export function relativeTo(fromDir: string, to: string): string {
  const from = fromDir ? fromDir.split('/') : [];
  const target = to.split('/');
  let common = 0;
  while (common < from.length && common < target.length - 1 && from[common] === target[common]) common++;
  const up = from.slice(common).map(() => '..');
  return [...up, ...target.slice(common)].join('/');
}

/** Offset of the start of the line after the one holding `offset` (the text's end when last). */
export function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/**
 * Inserts whole lines at a line start `at` (a text that ends without a newline gets one first), in
 * the text's own line endings.
 */
export function insertLinesAt(text: string, at: number, lines: readonly string[]): TextEdit {
  const eol = eolOf(text);
  const body = lines.join(eol) + eol;
  if (at === text.length && text.length > 0 && !text.endsWith('\n')) {
    return { start: at, end: at, newText: eol + body.slice(0, -eol.length) };
  }
  return { start: at, end: at, newText: body };
}

/** The end of the leading lines matching `line` (a shebang, comments, `'use strict'`): where code may go. */
export function afterLeading(text: string, line: RegExp): number {
  let at = 0;
  while (at < text.length) {
    const end = nextLineStart(text, at);
    const content = text.slice(at, end).replace(/\r?\n$/, '');
    if (!line.test(content)) break;
    at = end;
  }
  return at;
}

/** The end of the last line matching `line` in the text, or undefined. */
export function afterLast(text: string, line: RegExp): number | undefined {
  let at: number | undefined;
  for (const m of text.matchAll(new RegExp(line.source, `${line.flags.replace(/[gm]/g, '')}gm`))) {
    at = nextLineStart(text, m.index + m[0].length);
  }
  return at;
}
