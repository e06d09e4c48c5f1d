// npm run docs: writes docs/rules.md from the built rules and, for one fake example per rule, the
// table of documented formats (test/formats/formats.json). Run `npm run build` first.
// --check: exits 1 when docs/rules.md is not what the rules generate.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { BUILTIN_RULES } = require('../out/src/core/rules/index.js');
const { renderRuleDocs } = require('../out/src/core/rule-docs.js');
const { documentedExamples } = require('../out/test/formats/table.js');
const file = new URL('../docs/rules.md', import.meta.url);
const markdown = renderRuleDocs(BUILTIN_RULES, documentedExamples());
if (process.argv.includes('--check')) {
  const current = readFileSync(file, 'utf8');
  if (current !== markdown) {
    console.error('docs/rules.md is out of date: run npm run docs');
    process.exit(1);
  }
} else {
  writeFileSync(file, markdown);
  console.log(`docs/rules.md: ${BUILTIN_RULES.length} rules`);
}
