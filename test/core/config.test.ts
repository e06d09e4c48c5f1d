import * as assert from 'node:assert/strict';
import { createPathMatcher, parseConfig } from '../../src/core';

describe('project config', () => {
  it('reads disabled rules and allowlisted paths', () => {
    const { config, problems } = parseConfig('{ "disabledRules": ["private-key"], "allowlist": { "paths": ["fixtures/**"] } }');
    assert.deepEqual(problems, []);
    assert.deepEqual(config, { disabledRules: ['private-key'], allowlistPaths: ['fixtures/**'] });
  });

  it('names the line of a JSON syntax error and falls back to the empty config', () => {
    const { config, problems } = parseConfig('{\n  "disabledRules": [\n    "a"\n    "b"\n  ]\n}');
    assert.deepEqual(config, { disabledRules: [], allowlistPaths: [] });
    assert.equal(problems.length, 1);
    assert.equal(problems[0].line, 3);
    assert.match(problems[0].message, /invalid JSON/);
  });

  it('names the field of a wrong type and keeps the rest', () => {
    const { config, problems } = parseConfig('{\n  "allowlist": { "paths": ["a/**"] },\n  "disabledRules": "private-key"\n}');
    assert.deepEqual(config.allowlistPaths, ['a/**']);
    assert.deepEqual(problems, [{ line: 2, message: '"disabledRules" must be an array of strings' }]);
  });
});

describe('path matcher', () => {
  it('matches a slash-less pattern at any depth, and everything inside a matched folder', () => {
    const m = createPathMatcher(['fixtures', 'docs/*.md']);
    assert.equal(m('test/e2e/fixtures/a.ts'), true);
    assert.equal(m('fixtures'), true);
    assert.equal(m('docs/rules.md'), true);
    assert.equal(m('docs/deep/rules.md'), false);
    assert.equal(m('src/app.ts'), false);
  });
});
