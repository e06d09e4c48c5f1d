// npm run docs: writes docs/rules.md from the built rules and, for one fake example per rule, the
// table of documented formats (test/formats/formats.json). Run `npm run build` first.
// And docs/exits.md from the exits table (src/core/exits/table.ts).
// --check: exits 1 when either is not what the code generates.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { BUILTIN_RULES } = require('../out/src/core/rules/index.js');
const { renderRuleDocs } = require('../out/src/core/rule-docs.js');
const { documentedExamples } = require('../out/test/formats/table.js');
const { EXITS, renderExitDocs } = require('../out/src/core/exits/index.js');
const pages = [
  { name: 'docs/rules.md', markdown: renderRuleDocs(BUILTIN_RULES, documentedExamples()), what: `${BUILTIN_RULES.length} rules` },
  { name: 'docs/exits.md', markdown: renderExitDocs(EXITS), what: `${EXITS.length} exit${EXITS.length === 1 ? '' : 's'}` },
];
for (const { name, markdown, what } of pages) {
  const file = new URL(`../${name}`, import.meta.url);
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {}
    if (current !== markdown) {
      console.error(`${name} is out of date: run npm run docs`);
      process.exit(1);
    }
  } else {
    writeFileSync(file, markdown);
    console.log(`${name}: ${what}`);
  }
}
