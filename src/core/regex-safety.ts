/**
 * The offsets of a pattern's source that are syntax: not escaped, and not inside a character
 * class. What the readers below look at.
 */
function syntaxOffsets(source: string): number[] {
  const offsets: number[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
    } else if (inClass) {
      inClass = c !== ']';
    } else if (c === '[') {
      inClass = true;
    } else {
      offsets.push(i);
    }
  }
  return offsets;
}

/**
 * Quantifiers with no upper bound (`*`, `+`, `{n,}`) outside character classes. Rules must not
 * have them: a bounded pattern cannot run away on adversarial input, and the scanner's time stays
 * linear in the text.
 */
export function unboundedQuantifiers(source: string): string[] {
  const found: string[] = [];
  for (const i of syntaxOffsets(source)) {
    const c = source[i];
    if (c === '*' || c === '+') {
      found.push(c);
    } else if (c === '{' && /^\{\d+,\}/.test(source.slice(i))) {
      found.push(source.slice(i, source.indexOf('}', i) + 1));
    }
  }
  return found;
}

/**
 * The number of capture groups in a pattern's source, read from the source: asking the regex
 * engine (matching `source|` against '') compiles the pattern, which costs more than the rest of
 * building a scanner.
 */
export function captureGroupCount(source: string): number {
  // `(` and `(?<name>`, not `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`, outside character classes and
  // escapes (syntaxOffsets' walk, without its array: this runs for every rule as each scanner is built).
  let count = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === BACKSLASH) {
      i++;
    } else if (inClass) {
      inClass = c !== CLOSE_BRACKET;
    } else if (c === OPEN_BRACKET) {
      inClass = true;
    } else if (c === OPEN_PAREN) {
      const named = source.charCodeAt(i + 2) === LESS && source.charCodeAt(i + 3) !== EQUALS && source.charCodeAt(i + 3) !== BANG;
      if (source.charCodeAt(i + 1) !== QUESTION || named) count++;
    }
  }
  return count;
}

const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_PAREN = 0x28;
const QUESTION = 0x3f;
const LESS = 0x3c;
const EQUALS = 0x3d;
const BANG = 0x21;
