// Renders the examples of test/formats/formats.json that are missing (a new entry, or one whose
// examples were deleted because its format changed), and checks the others still fit their format.
// Run after `npm run build`. The examples are fake values; they are committed once and then stay
// as they are, so the tests that read them never depend on a generator.
import { randomInt } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { render, formatRegex } = require('../out/test/formats/notation.js');
const file = new URL('../test/formats/formats.json', import.meta.url);
const random = () => randomInt(2 ** 32) / 2 ** 32;

let added = 0;
const lines = readFileSync(file, 'utf8')
  .split('\n')
  .map(line => {
    const m = /^(\s*)(\{ "rule".*\})(,?)$/.exec(line);
    if (!m) return line;
    const entry = JSON.parse(m[2]);
    const format = entry.format ?? entry.text;
    if (!entry.examples?.length) {
      entry.examples = Array.from({ length: entry.format ? 2 : 1 }, () => render(format, random));
      added += entry.examples.length;
    }
    for (const example of entry.examples) {
      if (!formatRegex(format).test(example)) throw new Error(`${entry.rule}: an example no longer fits ${format}; delete its examples to render new ones`);
    }
    const fields = Object.entries(entry).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`);
    return `${m[1]}{ ${fields.join(', ')} }${m[3]}`;
  });
writeFileSync(file, lines.join('\n'));
console.log(`test/formats/formats.json: ${added} example(s) rendered`);
