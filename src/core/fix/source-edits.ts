import { terraformVariable } from './env-read';
import type { Lang } from '../language';
import { eolOf, type TextEdit } from './text-edit';

/** The other edits a file needs so the read compiles: an import, a `const` that can no longer be one. */
export type SourceEdits = { edits: TextEdit[] } | { disabled: string };

function lineBounds(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  return { start, end: nl < 0 ? text.length : nl };
}

/** Replaces the first match of `pattern` on the line holding `offset`, if any. */
function onLine(text: string, offset: number, pattern: RegExp, replacement: string): TextEdit | undefined {
  const { start } = lineBounds(text, offset);
  const m = pattern.exec(text.slice(start, offset));
  return m ? { start: start + m.index, end: start + m.index + m[0].length, newText: replacement } : undefined;
}

/** Inserts `line` after the last line matching `after` in the file's header, else at `fallback`. */
function insertLine(text: string, line: string, after: RegExp, fallback: number): TextEdit {
  const eol = eolOf(text);
  let at = -1;
  for (const m of text.matchAll(new RegExp(after.source, 'gm'))) {
    at = lineBounds(text, m.index).end;
  }
  if (at >= 0) {
    return { start: at, end: at, newText: `${eol}${line}` };
  }
  return { start: fallback, end: fallback, newText: `${line}${eol}${fallback > 0 ? '' : eol}` };
}

/** Where a Python module's code starts: after a shebang, encoding line and docstring. */
function pythonHeaderEnd(text: string): number {
  const m = /^(?:#![^\n]*\n)?(?:#[^\n]*coding[^\n]*\n)?(?:\s*(?:"""[\s\S]*?"""|'''[\s\S]*?''')[^\n]*\n)?/.exec(text);
  return m ? m[0].length : 0;
}

function pythonImport(text: string): TextEdit | undefined {
  if (/^\s*import\s+(?:[\w.]+\s*,\s*)*os\b/m.test(text)) {
    return undefined;
  }
  return insertLine(text, 'import os', /^(?:import [\w., ]+|from [\w.]+ import [^\n(]+|from [\w.]+ import \([^)]*\))$/, pythonHeaderEnd(text));
}

function goImport(text: string): TextEdit | undefined {
  if (/^\s*import\s+"os"\s*$|^\s*"os"\s*$/m.test(text)) {
    return undefined;
  }
  const eol = eolOf(text);
  const block = /^import[ \t]*\([ \t]*$/m.exec(text);
  if (block) {
    const open = block.index + block[0].length;
    return { start: open, end: open, newText: `${eol}\t"os"` };
  }
  const single = /^import[ \t]+(?:\w+[ \t]+)?"[^"]+"[ \t]*$/m.exec(text);
  if (single) {
    const end = single.index + single[0].length;
    return { start: end, end, newText: `${eol}import "os"` };
  }
  const pkg = /^package[ \t]+\w+[ \t]*$/m.exec(text);
  const at = pkg ? pkg.index + pkg[0].length : 0;
  return { start: at, end: at, newText: `${eol}${eol}import "os"` };
}

function topImport(text: string, present: RegExp, line: string, importLine: RegExp): TextEdit | undefined {
  return present.test(text) ? undefined : insertLine(text, line, importLine, 0);
}

function terraformVariableBlock(text: string, name: string): TextEdit | undefined {
  const variable = terraformVariable(name);
  if (new RegExp(`^\\s*variable\\s+"${variable}"`, 'm').test(text)) {
    return undefined;
  }
  const eol = eolOf(text);
  const block = [`variable "${variable}" {`, '  type      = string', '  sensitive = true', '}'].join(eol);
  const lead = text.length === 0 ? '' : text.endsWith('\n') ? eol : eol + eol;
  return { start: text.length, end: text.length, newText: `${lead}${block}${text.endsWith('\n') || text.length === 0 ? eol : ''}` };
}

/**
 * The edits besides the replaced literal that keep the file valid: Python's `import os`, Go's
 * `"os"` import and a `const` turned `var`, Kotlin's `const val`, C#'s and Dart's `const`,
 * Swift's and Dart's imports, Terraform's variable block, a Dockerfile's `ARG`. Where no edit can
 * make it valid (a Rust or PHP constant), the reason.
 */
export function sourceEdits(lang: Lang, text: string, at: number, name: string): SourceEdits {
  const edits: Array<TextEdit | undefined> = [];
  switch (lang) {
    case 'python':
      edits.push(pythonImport(text));
      break;
    case 'go': {
      const { start } = lineBounds(text, at);
      if (/^\s*const\b/.test(text.slice(start, at))) {
        edits.push(onLine(text, at, /\bconst\b/, 'var'));
      } else {
        const block = text.slice(0, start).lastIndexOf('const (');
        if (block >= 0 && !text.slice(block, start).includes(')')) {
          return { disabled: 'the value is in a const block, and Go constants cannot read the environment' };
        }
      }
      edits.push(goImport(text));
      break;
    }
    case 'kotlin':
      edits.push(onLine(text, at, /\bconst\s+val\b/, 'val'));
      break;
    case 'csharp': {
      const line = text.slice(lineBounds(text, at).start, at);
      edits.push(onLine(text, at, /\bconst\s+/, /\b(?:public|private|protected|internal)\b/.test(line) ? 'static readonly ' : ''));
      break;
    }
    case 'dart':
      edits.push(onLine(text, at, /\bconst\b/, 'final'), topImport(text, /^import\s+['"]dart:io['"]/m, "import 'dart:io';", /^import\s+['"][^'"]+['"];$/));
      break;
    case 'swift':
      edits.push(topImport(text, /^import\s+Foundation\b/m, 'import Foundation', /^import\s+\w+$/));
      break;
    case 'rust':
      if (/^\s*(?:pub(?:\([^)]*\))?\s+)?(?:const|static)\b/.test(text.slice(lineBounds(text, at).start, at))) {
        return { disabled: 'a Rust const or static cannot read the environment at run time; make it a let binding first' };
      }
      break;
    case 'php':
      if (/^\s*(?:(?:public|private|protected|final)\s+)*const\b/.test(text.slice(lineBounds(text, at).start, at))) {
        return { disabled: 'a PHP constant cannot call getenv(); make it a property or a variable first' };
      }
      break;
    case 'java':
      if (/@\w+\s*\([^)]*$/.test(text.slice(lineBounds(text, at).start, at))) {
        return { disabled: 'annotation values must be constants; read the variable where the annotation is used' };
      }
      break;
    case 'terraform':
      edits.push(terraformVariableBlock(text, name));
      break;
    case 'dockerfile': {
      if (!new RegExp(`^\\s*ARG\\s+${name}\\b`, 'm').test(text)) {
        const { start } = lineBounds(text, at);
        edits.push({ start, end: start, newText: `ARG ${name}${eolOf(text)}` });
      }
      break;
    }
    default:
      break;
  }
  return { edits: edits.filter((e): e is TextEdit => e !== undefined) };
}
