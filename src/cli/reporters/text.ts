import type { Reporter } from './reporter';

/** `file:line:col  rule  masked-value`, one line per finding, 1-based like compilers print. */
export const textReporter: Reporter = {
  format(findings) {
    return findings
      .map(({ file, finding: f }) => `${file}:${f.line + 1}:${f.column + 1}  ${f.ruleId}  ${f.masked}\n`)
      .join('');
  },
};
