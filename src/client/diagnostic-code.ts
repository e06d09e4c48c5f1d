import type * as vscode from 'vscode';

/** A diagnostic's code as text (the rule id, or `config`, or a check's code), however the client gave it. */
export function ruleOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}
