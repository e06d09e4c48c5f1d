import type { HygieneProblem } from '../../core/hygiene/checks';
import type { Severity } from '../../core';
import type { Reporter } from './reporter';

const HYGIENE_SHORT: Record<HygieneProblem, string> = {
  tracked: 'committed to git: untrack it and rotate its keys',
  'not-ignored': 'not git-ignored',
  'unignore-rule': 'this line makes git include a secret file',
};

const SGR = { bold: '1', dim: '2', red: '31', yellow: '33', cyan: '36' } as const;
const SEVERITY_COLOR: Record<Severity, keyof typeof SGR> = { error: 'red', warning: 'yellow', info: 'cyan' };

/**
 * `file:line:col  rule  masked-value`, one line per finding, 1-based like compilers print; then
 * the secret files git would commit, `file:line:col  check  what is wrong`. In a terminal the
 * place is bold and the rule coloured by severity.
 */
export const textReporter: Reporter = {
  format({ findings, hygiene }, { color }) {
    const paint = (style: keyof typeof SGR, s: string): string => (color ? `\x1b[${SGR[style]}m${s}\x1b[0m` : s);
    return [
      ...findings.map(({ file, finding: f }) => `${paint('bold', `${file}:${f.line + 1}:${f.column + 1}`)}  ${paint(SEVERITY_COLOR[f.severity], f.ruleId)}  ${f.masked}\n`),
      ...hygiene.map(h => `${paint('bold', `${h.file}:${h.line + 1}:1`)}  ${paint(SEVERITY_COLOR[h.severity], h.code)}  ${HYGIENE_SHORT[h.problem]}\n`),
    ].join('');
  },
};
