import * as assert from 'node:assert/strict';
import { BUILTIN_RULES, createKeyGen, createScanner, type Rule, seededRandom } from '../../src/core';
import { writeUtf16 } from '../../src/node/scan/utf16';
import { fake } from '../helpers/fake-keys';

const scanner = createScanner(BUILTIN_RULES);

describe('scanner', () => {
  it('reports an Anthropic key assigned in TypeScript with the exact offsets of the key', () => {
    const key = fake.anthropic();
    const text = `// settings\nconst apiKey = '${key}';\n`;
    const [f, ...rest] = scanner.scan(text);
    assert.equal(rest.length, 0);
    assert.equal(f.ruleId, 'anthropic-api-key');
    assert.equal(text.slice(f.start, f.end), key);
    assert.deepEqual([f.line, f.column, f.endLine, f.endColumn], [1, 16, 1, 16 + key.length]);
    assert.equal(f.envVar, 'ANTHROPIC_API_KEY');
  });

  it('counts lines across LF, CRLF and lone CR', () => {
    const key = fake.awsKeyId();
    for (const eol of ['\n', '\r\n', '\r']) {
      const [f] = scanner.scan(`a${eol}b${eol}  id = ${key}${eol}`);
      assert.deepEqual([f.line, f.column], [2, 7], JSON.stringify(eol));
    }
  });

  it('reports a multi-line PEM private key as one finding spanning its lines', () => {
    const pem = fake.pem();
    const [f, ...rest] = scanner.scan(`x = 1\n${pem}\n`);
    assert.equal(rest.length, 0);
    assert.equal(f.ruleId, 'private-key');
    assert.deepEqual([f.line, f.column, f.endLine], [1, 0, 8]);
    assert.equal(f.masked, '-----BEGIN RSA PRIVATE KEY-----****');
  });

  it('reports several secrets in order of position', () => {
    const text = `a = "${fake.github()}"\nb = "${fake.openai()}"\nc = "${fake.anthropic()}"`;
    assert.deepEqual(
      scanner.scan(text).map(f => f.ruleId),
      ['github-pat', 'openai-api-key', 'anthropic-api-key'],
    );
  });

  it('gives a GitHub token with a valid checksum high confidence', () => {
    const [f] = scanner.scan(`token = ${fake.github()}`);
    assert.equal(f.confidence, 'high');
    assert.equal(f.severity, 'error');
  });

  it('downgrades a GitHub-shaped token with a bad checksum below error', () => {
    const [f] = scanner.scan(`token = ${fake.githubBadChecksum()}`);
    assert.equal(f.ruleId, 'github-pat');
    assert.equal(f.severity, 'warning');
    assert.equal(f.confidence, 'low');
  });

  it('does not report a key inside a longer identifier-like run', () => {
    assert.deepEqual(scanner.scan(`x${fake.anthropic()}x`), []);
    assert.deepEqual(scanner.scan(`${fake.awsKeyId()}Z`), []);
  });

  it('skips binary content', () => {
    assert.deepEqual(scanner.scan(`\u0000\u0001PNG ${fake.anthropic()}`), []);
  });

  it('reports nothing in text without any rule keyword', () => {
    assert.deepEqual(scanner.scan('const greeting = "hello world";\n'.repeat(1000)), []);
  });

  it('keeps one finding where two rules claim the same text: the one listed first', () => {
    // Anchored like the rule it copies, without that rule's own prefix check.
    const wide: Rule = {
      ...BUILTIN_RULES[0],
      id: 'wide',
      pattern: /key = '[^']{1,200}'/,
      keywords: ['key ='],
      minEntropy: undefined,
      prefilter: { anchored: true },
    };
    const text = `key = '${fake.anthropic()}'`;
    assert.deepEqual(
      createScanner([BUILTIN_RULES[0], wide])
        .scan(text)
        .map(f => f.ruleId),
      ['anthropic-api-key'],
    );
    assert.deepEqual(
      createScanner([wide, BUILTIN_RULES[0]])
        .scan(text)
        .map(f => f.ruleId),
      ['wide'],
    );
  });

  it('prefers a provider rule over the generic rule on the same value', () => {
    const [f, ...rest] = scanner.scan(`const token = "${fake.github()}";`);
    assert.equal(rest.length, 0);
    assert.equal(f.ruleId, 'github-pat');
  });

  it('runs a rule only when one of its keywords occurs, in any case', () => {
    let ran = 0;
    const counting: Rule = {
      ...BUILTIN_RULES[0],
      id: 'counting',
      keywords: ['needle'],
      pattern: /needle/,
      minEntropy: undefined,
      prefilter: { anchored: true },
      validate: () => {
        ran++;
        return true;
      },
    };
    const s = createScanner([counting]);
    s.scan('haystack only');
    assert.equal(ran, 0);
    assert.equal(s.scan('a NEEDLE? no: needle').length, 1);
    assert.equal(ran, 1);
  });

  it('finds the same secrets at the same places when its keyword pass runs in WebAssembly, as in the server and the CLI', () => {
    const withWasm = createScanner(BUILTIN_RULES, { writeUtf16 });
    const g = createKeyGen(seededRandom(11));
    // Every rule's examples, one file of them, and again with text beyond ASCII between them.
    const lines = BUILTIN_RULES.flatMap(r => [...r.examples.positive(g), ...r.examples.negative(g)]);
    for (const text of [lines.join('\n'), lines.join('\n// ключ — ✓ 🔑\n')]) {
      const expected = scanner.scan(text);
      assert.ok(expected.length > BUILTIN_RULES.length, `${expected.length} findings`);
      assert.deepEqual(withWasm.scan(text), expected);
    }
  });

  it('scans a 1 MB single-line file and finds the key at its end', () => {
    const key = fake.anthropic();
    const text = `${'var a=1,b="x";'.repeat(75_000)}k="${key}"`;
    const [f] = scanner.scan(text);
    assert.equal(text.slice(f.start, f.end), key);
    assert.equal(f.line, 0);
  });
});
