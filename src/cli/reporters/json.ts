import { findingMessage } from '../../core';
import type { Reporter } from './reporter';

/** A JSON array of findings with 1-based positions; the value appears masked only. */
export const jsonReporter: Reporter = {
  format(findings) {
    const rows = findings.map(({ file, finding: f }) => ({
      file,
      line: f.line + 1,
      column: f.column + 1,
      endLine: f.endLine + 1,
      endColumn: f.endColumn + 1,
      ruleId: f.ruleId,
      severity: f.severity,
      confidence: f.confidence,
      message: findingMessage(f),
      masked: f.masked,
    }));
    return `${JSON.stringify(rows, null, 2)}\n`;
  },
};
