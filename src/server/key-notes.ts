// What a team writes about its keys in .env.example (@owner, @purpose, @rotate, @rotated,
// @expires), in the editor: problems with them, rotations due, vague names, completion, hover,
// and "Record rotation today".
import { type CompletionItem, CompletionItemKind, type Hover, MarkupKind, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isoDate } from '../core';
import { DOTENV_CODES, type DotenvProblem, readDotenv } from '../core/dotenv';
import { ANNOTATION_HELP, ANNOTATION_TAGS, buildInventory, isVagueName, keyAnnotations, readAnnotations } from '../core/inventory';

/** Today, as the annotations write dates (UTC, as the CLI's inventory counts). */
export const today = (): string => isoDate(Date.now());

/**
 * Problems of the keys in an env file: names that say nothing of their purpose; and in a template,
 * malformed annotations, rotations due or overdue and expired keys, the period defaulting by the
 * environments whose files beside it define the key (`siblings`).
 */
export function keyNoteProblems(
  fileName: string,
  text: string,
  template: boolean,
  siblings: ReadonlyArray<{ fileName: string; text: string }>,
  rotateDays?: Record<string, number>,
): DotenvProblem[] {
  const doc = readDotenv(text);
  const problems: DotenvProblem[] = [];
  const seen = new Set<string>();
  for (const e of doc.entries) {
    if (seen.has(e.name) || !isVagueName(e.name)) continue;
    seen.add(e.name);
    problems.push({
      code: DOTENV_CODES.vagueName,
      severity: 'info',
      start: e.nameStart,
      end: e.nameEnd,
      name: e.name,
      message: `${e.name} says nothing of what the key is for: name it for its provider and purpose (STRIPE_SECRET_KEY, ANALYTICS_WRITE_KEY), so an audit can tell who owns it and what breaks when it is rotated.`,
    });
  }
  if (!template) return problems;
  for (const p of keyAnnotations(readAnnotations(text)).problems) {
    problems.push({ code: DOTENV_CODES.annotation, severity: 'warning', start: p.start, end: p.end, name: p.variable, message: p.message });
  }
  const inventory = buildInventory({
    envFiles: [{ file: fileName, text }, ...siblings.map(s => ({ file: s.fileName, text: s.text }))],
    code: [],
    today: today(),
    ...(rotateDays ? { rotateDays } : {}),
  });
  const entries = new Map(doc.entries.map(e => [e.name, e]));
  for (const key of inventory.keys) {
    const e = entries.get(key.name);
    if (!e) continue;
    const at = { start: e.nameStart, end: e.nameEnd, name: key.name };
    if (key.problems.includes('rotation-overdue')) {
      problems.push({
        ...at,
        code: DOTENV_CODES.rotationOverdue,
        severity: 'warning',
        message: `${key.name} was due for rotation on ${key.rotationDue} (rotated ${key.rotated}, every ${key.rotateEveryDays} days). Rotate it, then record the date.`,
      });
    } else if (key.problems.includes('rotation-due')) {
      const byExpiry = key.expires !== undefined && (key.rotationDue === undefined || key.expires < key.rotationDue);
      problems.push({
        ...at,
        code: DOTENV_CODES.rotationDue,
        severity: 'info',
        message: byExpiry
          ? `${key.name} expires on ${key.expires}: rotate it before then.`
          : `${key.name} is due for rotation on ${key.rotationDue} (rotated ${key.rotated}, every ${key.rotateEveryDays} days).`,
      });
    }
    if (key.problems.includes('expired')) {
      problems.push({
        ...at,
        code: DOTENV_CODES.expired,
        severity: 'warning',
        message: `${key.name} expired on ${key.expires}: whatever uses it fails from then on. Issue a new key, then set @expires to its date.`,
      });
    }
  }
  return problems;
}

/** The `@tag` (or the start of one) the cursor is in, on a comment line: its text and where it starts. */
function tagAt(document: TextDocument, position: Position): { line: string; before: string } | undefined {
  const line = document.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } }).replace(/\r?\n$/, '');
  if (!/^\s*#/.test(line)) return undefined;
  return { line, before: line.slice(0, position.character) };
}

/** Completion of annotations in a template's comments: the tags after `@`, today's date after `@rotated`. */
export function annotationCompletion(document: TextDocument, position: Position): CompletionItem[] {
  const at = tagAt(document, position);
  if (!at) return [];
  const typing = /(?:^|[\s#])@([A-Za-z]*)$/.exec(at.before);
  if (typing) {
    return ANNOTATION_TAGS.map(tag => ({
      label: `@${tag}`,
      kind: CompletionItemKind.Keyword,
      detail: ANNOTATION_HELP[tag],
      filterText: tag,
      insertText: tag,
    }));
  }
  const value = /(?:^|[\s#])@(rotated|expires|rotate)\s+(\S*)$/.exec(at.before);
  if (!value) return [];
  if (value[1] === 'rotate') {
    return ['30d', '90d', '1y'].map((period, i) => ({
      label: period,
      kind: CompletionItemKind.Value,
      sortText: String(i),
      detail: ['monthly (production)', 'quarterly', 'yearly'][i],
    }));
  }
  return [{ label: today(), kind: CompletionItemKind.Value, detail: 'today' }];
}

/** Hover on an annotation tag: what it records and how to write it. */
export function annotationHover(document: TextDocument, position: Position): Hover | null {
  const at = tagAt(document, position);
  if (!at) return null;
  const tag = /(?:^|[\s#])@([A-Za-z]+)/g;
  for (let m = tag.exec(at.line); m; m = tag.exec(at.line)) {
    const start = m.index + m[0].length - m[1].length - 1;
    const end = start + 1 + m[1].length;
    if (position.character < start || position.character > end) continue;
    const name = m[1].toLowerCase() as (typeof ANNOTATION_TAGS)[number];
    if (!ANNOTATION_TAGS.includes(name)) return null;
    return {
      contents: { kind: MarkupKind.Markdown, value: `**@${name}**: ${ANNOTATION_HELP[name]}.\n\nRead by the Keys view and \`secret-safe inventory\`.` },
      range: { start: { line: position.line, character: start }, end: { line: position.line, character: end } },
    };
  }
  return null;
}

/** Whether a diagnostic code is one "Record rotation today" answers. */
export function answersRotation(code: unknown): boolean {
  return code === DOTENV_CODES.rotationDue || code === DOTENV_CODES.rotationOverdue;
}

/** `readDotenv(text)`'s variable at `offset` (its name), if any. */
export function variableAt(text: string, offset: number): string | undefined {
  return readDotenv(text).entries.find(e => e.nameStart <= offset && offset <= e.nameEnd)?.name;
}
