/**
 * Quantifiers with no upper bound (`*`, `+`, `{n,}`) outside character classes. Rules must not
 * have them: a bounded pattern cannot run away on adversarial input, and the scanner's time stays
 * linear in the text.
 */
export function unboundedQuantifiers(source: string): string[] {
  const found: string[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
    } else if (inClass) {
      inClass = c !== ']';
    } else if (c === '[') {
      inClass = true;
    } else if (c === '*' || c === '+') {
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
  let count = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
    } else if (inClass) {
      inClass = c !== ']';
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(' && (source[i + 1] !== '?' || (source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!'))) {
      count++; // `(` and `(?<name>`, not `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`
    }
  }
  return count;
}
