import type { Lang } from '../language';

/** How a string literal was written: its quote, any prefix (`r`, `b`, `f`, `@`), and whether escapes apply. */
export interface LiteralForm {
  quote: string;
  prefix: string;
  /** Backslash escapes are processed (`"\n"` is a newline). */
  escapes: boolean;
}

/** String prefixes that change how a literal reads: Python's r/b/u/f, Rust's r, C#'s @ and $. */
const PREFIX = /(?<![\w$@])(?:[rRbBuUfF]{1,2}|[@$]{1,2})$/;

/** Reads the form of the literal whose opening quote is at `open` (a prefix sits just before it). */
export function literalForm(text: string, open: number, lang: Lang): LiteralForm {
  const quote = text[open];
  const prefix = PREFIX.exec(text.slice(Math.max(0, open - 3), open))?.[0] ?? '';
  const raw = /[rR@]/.test(prefix) || (quote === '`' && lang === 'go') || (quote === "'" && (lang === 'shell' || lang === 'powershell'));
  return { quote, prefix, escapes: !raw };
}

const SIMPLE: Record<string, string> = { n: '\n', r: '\r', t: '\t', '0': '\0', b: '\b', f: '\f', v: '\v' };

/**
 * The run-time value of source text inside a literal: what the program sees, and so what `.env`
 * must hold. Single-quoted PHP and Ruby strings only unescape `\\` and the quote.
 */
export function decodeLiteral(raw: string, form: LiteralForm, lang: Lang): string {
  if (!form.escapes || !raw.includes('\\')) {
    return raw;
  }
  if (form.quote === "'" && (lang === 'php' || lang === 'ruby')) {
    return raw.replace(/\\([\\'])/g, '$1');
  }
  return raw.replace(/\\(u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\s\S])/g, (whole, esc: string) => {
    if (esc[0] === 'u' && esc.length > 1) {
      return String.fromCodePoint(parseInt(esc.replace(/[u{}]/g, ''), 16));
    }
    if (esc[0] === 'x' && esc.length === 3) {
      return String.fromCharCode(parseInt(esc.slice(1), 16));
    }
    if (esc in SIMPLE) {
      return SIMPLE[esc];
    }
    return /[\\'"`$]/.test(esc) ? esc : whole;
  });
}
