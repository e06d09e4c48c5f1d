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
