import { findingMessage, rotationOf } from '../../core';
import type { Reporter } from './reporter';

/**
 * A JSON array of findings with 1-based positions; the value appears masked only, with the
 * fingerprint baselines and SARIF use. Git-hygiene findings follow, with `"kind": "git-hygiene"`
 * and no value (they are about the file, not a string in it); then secret files another exit
 * would carry (`"kind": "exit"`, `"exit": "docker-context"`, on the Dockerfile's COPY). Then each file or folder not
 * scanned (`"kind": "skipped"`, with `reason` `too-large` or `unreadable`), binary files aside.
 */
export const jsonReporter: Reporter = {
  format({ findings, hygiene, exits, summary }) {
    const rows: object[] = findings.map(({ file, finding: f, fingerprint, history }) => ({
      kind: 'secret',
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
      fingerprint,
      // From the history scan: the commit that first brought it (author's name only), and whether HEAD still holds it.
      ...(history ? { commit: history.commit, author: history.author, date: history.date, inHead: history.inHead, rotate: rotationOf(f).page ?? null } : {}),
    }));
    for (const h of hygiene) {
      rows.push({ kind: 'git-hygiene', file: h.file, line: h.line + 1, column: 1, ruleId: h.code, severity: h.severity, message: h.message });
    }
    for (const e of exits) {
      rows.push({
        kind: 'exit',
        exit: e.exit,
        file: e.file,
        line: e.line + 1,
        column: e.column + 1,
        endColumn: e.endColumn + 1,
        ruleId: e.code,
        severity: e.severity,
        message: e.message,
        secretFile: e.secretFile,
      });
    }
    // What was not scanned (binary files aside): the reader must not take its absence for clean.
    for (const s of summary.skipped) {
      rows.push({ kind: 'skipped', file: s.file, reason: s.reason, ...(s.detail ? { detail: s.detail } : {}) });
    }
    return `${JSON.stringify(rows, null, 2)}\n`;
  },
};
