/**
 * Calls `visit` with each offset of a pattern's source that is syntax: not escaped, and not inside
 * a character class. What the readers below look at. A callback, not an array of the offsets:
 * `captureGroupCount` runs for every rule as each scanner is built, and the arrays were most of
 * the garbage of a scanner's construction.
 */
function forEachSyntaxOffset(source: string, visit: (offset: number) => void): void {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === BACKSLASH) {
      i++;
    } else if (inClass) {
      inClass = c !== CLOSE_BRACKET;
    } else if (c === OPEN_BRACKET) {
      inClass = true;
    } else {
      visit(i);
    }
  }
}

const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * Quantifiers with no upper bound (`*`, `+`, `{n,}`) outside character classes. Rules must not
 * have them: a bounded pattern cannot run away on adversarial input, and the scanner's time stays
 * linear in the text.
 */
export function unboundedQuantifiers(source: string): string[] {
  const found: string[] = [];
  forEachSyntaxOffset(source, i => {
    const c = source[i];
    if (c === '*' || c === '+') {
      found.push(c);
    } else if (c === '{' && /^\{\d+,\}/.test(source.slice(i))) {
      found.push(source.slice(i, source.indexOf('}', i) + 1));
    }
  });
  return found;
}

/**
 * The number of capture groups in a pattern's source, read from the source: asking the regex
 * engine (matching `source|` against '') compiles the pattern, which costs more than the rest of
 * building a scanner.
 */
export function captureGroupCount(source: string): number {
  // `(` and `(?<name>`, not `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`.
  let count = 0;
  forEachSyntaxOffset(source, i => {
    if (source[i] === '(' && (source[i + 1] !== '?' || (source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!'))) count++;
  });
  return count;
}
