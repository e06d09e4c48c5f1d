/**
 * Inline suppression comments. Ours:
 *
 *     const key = '…'; // secret-safe-ignore [rule-id] [until YYYY-MM-DD] [-- reason]
 *     // secret-safe-ignore-next-line [rule-id] [until YYYY-MM-DD] [-- reason]
 *
 * A `secret-safe-ignore` alone on the line above also covers the next line. The peers' comments
 * count too, so a team need not annotate twice: `gitleaks:allow`, `trufflehog:ignore`,
 * `pragma: allowlist secret`, `secretlint-disable-line` on the line; `pragma: allowlist nextline
 * secret`, `secretlint-disable-next-line` on the line above.
 */

/** The outcome for one finding. */
export type SuppressionVerdict = { suppressed: true } | { suppressed: false; expired?: string };

const OURS = /secret-safe-ignore(-next-line)?(?:[ \t]+(?!until\b)([a-z0-9]+(?:-[a-z0-9]+)*))?(?:[ \t]+until[ \t]+(\d{4}-\d{2}-\d{2}))?(?:[ \t]+--[^\n]*)?/g;
const PEERS_SAME_LINE = /gitleaks:allow|trufflehog:ignore|pragma:[ \t]*allowlist[ \t]+secret|secretlint-disable-line/;
const PEERS_NEXT_LINE = /pragma:[ \t]*allowlist[ \t]+nextline[ \t]+secret|secretlint-disable-next-line/;
/** A line that holds nothing but a comment (for a bare `secret-safe-ignore` on the line above). */
const COMMENT_ONLY = /^[ \t]*(?:\/\/|#|--|;|\/\*|\*|<!--|%|'|REM\b)/;

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

export function checkSuppression(ruleId: string, line: string, previousLine: string | undefined, today: string): SuppressionVerdict {
  let expired: string | undefined;
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
