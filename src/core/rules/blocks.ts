/**
 * A `vetoAt` for armoured blocks (`-----BEGIN … PRIVATE KEY-----`, a body, `-----END …-----`).
 * The rules' lazy bodies may run for thousands of characters, and their body characters include
 * a header's own, so a file of headers without footers made the pattern scan that far from every
 * header: 5 to 9 s per MB. Here each header is judged by looking ahead once:
 *
 * - no footer of its type within the body's reach: skip to the next header;
 * - another header between it and the footer: skip to that one (the block is the last header's:
 *   a stray header line before a real key no longer swallows it);
 * - a character the body may not hold before the footer: skip to it, or to the next header.
 *
 * Only a header whose body reaches its own footer runs the pattern. The next footer and header
 * after an offset are kept between hits, so the searches read the text about once per rule.
 *
 * `header`: the literal every header starts with. `body`: the body's characters, as a regex
 * character class's contents. `footer(text, keywordEnd)`: the footer this header calls for
 * (`-----END RSA PRIVATE KEY-----`), or undefined when the text there is no header the rule knows.
 */
export function blockVeto(
  header: string,
  body: string,
  maxBody: number,
  footer: (text: string, keywordEnd: number) => string | undefined,
): (text: string, keywordEnd: number) => number {
  const allowed = new Uint8Array(128);
  const cls = new RegExp(`[${body}]`);
  for (let c = 0; c < 128; c++) allowed[c] = cls.test(String.fromCharCode(c)) ? 1 : 0;
  const nextFooter = nextOccurrence();
  const nextHeader = nextOccurrence();
  return (text, keywordEnd) => {
    const end = footer(text, keywordEnd);
    const after = (): number => {
      const h = nextHeader(text, header, keywordEnd);
      return h < 0 ? text.length : h;
    };
    if (end === undefined) return keywordEnd;
    const at = nextFooter(text, end, keywordEnd);
    if (at < 0 || at > keywordEnd + maxBody + 64) return after();
    const last = text.lastIndexOf(header, at);
    if (last >= keywordEnd) return last;
    for (let i = keywordEnd; i < at; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128 || allowed[c] === 0) return Math.min(i + 1, after());
    }
    return -1;
  };
}

/** `text.indexOf(literal, from)`, remembering the last answer: hits between two occurrences share it. */
function nextOccurrence(): (text: string, literal: string, from: number) => number {
  let seen: { text: string; literal: string; from: number; at: number } | undefined;
  return (text, literal, from) => {
    if (seen && seen.text === text && seen.literal === literal && seen.from <= from && (seen.at >= from || seen.at < 0)) return seen.at;
    const at = text.indexOf(literal, from);
    seen = { text, literal, from, at };
    return at;
  };
}

/**
 * A `vetoAt` for patterns that scan a bounded stretch after their keyword for a character they
 * need (`jdbc:…` up to 300 characters for the `=` of `password=` or the `@` of `user/pass@`):
 * the stretch, over characters that are not `stop`, is read once; without one of `needles` in it,
 * no hit inside it can match either, and the rule skips to its end.
 */
export function stretchVeto(stop: string, needles: string, max: number): (text: string, keywordEnd: number) => number {
  const stops = new Uint8Array(128);
  for (const c of stop) stops[c.charCodeAt(0)] = 1;
  const wanted = new Uint8Array(128);
  for (const c of needles) wanted[c.charCodeAt(0)] = 1;
  return (text, keywordEnd) => {
    const limit = Math.min(text.length, keywordEnd + max);
    for (let i = keywordEnd; i < limit; i++) {
      const c = text.charCodeAt(i);
      if (c < 128 && wanted[c] === 1) return -1;
      if (c < 128 && stops[c] === 1) return Math.max(i, keywordEnd + 1);
    }
    return Math.max(limit, keywordEnd + 1);
  };
}
