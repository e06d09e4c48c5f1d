/**
 * Inline suppression comments. Ours:
 *
 *     const key = '…'; // secret-safe-ignore [rule-id] [until YYYY-MM-DD] [-- reason]
 *     // secret-safe-ignore-next-line [rule-id] [until YYYY-MM-DD] [-- reason]
 *     // secret-safe-ignore-file [rule-id] [until YYYY-MM-DD] [-- reason]
 *
 * The `-file` form, anywhere in the file, covers the whole file. A `secret-safe-ignore` alone on the line above also covers the next line. The peers' comments
 * count too, so a team need not annotate twice: `gitleaks:allow`, `trufflehog:ignore`,
 * `pragma: allowlist secret`, `secretlint-disable-line` on the line; `pragma: allowlist nextline
 * secret`, `secretlint-disable-next-line` on the line above.
 */

/** The outcome for one finding. */
export type SuppressionVerdict = { suppressed: true } | { suppressed: false; expired?: string };

const OURS =
  /secret-safe-ignore(-next-line)?(?![-\w])(?:[ \t]+(?!until\b)([a-z0-9]+(?:-[a-z0-9]+)*))?(?:[ \t]+until[ \t]+(\d{4}-\d{2}-\d{2}))?(?:[ \t]+--[^\n]*)?/g;
const PEERS_SAME_LINE = /gitleaks:allow|trufflehog:ignore|pragma:[ \t]*allowlist[ \t]+secret|secretlint-disable-line/;
const PEERS_NEXT_LINE = /pragma:[ \t]*allowlist[ \t]+nextline[ \t]+secret|secretlint-disable-next-line/;
/** A line that holds nothing but a comment (for a bare `secret-safe-ignore` on the line above). */
const COMMENT_ONLY = /^[ \t]*(?:\/\/|#|--|;|\/\*|\*|<!--|%|'|REM\b)/;

const FILE_WIDE = /secret-safe-ignore-file(?![-\w])(?:[ \t]+(?!until\b)([a-z0-9]+(?:-[a-z0-9]+)*))?(?:[ \t]+until[ \t]+(\d{4}-\d{2}-\d{2}))?/g;

/** One `secret-safe-ignore-file` comment: the rule it names (none: every rule) and its end date. */
export interface FileWideIgnore {
  ruleId?: string;
  until?: string;
}

/** The file-wide ignore comments of a text (call only when `mentionsSuppression` says it has some). */
export function fileWideIgnores(text: string): FileWideIgnore[] {
  if (!text.includes('secret-safe-ignore-file')) return [];
  return [...text.matchAll(FILE_WIDE)].map(([, ruleId, until]) => ({ ...(ruleId ? { ruleId } : {}), ...(until ? { until } : {}) }));
}

/** A word every form contains: lines without one cost an `includes` each. */
const HINTS = ['secret-safe-ignore', 'gitleaks:allow', 'trufflehog:ignore', 'allowlist', 'secretlint-disable'];

/**
 * Whether a finding of `ruleId` on `line` is suppressed by a comment on it or on `previousLine`.
 * `today` is `YYYY-MM-DD`; a suppression whose `until` date is before it no longer applies.
 */
/**
 * Whether a text holds any suppression comment at all: most do not, and then no finding's line
 * needs a look (on a long minified line, that look read 4,000 characters per finding).
 */
export function mentionsSuppression(text: string): boolean {
  return HINTS.some(h => text.includes(h));
}

export function checkSuppression(
  ruleId: string,
  line: string,
  previousLine: string | undefined,
  today: string,
  fileWide: readonly FileWideIgnore[] = [],
): SuppressionVerdict {
  let expired: string | undefined;
  for (const f of fileWide) {
    if (f.ruleId !== undefined && f.ruleId !== ruleId) continue;
    if (f.until === undefined || f.until >= today) return { suppressed: true };
    expired = f.until;
  }
  const consider = (text: string, nextLineForm: boolean): boolean => {
    if (!HINTS.some(h => text.includes(h))) {
      return false;
    }
    if ((nextLineForm ? PEERS_NEXT_LINE : PEERS_SAME_LINE).test(text)) {
      return true;
    }
    for (const m of text.matchAll(OURS)) {
      const [, nextLine, rule, until] = m;
      const applies = nextLineForm ? Boolean(nextLine) || COMMENT_ONLY.test(text) : !nextLine;
      if (!applies || (rule !== undefined && rule !== ruleId)) {
        continue;
      }
      if (until !== undefined && until < today) {
        expired = until;
        continue;
      }
      return true;
    }
    return false;
  };
  if (consider(line, false) || (previousLine !== undefined && consider(previousLine, true))) {
    return { suppressed: true };
  }
  return expired ? { suppressed: false, expired } : { suppressed: false };
}

/** `YYYY-MM-DD` of a time, in UTC. */
export function isoDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** Where an ignore comment applies: the next line, or the whole file. */
export type IgnoreScope = 'next-line' | 'file';

/**
 * The text of an ignore comment, without the comment markers: `secret-safe-ignore-next-line
 * rule-id until 2027-03-01 -- reason`. The reason is kept to one line, without anything that would
 * end the comment early (a block comment's close, a line break).
 */
export function ignoreCommentText(scope: IgnoreScope, ruleId: string, options: { until?: string; reason?: string } = {}): string {
  const reason = (options.reason ?? '')
    .replace(/\*\/|-->|[\r\n\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const until = options.until && /^\d{4}-\d{2}-\d{2}$/.test(options.until) ? ` until ${options.until}` : '';
  return `secret-safe-ignore-${scope} ${ruleId}${until}${reason ? ` -- ${reason}` : ''}`;
}
