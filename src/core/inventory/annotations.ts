/**
 * What a team records about a key beside its name in the committed template, never its value:
 * comment lines directly above a variable in `.env.example`,
 *
 *     # @owner payments-team @purpose Stripe charges from the API
 *     # @rotate 30d @rotated 2026-11-01 @expires 2027-06-30
 *     STRIPE_SECRET_KEY=
 *
 * A blank line ends a block: a comment with a blank line under it belongs to no variable.
 */

export interface KeyAnnotations {
  owner?: string;
  purpose?: string;
  /** How often the key is to be rotated, in days (`@rotate 30d`, `12w`, `3m`, `1y`). */
  rotateEveryDays?: number;
  /** When it was last rotated, and when it expires: ISO dates. */
  rotated?: string;
  expires?: string;
}

/** One `@tag value` as written, with its offsets in the text (the tag's `@` to the value's end). */
export interface Annotation {
  /** The variable the comment block stands above. */
  variable: string;
  tag: string;
  value: string;
  start: number;
  end: number;
  /** Offsets of the value alone (empty at the tag's end when there is none). */
  valueStart: number;
  valueEnd: number;
}

export interface AnnotationProblem {
  variable: string;
  start: number;
  end: number;
  message: string;
}

export const ANNOTATION_TAGS = ['owner', 'purpose', 'rotate', 'rotated', 'expires'] as const;

export const ANNOTATION_HELP: Record<(typeof ANNOTATION_TAGS)[number], string> = {
  owner: 'who answers for this key: a team or a person (`@owner payments-team`)',
  purpose: 'what the key is for (`@purpose Stripe charges from the API`)',
  rotate: 'how often it is rotated: days, weeks, months or years (`@rotate 30d`, `@rotate 3m`)',
  rotated: 'when it was last rotated, as YYYY-MM-DD (`@rotated 2026-11-01`)',
  expires: 'when it stops working, as YYYY-MM-DD (`@expires 2027-06-30`)',
};

/** A tag: `@word` at a line's comment start or after a space (so `alice@example.com` is not one). */
const TAG = /(^|[\s#])@([A-Za-z][\w-]*)/g;
const VARIABLE = /^\s*(?:export\s+)?([\w.-]+)\s*[=:]/;
const PERIOD = /^(\d{1,4})\s*([dwmy])$/i;
const DAYS_PER = { d: 1, w: 7, m: 30, y: 365 } as const;

/** Every annotation in an env file's text, by the variable its comment block stands above. */
export function readAnnotations(text: string): Annotation[] {
  const annotations: Annotation[] = [];
  let block: Array<{ start: number; line: string }> = [];
  let offset = 0;
  for (const raw of text.split('\n')) {
    const start = offset;
    offset += raw.length + 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (/^\s*#/.test(line)) {
      block.push({ start, line });
      continue;
    }
    const variable = VARIABLE.exec(line)?.[1];
    if (variable) {
      for (const comment of block) annotations.push(...tagsIn(comment.line, comment.start, variable));
    }
    block = [];
  }
  return annotations;
}

function tagsIn(line: string, lineStart: number, variable: string): Annotation[] {
  const found: Array<{ tag: string; at: number; after: number }> = [];
  TAG.lastIndex = 0;
  for (let m = TAG.exec(line); m; m = TAG.exec(line)) {
    const at = m.index + m[1].length;
    found.push({ tag: m[2], at, after: at + 1 + m[2].length });
  }
  return found.map(({ tag, at, after }, i) => {
    const end = i + 1 < found.length ? found[i + 1].at : line.length;
    const rawValue = line.slice(after, end);
    const value = rawValue.trim();
    const valueStart = after + (value === '' ? 0 : rawValue.indexOf(value));
    return {
      variable,
      tag,
      value,
      start: lineStart + at,
      end: lineStart + valueStart + value.length,
      valueStart: lineStart + valueStart,
      valueEnd: lineStart + valueStart + value.length,
    };
  });
}

/** A period in days (`30d`, `12w`, `3m`, `1y`), or undefined when it is not one. */
export function periodDays(value: string): number | undefined {
  const m = PERIOD.exec(value.trim());
  if (!m) return undefined;
  const days = Number(m[1]) * DAYS_PER[m[2].toLowerCase() as keyof typeof DAYS_PER];
  return days > 0 ? days : undefined;
}

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value;
}

/**
 * The annotations of each variable, and what is wrong with any: an unknown tag, a tag given
 * twice, a missing value, a period or date that does not read. A malformed one is left out.
 */
export function keyAnnotations(annotations: readonly Annotation[]): { byKey: Map<string, KeyAnnotations>; problems: AnnotationProblem[] } {
  const byKey = new Map<string, KeyAnnotations>();
  const problems: AnnotationProblem[] = [];
  const seen = new Set<string>();
  for (const a of annotations) {
    const problem = (message: string) => problems.push({ variable: a.variable, start: a.start, end: Math.max(a.end, a.start + 1 + a.tag.length), message });
    const tag = a.tag.toLowerCase();
    if (!(ANNOTATION_TAGS as readonly string[]).includes(tag)) {
      problem(`Unknown annotation @${a.tag}: the known ones are ${ANNOTATION_TAGS.map(t => `@${t}`).join(', ')}.`);
      continue;
    }
    if (a.value === '') {
      problem(`@${tag} needs a value: ${ANNOTATION_HELP[tag as keyof typeof ANNOTATION_HELP]}.`);
      continue;
    }
    if (seen.has(`${a.variable}\0${tag}`)) {
      problem(`@${tag} is given twice for ${a.variable}: the first one counts.`);
      continue;
    }
    const key = byKey.get(a.variable) ?? {};
    if (tag === 'owner') key.owner = a.value;
    else if (tag === 'purpose') key.purpose = a.value;
    else if (tag === 'rotate') {
      const days = periodDays(a.value);
      if (days === undefined) {
        problem(`@rotate ${a.value} is not a period: write a number and d, w, m or y (30d, 12w, 3m, 1y).`);
        continue;
      }
      key.rotateEveryDays = days;
    } else if (!isIsoDate(a.value)) {
      problem(`@${tag} ${a.value} is not a date: write it as YYYY-MM-DD.`);
      continue;
    } else if (tag === 'rotated') key.rotated = a.value;
    else key.expires = a.value;
    seen.add(`${a.variable}\0${tag}`);
    byKey.set(a.variable, key);
  }
  return { byKey, problems };
}

/** An edit of a text: replace `[start, end)` by `newText`. */
export interface AnnotationEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * Records that `variable` was rotated on `date`: its `@rotated` above it gets the date, or the
 * block's last comment line gets ` @rotated <date>`, or a `# @rotated <date>` line goes right
 * above the variable. Everything else stays byte for byte (line ends included). Undefined when
 * the text does not set the variable.
 */
export function recordRotationEdit(text: string, variable: string, date: string): AnnotationEdit | undefined {
  const existing = readAnnotations(text).find(a => a.variable === variable && a.tag.toLowerCase() === 'rotated');
  if (existing) {
    return existing.valueStart === existing.valueEnd
      ? { start: existing.valueEnd, end: existing.valueEnd, newText: ` ${date}` }
      : { start: existing.valueStart, end: existing.valueEnd, newText: date };
  }
  let offset = 0;
  let lastComment: { end: number } | undefined;
  for (const raw of text.split('\n')) {
    const start = offset;
    offset += raw.length + 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (/^\s*#/.test(line)) {
      lastComment = { end: start + line.length };
      continue;
    }
    if (VARIABLE.exec(line)?.[1] === variable) {
      // A block of comments that already annotates the key takes the tag on its last line.
      if (lastComment && /(?:^|[\s#])@[A-Za-z]/.test(text.slice(text.lastIndexOf('\n', lastComment.end - 1) + 1, lastComment.end))) {
        return { start: lastComment.end, end: lastComment.end, newText: ` @rotated ${date}` };
      }
      const eol = text.includes('\r\n') ? '\r\n' : '\n';
      const indent = /^\s*/.exec(line)![0];
      return { start, end: start, newText: `${indent}# @rotated ${date}${eol}` };
    }
    lastComment = undefined;
  }
  return undefined;
}
