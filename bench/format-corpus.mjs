// The independent corpus: every format of test/formats/formats.json (written from the issuers'
// documentation, apart from the rules), rendered afresh with a seeded random and written in 26
// syntaxes: assignments in 15 languages, YAML, JSON, TOML, INI, an XML attribute and element,
// a Makefile, a Dockerfile ENV, a shell export, an HTTP header and a URL. Each snippet is scanned
// on its own and scored by exact line: the value's line must hold a finding (any rule, any
// severity: an information-level finding counts too), and a finding on any other line is a false
// positive. Snippets the table gives as they stand (`text`) are scanned once, as written.
import { createRequire } from 'node:module';
import { formatTable, plainName } from './corpus.mjs';

const require = createRequire(import.meta.url);
const { seededRandom } = require('../out/src/core/index.js');
const { render } = require('../out/test/formats/notation.js');

const camel = n => n.toLowerCase().replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
const kebab = n =>
  n
    .toLowerCase()
    .split('_')
    .map(w => w[0].toUpperCase() + w.slice(1))
    .join('-');

/** [syntax, snippet]: the value is on the snippet's line that holds it. */
export const SYNTAXES = [
  ['javascript', (n, v) => `const ${camel(n)} = '${v}';`],
  ['typescript', (n, v) => `export const ${camel(n)}: string = "${v}";`],
  ['python', (n, v) => `${n} = "${v}"`],
  ['go', (n, v) => `\t${camel(n)} := "${v}"`],
  ['java', (n, v) => `    private static final String ${n} = "${v}";`],
  ['kotlin', (n, v) => `val ${camel(n)} = "${v}"`],
  ['csharp', (n, v) => `        var ${camel(n)} = "${v}";`],
  ['ruby', (n, v) => `${n.toLowerCase()} = '${v}'`],
  ['php', (n, v) => `$${camel(n)} = '${v}';`],
  ['rust', (n, v) => `    let ${n.toLowerCase()} = "${v}";`],
  ['swift', (n, v) => `let ${camel(n)} = "${v}"`],
  ['dart', (n, v) => `final ${camel(n)} = '${v}';`],
  ['scala', (n, v) => `val ${camel(n)} = "${v}"`],
  ['lua', (n, v) => `local ${n.toLowerCase()} = "${v}"`],
  ['perl', (n, v) => `my $${n.toLowerCase()} = '${v}';`],
  ['yaml', (n, v) => `service:\n  ${n.toLowerCase()}: ${v}\n  region: eu-west-1`],
  ['json', (n, v) => `{\n  "${camel(n)}": "${v}",\n  "timeout": 30\n}`],
  ['toml', (n, v) => `[service]\n${n.toLowerCase()} = "${v}"`],
  ['ini', (n, v) => `[service]\n${n.toLowerCase()} = ${v}`],
  ['xml attribute', (n, v) => `<add key="${camel(n)}" value="${v}" />`],
  ['xml element', (n, v) => `<config>\n  <${camel(n)}>${v}</${camel(n)}>\n</config>`],
  ['makefile', (n, v) => `${n} := ${v}\n\ndeploy:\n\t./deploy.sh`],
  ['dockerfile', (n, v) => `FROM node:22-slim\nENV ${n}=${v}`],
  ['shell', (n, v) => `export ${n}="${v}"`],
  ['http header', (n, v) => `GET /v1/items HTTP/1.1\nHost: api.example.com\n${kebab(n)}: ${v}`],
  ['url', (n, v) => `curl "https://api.example.com/v1/items?${n.toLowerCase()}=${v}"`],
];

/** Line number (0-based) of an offset. */
const lineAt = (text, offset) => text.slice(0, offset).split('\n').length - 1;

/**
 * Scans every entry's values in every syntax. Returns the totals, each provider's recall (by
 * line, and by the entry's own rule), and the misses (masked).
 */
export function measureFormatCorpus(scanner, { seed = 20261205, valuesPerEntry = 2 } = {}) {
  const random = seededRandom(seed);
  const table = formatTable();
  const byProvider = new Map();
  const total = { tp: 0, fn: 0, fp: 0, byRule: 0, snippets: 0 };
  const misses = [];
  for (const entry of table) {
    const p = byProvider.get(entry.provider) ?? { tp: 0, fn: 0, byRule: 0 };
    byProvider.set(entry.provider, p);
    const cases = [];
    if (entry.text !== undefined) {
      const text = render(entry.text, random);
      cases.push({ syntax: 'as documented', text, lines: new Set(text.split('\n').map((_, i) => i)) });
    } else {
      for (let i = 0; i < valuesPerEntry; i++) {
        const value = render(entry.format, random);
        for (const [syntax, write] of SYNTAXES) {
          const text = write(entry.name ?? plainName(entry.provider), value);
          const at = text.indexOf(value);
          cases.push({ syntax, text, lines: new Set([lineAt(text, at)]), value });
        }
      }
    }
    for (const c of cases) {
      total.snippets++;
      const findings = scanner.scan(c.text);
      const onLine = findings.filter(f => c.lines.has(lineAt(c.text, f.start)));
      total.fp += findings.length - onLine.length;
      if (onLine.length > 0) {
        total.tp++;
        p.tp++;
        if (onLine.some(f => f.ruleId === entry.rule)) {
          total.byRule++;
          p.byRule++;
        }
      } else {
        total.fn++;
        p.fn++;
        if (misses.length < 40) misses.push(`${entry.rule} in ${c.syntax}`);
      }
    }
  }
  const providers = [...byProvider].map(([provider, s]) => ({ provider, ...s, recall: s.tp / (s.tp + s.fn), ruleRecall: s.byRule / (s.tp + s.fn) }));
  return { total, providers, misses, entries: table.length };
}
