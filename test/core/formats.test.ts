import * as assert from 'node:assert/strict';
import { BUILTIN_RULES, createScanner } from '../../src/core';
import { formatRegex } from '../formats/notation';
import { formatTable } from '../formats/table';

/**
 * The rules against facts: test/formats/formats.json holds each secret format as its issuer
 * documents it, with fixed fake examples, written apart from the rules. A rule whose prefix,
 * length or alphabet drifts from the documented format loses its examples here, whatever its own
 * generated examples say.
 */
const table = formatTable();
const scanner = createScanner(BUILTIN_RULES);

/** `DD_APP_KEY` -> `ddAppKey`. */
const camel = (name: string): string => name.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** A value as people write it: dotenv, JavaScript, JSON, Python, YAML. */
function syntaxes(name: string, value: string): string[] {
  return [
    `${name}=${value}`,
    `const ${camel(name)} = "${value}";`,
    `{ "${camel(name)}": "${value}" }`,
    `${name.toLowerCase()} = '${value}'`,
    `${name.toLowerCase()}: ${value}`,
  ];
}

describe('the rules against the documented formats (test/formats/formats.json)', () => {
  it('has an entry for every built-in rule, and names only rules that exist', () => {
    const ids = new Set(BUILTIN_RULES.map(r => r.id));
    const covered = new Set(table.map(e => e.rule));
    assert.deepEqual(
      BUILTIN_RULES.filter(r => !covered.has(r.id)).map(r => r.id),
      [],
      'rules with no documented format',
    );
    assert.deepEqual(
      table.filter(e => !ids.has(e.rule)).map(e => e.rule),
      [],
      'entries for unknown rules',
    );
  });

  it('keeps examples that fit their format, and says where the format is documented', () => {
    for (const entry of table) {
      assert.ok(entry.examples.length > 0, `${entry.rule}: no examples`);
      assert.match(entry.doc, /^https:\/\//, entry.rule);
      for (const example of entry.examples) assert.match(example, formatRegex(entry.format ?? entry.text!), entry.rule);
    }
  });

  for (const entry of table) {
    const shape = (entry.format ?? entry.text!).split('\n')[0];
    it(`${entry.rule} finds ${entry.provider}'s ${shape.length > 60 ? `${shape.slice(0, 57)}...` : shape}`, () => {
      for (const example of entry.examples) {
        if (entry.text !== undefined) {
          const ids = scanner.scan(example).map(f => f.ruleId);
          assert.ok(ids.includes(entry.rule), `${entry.rule} did not find its documented snippet (found: ${ids.join(', ') || 'nothing'})`);
          continue;
        }
        for (const text of syntaxes(entry.name ?? 'TOKEN', example)) {
          const findings = scanner.scan(text);
          const found = findings.find(f => f.ruleId === entry.rule);
          const line = text.replace(example, '<example>');
          assert.ok(found, `${entry.rule} did not find its documented format in: ${line} (found: ${findings.map(f => f.ruleId).join(', ') || 'nothing'})`);
          assert.equal(text.slice(found.start, found.end), example, `${entry.rule} found part of the value in: ${line}`);
          assert.notEqual(found.checksum, 'invalid', `${entry.rule} rejects the documented checksum`);
        }
      }
    });
  }
});
