/**
 * The language client's verbose trace prints every message, and document sync messages carry the
 * whole text of the file, secrets included. This replaces the content of `text` and `newText`
 * fields (JSON-escaped strings in the trace) with their length, so turning tracing on never puts a
 * secret into the output panel. Kept free of `vscode` so it can be tested on its own.
 */
export function redactTrace(line: string): string {
  return line.replace(/("(?:text|newText)"\s*:\s*)"((?:[^"\\]|\\.)*)"/g, (_m, key: string, body: string) => `${key}"<${body.length} characters redacted>"`);
}
