/**
 * Calls `visit` with each offset of a pattern's source that is syntax: not escaped, and not inside
 * a character class. What the readers below look at. A callback, not an array of the offsets: the
 * arrays were most of the garbage of reading every rule's source.
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
 * Whether a pattern's source has a capture group, read from the source: asking the regex engine
 * (matching `source|` against '') compiles the pattern, which costs more than the rest of building
 * a scanner. One native match, not a loop over the characters: that loop ran for every rule as
 * each scanner was built, in the interpreter, 8 ms a thread for the built-in rules.
 */
export function hasCaptureGroup(source: string): boolean {
  return CAPTURE_GROUP.test(source);
}

/**
 * From the start, what is not a capture group (an escape, a character class, any other character,
 * and the openings `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`), then `(` or `(?<name>`. Each part is told
 * by its first character, so a source that has none backtracks through it once.
 */
const CAPTURE_GROUP = /^(?:\\[\s\S]|\[(?:\\[\s\S]|[^\]\\])*\]|[^\\[(]|\(\?(?:[:=!]|<[=!]))*\((?:[^?]|\?<[^=!])/;
