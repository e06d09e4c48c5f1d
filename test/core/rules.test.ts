import * as assert from 'node:assert/strict';
import { BUILTIN_RULES, createScanner } from '../../src/core';
import { hasCaptureGroup, unboundedQuantifiers } from '../../src/core/regex-safety';
import { gen } from '../helpers/fake-keys';

const scanner = createScanner(BUILTIN_RULES);

describe('built-in rules', () => {
  it('have unique kebab-case ids', () => {
    const ids = BUILTIN_RULES.map(r => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) {
      assert.match(id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    }
  });

  it('have lower-case keywords, an env var name and a bounded pattern', () => {
    for (const rule of BUILTIN_RULES) {
      assert.ok(rule.keywords.length > 0, `${rule.id} has no keywords`);
      for (const k of rule.keywords) {
        assert.equal(k, k.toLowerCase(), `${rule.id} keyword ${k} is not lower case`);
      }
      assert.match(rule.envVar, /^[A-Z][A-Z0-9_]*$/, rule.id);
      assert.deepEqual(unboundedQuantifiers(rule.pattern.source), [], `${rule.id} has unbounded quantifiers`);
    }
  });

  it('say whether they have a capture group, read from the source, as the regex engine does', () => {
    const engine = (source: string) => (new RegExp(`${source}|`).exec('') ?? []).length - 1;
    const tricky = [
      String.raw`\(a\)`,
      String.raw`[(](b)`,
      String.raw`(?:x)(?=y)(?!z)(?<=w)(?<!v)`,
      String.raw`(?<name>a)(b)`,
      String.raw`[\]()](c)`,
      String.raw`((a)|(b))`,
      String.raw`a\(b`,
      String.raw`[(](?:b)`,
      String.raw`(?:x)(?=y)(?!z)(?<=w)(?<!v)z`,
      String.raw`[\](](?:c)`,
      String.raw`(?:a|(?:b))[(]`,
      String.raw`x(?:(?=y)(z))`,
    ];
    const sources = [...BUILTIN_RULES.map(r => r.pattern.source), ...tricky];
    for (const source of sources) {
      assert.equal(hasCaptureGroup(source), engine(source) > 0, source.slice(0, 60));
    }
    // Both answers among the sources: the test tells them apart.
    assert.ok(sources.some(hasCaptureGroup) && !sources.every(hasCaptureGroup));
  });

  for (const rule of BUILTIN_RULES) {
    describe(rule.id, () => {
      it('reports each of its positive examples, exactly on the secret', () => {
        for (const example of rule.examples.positive(gen)) {
          const findings = scanner.scan(example);
          assert.equal(findings.length, 1, `expected one finding in an example of ${rule.id}, got ${findings.map(f => f.ruleId)}`);
          assert.equal(findings[0].ruleId, rule.id);
          assert.equal(findings[0].severity, rule.severity);
          const secret = example.slice(findings[0].start, findings[0].end);
          assert.ok(!findings[0].masked.includes(secret), 'the masked value hides the secret');
        }
      });

      it('finds the same at its keyword anchors as over the whole text', () => {
        const whole = createScanner([{ ...rule, prefilter: undefined }]);
        const anchored = createScanner([rule]);
        for (const example of [...rule.examples.positive(gen), ...rule.examples.negative(gen)]) {
          const text = `prefix line\n  ${example}\n${example} trailing`;
          assert.deepEqual(anchored.scan(text), whole.scan(text));
        }
      });

      it('reports nothing in its negative examples', () => {
        for (const example of rule.examples.negative(gen)) {
          assert.deepEqual(
            scanner.scan(example).map(f => f.ruleId),
            [],
            `false positive in a negative example of ${rule.id}`,
          );
        }
      });
    });
  }
});
