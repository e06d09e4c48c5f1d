import * as assert from 'node:assert/strict';
import { baselineText, parseBaseline, type BaselineEntry } from '../../src/node/scan/baseline';
import { baselineInsertion, configBaselineEdit } from '../../src/core';
import { applyEdits } from '../../src/core/fix';

const SALT = '0123456789abcdef0123456789abcdef';
const hex = (c: string): string => c.repeat(64);
const entry = (file: string, ruleId: string, f: string): BaselineEntry => ({ file, ruleId, fingerprint: hex(f), masked: `${ruleId}-****${f}${f}` });

describe('baseline edits: accepting one finding from the editor', () => {
  const a = entry('src/a.ts', 'github-pat', 'a');
  const c = entry('src/c.ts', 'openai-api-key', 'c');
  const b = entry('src/b.ts', 'anthropic-api-key', 'b');

  it('inserts the entry where --write-baseline would have sorted it: the file is what writing all of them gives', () => {
    for (const added of [b, entry('a.ts', 'x', 'd'), entry('src/z.ts', 'x', 'e')]) {
      const text = baselineText([a, c], SALT);
      const after = applyEdits(text, baselineInsertion(text, added));
      assert.equal(after, baselineText([a, c, added], SALT), added.file);
      assert.equal(parseBaseline(after, 'b.json').entries.length, 3);
    }
  });

  it('into an empty list, and keeping CRLF line endings and tabs', () => {
    const empty = baselineText([], SALT);
    assert.deepEqual(parseBaseline(applyEdits(empty, baselineInsertion(empty, a)), 'b.json').entries, [a]);
    const crlf = baselineText([a], SALT).replaceAll('  ', '\t').replaceAll('\n', '\r\n');
    const after = applyEdits(crlf, baselineInsertion(crlf, b));
    assert.ok(!/[^\r]\n/.test(after), 'a bare LF');
    assert.ok(after.startsWith(crlf.slice(0, crlf.indexOf('"findings"'))), 'the head changed');
    assert.match(after, /\r\n\t\t\t"ruleId": "anthropic-api-key",\r\n/);
    assert.deepEqual(parseBaseline(after, 'b.json').entries, [a, b]);
  });

  it('names the baseline in .secret-safe.json, keeping its comments, or writes a new one', () => {
    const config = '{\n  // team rules\n  "disabledRules": ["generic-secret"]\n}\n';
    const after = applyEdits(config, configBaselineEdit(config, '.secret-safe-baseline.json'));
    assert.equal(after, '{\n  // team rules\n  "disabledRules": ["generic-secret"],\n  "baseline": ".secret-safe-baseline.json"\n}\n');
    assert.equal(applyEdits('', configBaselineEdit(undefined, 'b.json')), '{\n  "baseline": "b.json"\n}\n');
    const replaced = applyEdits('{ "baseline": "old.json" }', configBaselineEdit('{ "baseline": "old.json" }', 'new.json'));
    assert.equal(replaced, '{ "baseline": "new.json" }');
    assert.equal(
      applyEdits('{ "disabledRules": [] }', configBaselineEdit('{ "disabledRules": [] }', 'b.json')),
      '{ "disabledRules": [], "baseline": "b.json" }',
    );
    assert.equal(applyEdits('{\r\n}\r\n', configBaselineEdit('{\r\n}\r\n', 'b.json')), '{\r\n  "baseline": "b.json"\r\n}\r\n');
    assert.equal(applyEdits('{\n  // none yet\n}', configBaselineEdit('{\n  // none yet\n}', 'b.json')), '{\n  // none yet\n  "baseline": "b.json"\n}');
  });
});
