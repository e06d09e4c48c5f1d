import * as assert from 'node:assert/strict';
import { BUILTIN_RULES, parseConfig } from '../../src/core';
import { catastrophicShape, maxMatchLength } from '../../src/core/regex-shape';

// Issue 17, item 2: a repository's own rules must not be able to hang the scan. Each pattern
// below takes seconds to minutes on a text of a few dozen characters in V8 (the review measured
// 40-50 s on 31 bytes for the first two); each is refused when the config is read.
const CATASTROPHIC: Array<[pattern: string, why: RegExp]> = [
  ['(?:a|a){1,40}b', /repeated alternatives/],
  ['(a{1,30}){1,30}$', /repeats itself/],
  ['(?:a|ab){1,20}c', /repeated alternatives/],
  ['(?:\\w{1,10}){1,10}!', /repeats itself/],
  ['(?:a?){1,30}b', /repeats itself/],
  ['a{0,200}a{0,200}a{0,200}b', /side by side/],
  ['x{1,100}\\s{0,100}x{1,200}!', /side by side/],
  ['acme_(?:[a-z]|[a-f0-9]){1,40}!', /repeated alternatives/],
];

// Shapes people write, which a backtracking engine handles in linear time: accepted.
const FINE = [
  'acme_[A-Za-z0-9]{32}',
  'sk-[A-Za-z0-9]{20,60}',
  '(?<![A-Za-z0-9])acme_[a-f0-9]{32}(?![a-f0-9])',
  '\\bkey\\s{0,5}=\\s{0,5}["\']([^"\']{8,64})["\']',
  '(?:\\d{1,3}\\.){3}\\d{1,3}',
  '(?:[a-z]{1,10}\\.){1,5}com',
  '(?:https|http)://[a-z]{1,20}',
  '(?:ab|cd){1,5}',
  'password=([^&;\\s]{1,128})',
  '[a-z0-9]{1,100}@[a-z]{1,50}\\.[a-z]{2,10}',
];

describe('regex shapes that take exponential time', () => {
  for (const [pattern, why] of CATASTROPHIC) {
    it(`refuses ${pattern} in a custom rule, saying why`, () => {
      assert.match(catastrophicShape(pattern) ?? '', why);
      const { config, problems } = parseConfig(JSON.stringify({ rules: [{ id: 'acme-key', regex: pattern, keywords: ['a'] }] }));
      assert.equal(config.rules.length, 0);
      assert.match(problems[0].message, /rule "acme-key": this pattern can take exponential time on some text/);
    });
  }

  it('accepts the shapes rules are usually written in', () => {
    for (const pattern of FINE) assert.equal(catastrophicShape(pattern), undefined, pattern);
  });

  it('finds none of those shapes in any built-in rule', () => {
    for (const rule of BUILTIN_RULES) assert.equal(catastrophicShape(rule.pattern.source), undefined, rule.id);
  });

  it('refuses the same shapes in allowlist values and secret-file "contains" patterns', () => {
    const { config, problems } = parseConfig(
      JSON.stringify({ allowlist: { values: ['(a{1,30}){1,30}$'] }, secretFiles: [{ id: 'vault', name: '*.vault', contains: '(?:a|a){1,40}b' }] }),
    );
    assert.equal(config.allowlistValues.length, 0);
    assert.equal(config.secretFiles.length, 0);
    assert.equal(problems.length, 2);
  });

  it('knows the longest text a pattern can match', () => {
    assert.equal(maxMatchLength('acme_[a-f0-9]{32}'), 5 * 2 + 32 * 2);
    assert.equal(maxMatchLength('a{1,3}(?:bc|d){2}'), 3 * 2 + 2 * 4);
  });
});
