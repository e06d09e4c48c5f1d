import type { Reporter } from './reporter';

import type { HygieneProblem } from '../../core/hygiene/checks';

const HYGIENE_SHORT: Record<HygieneProblem, string> = {
  tracked: 'committed to git: untrack it and rotate its keys',
  'not-ignored': 'not git-ignored',
  'unignore-rule': 'this line makes git include a secret file',
};

/**
 * `file:line:col  rule  masked-value`, one line per finding, 1-based like compilers print; then
 * the secret files git would commit, `file:line:col  check  what is wrong`.
 */
export const textReporter: Reporter = {
  format(findings, _summary, hygiene) {
    return [
      ...findings.map(({ file, finding: f }) => `${file}:${f.line + 1}:${f.column + 1}  ${f.ruleId}  ${f.masked}\n`),
      ...hygiene.map(h => `${h.file}:${h.line + 1}:1  ${h.code}  ${HYGIENE_SHORT[h.problem]}\n`),
    ].join('');
  },
};
