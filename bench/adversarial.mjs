// Linear time on hostile input: for each rule, text made of near-misses repeated (its keyword
// followed by a body that almost matches), at 256 KB and at 1 MB. Time grows with size by about
// 4 when scanning is linear; a pattern that backtracks shows as a much larger ratio.
export function adversarialTexts(rule, gen) {
  const example = rule.examples.positive(gen)[0] ?? rule.keywords[0];
  const keyword = rule.keywords[0];
  // A near-miss: the example with its last character dropped, and the keyword with a long tail.
  const units = [example.slice(0, -1), `${keyword}${'a1'.repeat(40)}`, `${keyword}=`];
  const unit = units.join(' ');
  const make = bytes => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
  return { small: make(256 * 1024), large: make(1024 * 1024) };
}

export function timeOnce(scanner, text) {
  const t0 = performance.now();
  scanner.scan(text);
  return performance.now() - t0;
}

/** Best of three: hostile inputs are short runs, so take the least disturbed. */
export function bestTime(scanner, text) {
  return Math.min(timeOnce(scanner, text), timeOnce(scanner, text), timeOnce(scanner, text));
}

/** A minified bundle: one 1 MB line of code with the usual noise, and one key at its end. */
export function minifiedLine(gen, key) {
  const parts = [];
  let size = 0;
  while (size < 1024 * 1024) {
    const part = `var ${gen.alnum(2)}=function(e,t){return e.token&&t.auth?"${gen.alnum(12)}":e.password||null},${gen.alnum(2)}={apiKey:e.apiKey,secret:"",hash:"${gen.hex(32)}"};`;
    parts.push(part);
    size += part.length;
  }
  return `${parts.join('')}var k="${key}";`;
}
