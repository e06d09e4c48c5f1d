import type { Severity } from '../types';

/** The three git-hygiene checks, by diagnostic code: each documented in `docs/git-hygiene.md`. */
import type { HygieneProblem } from '../../shared/hygiene';

export type { HygieneProblem };

export const HYGIENE_CODES: Record<HygieneProblem, string> = {
  tracked: 'secret-file-tracked',
  'not-ignored': 'secret-file-not-ignored',
  'unignore-rule': 'secret-file-unignored',
};

export const HYGIENE_SEVERITY: Record<HygieneProblem, Severity> = {
  tracked: 'error',
  'not-ignored': 'warning',
  'unignore-rule': 'warning',
};

export const HYGIENE_DOCS_URL = 'https://github.com/secret-safe/secret-safe/blob/main/docs/git-hygiene.md';

/** What a hygiene finding says, shared by the editor and the CLI. */
export interface HygieneMessageInput {
  problem: HygieneProblem;
  /** The secret file's path from the repository root. */
  relativePath: string;
  /** What the file is ("an environment file"). */
  description: string;
  /** The `.gitignore` line that would ignore it. */
  pattern: string;
  /** For `tracked`: whether `.gitignore` already ignores it (ignoring does not untrack). */
  ignored?: boolean;
}

export function hygieneMessage(f: HygieneMessageInput): string {
  switch (f.problem) {
    case 'tracked':
      return (
        `${f.relativePath} (${f.description}) is committed to git: remove it from the index (git rm --cached) ` +
        `and rotate the keys in it; the history keeps them.${f.ignored ? ' Ignoring it in .gitignore does not untrack it.' : ''}`
      );
    case 'not-ignored':
      return `${f.relativePath} (${f.description}) is not git-ignored: the next "git add ." commits it. Add ${f.pattern} to .gitignore.`;
    case 'unignore-rule':
      return `This line makes git include ${f.relativePath} (${f.description}): secret files must stay ignored.`;
  }
}
