import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { findingMessage, ruleDocsUrl, type ConfigProblem, type Finding, type Severity } from '../core';
import { DIAGNOSTIC_SOURCE } from '../shared/protocol';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** What a diagnostic carries for code actions: never the secret, only where it is. */
export interface DiagnosticData {
  ruleId: string;
  envVar: string;
  confidence: Finding['confidence'];
}

/**
 * A finding as the editor shows it: on the secret itself, with the rule's docs one click away.
 * `browser` says why the file reaches the browser, when it does: the message then says so.
 */
export function toDiagnostic(document: TextDocument | undefined, f: Finding, browser?: string): Diagnostic {
  const data: DiagnosticData = { ruleId: f.ruleId, envVar: f.envVar, confidence: f.confidence };
  return {
    // Without the document (a file scanned from disk), the scanner's own positions, counted alike.
    range: document
      ? { start: document.positionAt(f.start), end: document.positionAt(f.end) }
      : { start: { line: f.line, character: f.column }, end: { line: f.endLine, character: f.endColumn } },
    severity: SEVERITY[f.severity],
    source: DIAGNOSTIC_SOURCE,
    code: f.ruleId,
    codeDescription: { href: ruleDocsUrl(f.ruleId) },
    message:
      browser && f.severity !== 'info'
        ? `${findingMessage(f)} This code is sent to the browser (${browser}): every visitor can read the key. Keep it on the server.`
        : findingMessage(f),
    data,
  };
}

/** A problem in `.secret-safe.json`, on its line: the built-in rules keep working meanwhile. */
export function configDiagnostic(problem: ConfigProblem): Diagnostic {
  return {
    // The whole line: editors clamp the end to the line's length.
    range: { start: { line: problem.line, character: 0 }, end: { line: problem.line + 1, character: 0 } },
    severity: DiagnosticSeverity.Error,
    source: DIAGNOSTIC_SOURCE,
    code: 'config',
    message: `Secret Safe config: ${problem.message}`,
  };
}
