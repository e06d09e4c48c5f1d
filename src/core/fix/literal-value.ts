import type { Lang } from '../language';

/** How a string literal was written: its quote, any prefix (`r`, `b`, `f`, `@`), and whether escapes apply. */
export interface LiteralForm {
  quote: string;
  prefix: string;
  /** Backslash escapes are processed (`"\n"` is a newline). */
  escapes: boolean;
}

/** A literal whose run-time value cannot be known from its text (interpolation, an escape the fix does not decode). */
export class LiteralDecodeError extends Error {}

/** String prefixes that change how a literal reads: Python's r/b/u/f, Rust's r, C#'s @ and $. */
const PREFIX = /(?<![\w$@])(?:[rRbBuUfF]{1,2}|[@$]{1,2})$/;

/** Reads the form of the literal whose opening quote is at `open` (a prefix sits just before it). */
export function literalForm(text: string, open: number, lang: Lang): LiteralForm {
  const quote = text[open];
  const prefix = PREFIX.exec(text.slice(Math.max(0, open - 3), open))?.[0] ?? '';
  const raw =
    /[rR@]/.test(prefix) ||
    (quote === '`' && lang === 'go') ||
    (quote === "'" && (lang === 'shell' || lang === 'powershell' || lang === 'yaml' || lang === 'workflow' || lang === 'compose' || lang === 'toml'));
  return { quote, prefix, escapes: !raw };
}

/**
 * What a language's compiler does with a backslash in a string of this form: the one-character
 * escapes, the numeric ones, and what becomes of any other character after a backslash (kept with
 * its backslash, kept without it, or a compile error, which the fix refuses).
 */
interface Escapes {
  simple: Record<string, string>;
  /** `\101`: up to three octal digits, exactly three (Go), or none. */
  octal: 'upTo3' | 'exactly3' | 'none';
  /** `\x41`: how many hex digits. */
  hex?: [min: number, max: number];
  /** `\u0041` (four digits), `\U00000041` (eight), `\u{41}` (braces). */
  u4?: boolean;
  u8?: boolean;
  uBraces?: boolean;
  /** A backslash before a line break: the two vanish (and, in Rust, the next line's indent). */
  continuation?: 'join' | 'join-indent';
  other: 'keep' | 'drop' | 'refuse';
}

const C = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"', "'": "'" };

const JS: Escapes = {
  simple: { ...C, b: '\b', f: '\f', v: '\v', '`': '`', $: '$' },
  octal: 'upTo3',
  hex: [2, 2],
  u4: true,
  uBraces: true,
  continuation: 'join',
  other: 'drop',
};

/** Each language's escapes in its ordinary double-quoted (or only) string form. */
const ESCAPES: Partial<Record<Lang, Escapes>> = {
  javascript: JS,
  typescript: JS,
  python: { simple: { ...C, a: '\x07', b: '\b', f: '\f', v: '\v' }, octal: 'upTo3', hex: [2, 2], u4: true, u8: true, continuation: 'join', other: 'keep' },
  go: { simple: { ...C, a: '\x07', b: '\b', f: '\f', v: '\v' }, octal: 'exactly3', hex: [2, 2], u4: true, u8: true, other: 'refuse' },
  java: { simple: { ...C, b: '\b', f: '\f', s: ' ' }, octal: 'upTo3', u4: true, other: 'refuse' },
  kotlin: { simple: { ...C, b: '\b', $: '$' }, octal: 'none', u4: true, other: 'refuse' },
  csharp: { simple: { ...C, a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0' }, octal: 'none', hex: [1, 4], u4: true, u8: true, other: 'refuse' },
  ruby: {
    simple: { ...C, a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v', s: ' ', '#': '#' },
    octal: 'upTo3',
    hex: [1, 2],
    u4: true,
    uBraces: true,
    continuation: 'join',
    other: 'drop',
  },
  php: {
    simple: { n: '\n', r: '\r', t: '\t', v: '\v', e: '\x1b', f: '\f', '\\': '\\', $: '$', '"': '"' },
    octal: 'upTo3',
    hex: [1, 2],
    uBraces: true,
    other: 'keep',
  },
  rust: { simple: { ...C, '0': '\0' }, octal: 'none', hex: [2, 2], uBraces: true, continuation: 'join-indent', other: 'refuse' },
  swift: { simple: { ...C, '0': '\0' }, octal: 'none', uBraces: true, other: 'refuse' },
  dart: { simple: { ...C, b: '\b', f: '\f', v: '\v', $: '$' }, octal: 'none', hex: [2, 2], u4: true, uBraces: true, other: 'drop' },
  shell: { simple: { '\\': '\\', '"': '"', $: '$', '`': '`' }, octal: 'none', continuation: 'join', other: 'keep' },
  json: { simple: { ...C, b: '\b', f: '\f', '/': '/' }, octal: 'none', u4: true, other: 'refuse' },
  jsonc: { simple: { ...C, b: '\b', f: '\f', '/': '/' }, octal: 'none', u4: true, other: 'refuse' },
  toml: { simple: { ...C, b: '\b', f: '\f', e: '\x1b' }, octal: 'none', u4: true, u8: true, other: 'refuse' },
  terraform: { simple: { ...C }, octal: 'none', u4: true, u8: true, other: 'refuse' },
  yaml: {
    simple: {
      ...C,
      '0': '\0',
      a: '\x07',
      b: '\b',
      e: '\x1b',
      f: '\f',
      v: '\v',
      '/': '/',
      ' ': ' ',
      '\t': '\t',
      N: '\u0085',
      _: '\u00a0',
      L: '\u2028',
      P: '\u2029',
    },
    octal: 'none',
    hex: [2, 2],
    u4: true,
    u8: true,
    other: 'refuse',
  },
  properties: { simple: { n: '\n', r: '\r', t: '\t', f: '\f' }, octal: 'none', u4: true, continuation: 'join-indent', other: 'drop' },
};
ESCAPES.workflow = ESCAPES.yaml;
ESCAPES.compose = ESCAPES.yaml;

/** What makes a literal of this language and form hold an expression rather than text. */
function interpolation(lang: Lang, form: LiteralForm): RegExp | undefined {
  const q = form.quote;
  if ((lang === 'javascript' || lang === 'typescript') && q === '`') return /(?<!\\)(?:\\\\)*\$\{/;
  if (lang === 'python' && /[fF]/.test(form.prefix)) return /[{}]/;
  if (lang === 'csharp' && form.prefix.includes('$')) return /[{}]/;
  if (lang === 'ruby' && q !== "'") return /(?<!\\)(?:\\\\)*#[{$@]/;
  if ((lang === 'php' || lang === 'shell' || lang === 'kotlin' || lang === 'dart') && q !== "'") return /(?<!\\)(?:\\\\)*\$[A-Za-z_{(]/;
  if (lang === 'swift') return /(?<!\\)(?:\\\\)*\\\(/;
  if (lang === 'terraform') return /(?<![$%])[$%]\{/;
  if (lang === 'powershell' && q === '"') return /(?<!`)\$[A-Za-z_{(]/;
  return undefined;
}

/**
 * The run-time value of source text inside a literal: what the program sees, and so what `.env`
 * must hold, decoded as the language's compiler decodes it. Throws `LiteralDecodeError` for what
 * cannot be moved faithfully: an interpolation, or an escape the compiler rejects or that names a
 * character (`\N{…}`, `\cx`).
 */
export function decodeLiteral(raw: string, form: LiteralForm, lang: Lang): string {
  const expression = interpolation(lang, form);
  if (expression?.test(raw)) {
    throw new LiteralDecodeError('the string holds an interpolation, so its value is only known when the program runs');
  }
  if (lang === 'csharp' && form.prefix.includes('@')) return raw.replace(/""/g, '"');
  if (form.quote === "'" && (lang === 'yaml' || lang === 'workflow' || lang === 'compose')) return raw.replace(/''/g, "'");
  if (lang === 'powershell') return form.quote === "'" ? raw.replace(/''/g, "'") : decodeBackticks(raw);
  if (lang === 'terraform') return decodeWith(raw, form, lang).replace(/([$%])\1\{/g, '$1{');
  return decodeWith(raw, form, lang);
}

function decodeWith(raw: string, form: LiteralForm, lang: Lang): string {
  if (!form.escapes || !raw.includes('\\')) return raw;
  if (form.quote === "'" && (lang === 'php' || lang === 'ruby')) return raw.replace(/\\([\\'])/g, '$1');
  const spec = ESCAPES[lang];
  if (!spec) return raw;
  const bytes = lang === 'python' && /[bB]/.test(form.prefix);
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== '\\' || i === raw.length - 1) {
      out += raw[i];
      continue;
    }
    const c = raw[i + 1];
    if (c === '\n' || c === '\r') {
      if (!spec.continuation) throw new LiteralDecodeError('a backslash ends a line inside the string');
      i += c === '\r' && raw[i + 2] === '\n' ? 2 : 1;
      if (spec.continuation === 'join-indent') while (raw[i + 1] === ' ' || raw[i + 1] === '\t') i++;
      continue;
    }
    const decoded = escapeAt(raw.slice(i + 1), spec, lang, bytes);
    out += decoded.value;
    i += decoded.length;
  }
  return out;
}

/** The escape after a backslash (`rest` starts after it): what it stands for and how many characters it takes. */
function escapeAt(rest: string, spec: Escapes, lang: Lang, bytes: boolean): { value: string; length: number } {
  const c = rest[0];
  if (c in spec.simple && !(c === '0' && spec.octal !== 'none' && /^0[0-7]/.test(rest))) return { value: spec.simple[c], length: 1 };
  const octal = spec.octal === 'none' ? null : (spec.octal === 'exactly3' ? /^[0-7]{3}/ : /^[0-7]{1,3}/).exec(rest);
  if (octal) {
    const code = parseInt(octal[0], 8);
    if (code > 0o377) throw new LiteralDecodeError(`the octal escape \\${octal[0]} is out of range`);
    return { value: String.fromCharCode(code), length: octal[0].length };
  }
  const hex = spec.hex && new RegExp(`^x([0-9a-fA-F]{${spec.hex[0]},${spec.hex[1]}})`).exec(rest);
  if (hex) {
    if (lang === 'rust' && parseInt(hex[1], 16) > 0x7f) throw new LiteralDecodeError(`Rust refuses \\x${hex[1]} in a string`);
    return { value: String.fromCharCode(parseInt(hex[1], 16)), length: hex[0].length };
  }
  const unicode =
    (spec.uBraces && /^u\{([0-9a-fA-F]{1,6})\}/.exec(rest)) ||
    (spec.u4 && !bytes && /^u([0-9a-fA-F]{4})/.exec(rest)) ||
    (spec.u8 && !bytes && /^U([0-9a-fA-F]{8})/.exec(rest));
  if (unicode) return { value: String.fromCodePoint(parseInt(unicode[1], 16)), length: unicode[0].length };
  if (spec.other === 'refuse' || (lang === 'python' && c === 'N' && !bytes) || (lang === 'ruby' && /[cCM]/.test(c))) {
    throw new LiteralDecodeError(`the escape \\${c} is not one the fix decodes as ${lang} does`);
  }
  return spec.other === 'drop' ? { value: c, length: 1 } : { value: `\\${c}`, length: 1 };
}

/** PowerShell's double-quoted strings escape with a backtick, not a backslash. */
function decodeBackticks(raw: string): string {
  const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0', e: '\x1b' };
  return raw.replace(/`([\s\S])/g, (_, c: string) => simple[c] ?? c).replace(/""/g, '"');
}
