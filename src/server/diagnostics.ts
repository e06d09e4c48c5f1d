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
  /** The masked value, as the message shows it: for "Copy Masked Value". */
  masked: string;
}

/**
 * A finding as the editor shows it: on the secret itself, with the rule's docs one click away.
 * `browser` says why the file reaches the browser, when it does: the message then says so.
 */
export function toDiagnostic(document: TextDocument | undefined, f: Finding, browser?: string): Diagnostic {
  const data: DiagnosticData = { ruleId: f.ruleId, envVar: f.envVar, confidence: f.confidence, masked: f.masked };
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

/**
 * Findings shown per file. A file holding more is a dump of keys, not code to fix key by key:
 * a hundred thousand diagnostics would take the editor seconds to take in on every change and
 * fill the Problems panel, while the first thousand say all there is to say.
 */
export const MAX_FINDINGS_SHOWN = 1000;

/**
 * Diagnostics for a file's findings, at most `MAX_FINDINGS_SHOWN` of them; past that, one
 * information diagnostic, where the first finding not shown is, says how many more there are.
 */
export function findingDiagnostics(findings: readonly Finding[], toDiagnostic: (f: Finding) => Diagnostic): Diagnostic[] {
  const shown = findings.slice(0, MAX_FINDINGS_SHOWN).map(toDiagnostic);
  const more = findings.length - shown.length;
  if (more > 0) {
    const first = findings[MAX_FINDINGS_SHOWN];
    shown.push({
      range: { start: { line: first.line, character: first.column }, end: { line: first.line, character: first.column } },
      severity: DiagnosticSeverity.Information,
      source: DIAGNOSTIC_SOURCE,
      code: 'more-findings',
      message: `Secret Safe found ${more.toLocaleString('en-US')} more secrets in this file, from here on, not shown: only the first ${MAX_FINDINGS_SHOWN.toLocaleString('en-US')} of a file are. A file this full of keys is best removed from the repository; \`secret-safe scan\` lists them all.`,
    });
  }
  return shown;
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
