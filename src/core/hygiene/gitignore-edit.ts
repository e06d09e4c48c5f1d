import { appendLines, eolOf, type TextEdit } from '../fix/text-edit';

/**
 * Adds an ignore pattern to a `.gitignore` text and places it sensibly: right after the last line
 * of the same family (`.env.local` beside `.env`, `*.key` beside `*.pem`), else at the end. It is
 * never placed before `notBefore` (a later negation would otherwise re-include the file). The rest
 * of the text is kept byte for byte: line endings, a missing final newline, a BOM.
 */
export function addIgnorePattern(text: string, pattern: string, options: { related?: RegExp; notBefore?: number } = {}): TextEdit {
  const body = text.replace(/^\uFEFF/, '');
  const lines = body.split('\n');
  if (body.endsWith('\n')) {
    lines.pop();
  }
  let after = -1;
  if (options.related) {
    lines.forEach((raw, i) => {
      const line = raw.replace(/\r$/, '').trim();
      if (line && !line.startsWith('#') && !line.startsWith('!') && options.related!.test(line)) after = i;
    });
  }
  if (after < 0 || after < (options.notBefore ?? -1) || after === lines.length - 1) {
    return appendLines(body, [pattern]);
  }
  // Insert at the start of the line after `after`: that line exists, so a line break precedes it.
  let offset = 0;
  for (let i = 0; i <= after; i++) {
    offset += lines[i].length + 1;
  }
  return { start: offset, end: offset, newText: pattern + eolOf(body) };
}

/** Removes one line (zero-based) with its line break; the last line takes the break before it. */
export function removeLine(text: string, line: number): TextEdit | undefined {
  const body = text.replace(/^\uFEFF/, '');
  let start = 0;
  for (let i = 0; i < line; i++) {
    const nl = body.indexOf('\n', start);
    if (nl < 0) return undefined;
    start = nl + 1;
  }
  if (start > body.length || (start === body.length && line > 0)) {
    return undefined;
  }
  const nl = body.indexOf('\n', start);
  if (nl >= 0) {
    return { start, end: nl + 1, newText: '' };
  }
  // The last line, with no final newline: drop the line break before it instead.
  const before = start > 0 ? (body[start - 2] === '\r' ? start - 2 : start - 1) : start;
  return { start: before, end: body.length, newText: '' };
}

/** Lines of the same family as a pattern: what `addIgnorePattern` groups it with. */
export function relatedPatterns(pattern: string): RegExp {
  const p = pattern.replace(/^\/+/, '').replace(/^\*\*\//, '');
  if (/^\.env\b/.test(p)) return /^(?:\/|\*\*\/)?\*?\.env\b/;
  if (/\.(?:pem|key|p12|pfx|jks|keystore)$/.test(p) || /^id_/.test(p)) return /\.(?:pem|key|p12|pfx|jks|keystore|crt)\b|(?:^|\/)id_\w+/;
  if (/tfstate|tfvars/.test(p)) return /\.tf(?:state|vars)\b|\.terraform\b/;
  if (/^\.(?:npmrc|pypirc|netrc)$/.test(p) || /credentials|service|\.docker/.test(p))
    return /^\/?\.(?:npmrc|pypirc|netrc|docker)\b|credentials|service[-_]?account/i;
  return /(?!)/;
}

/** The last `!` line of an ignore file (zero-based), -1 when none: a pattern added before it could be undone by it. */
export function lastNegation(text: string): number {
  let last = -1;
  text.split('\n').forEach((line, i) => {
    if (line.trim().startsWith('!')) last = i;
  });
  return last;
}
