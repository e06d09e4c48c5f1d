import * as assert from 'node:assert/strict';
import { createPathMatcher, findingMessage, parseConfig } from '../../src/core';
import { scannerFor } from '../../src/node/scan/rule-set';
import { fake, gen } from '../helpers/fake-keys';

describe('project config', () => {
  it('reads disabled rules and allowlisted paths', () => {
    const { config, problems } = parseConfig('{ "disabledRules": ["private-key"], "allowlist": { "paths": ["fixtures/**"] } }');
    assert.deepEqual(problems, []);
    assert.deepEqual(config.disabledRules, ['private-key']);
    assert.deepEqual(config.allowlistPaths, ['fixtures/**']);
  });

  it('names the line of a JSON syntax error and falls back to the empty config', () => {
    const { config, problems } = parseConfig('{\n  "disabledRules": [\n    "a"\n    "b"\n  ]\n}');
    assert.deepEqual(config.disabledRules, []);
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

describe('project config: custom rules and allowlisted values', () => {
  const config = (json: object): string => JSON.stringify(json, null, 2);

  it('compiles a custom rule in the built-in shape, and the scanner reports it', () => {
    const { config: c, problems } = parseConfig(
      config({
        rules: [
          { id: 'acme-api-key', provider: 'Acme', description: 'API key', regex: 'acme_[a-z0-9]{32}', keywords: ['ACME_'], entropy: 3, envVar: 'ACME_API_KEY' },
        ],
      }),
    );
    assert.deepEqual(problems, []);
    const key = `acme_${gen.chars('abcdefghijklmnopqrstuvwxyz0123456789', 32)}`;
    const [f] = scannerFor(c).scan(`const k = "${key}";`);
    assert.equal(f.ruleId, 'acme-api-key');
    assert.equal(f.envVar, 'ACME_API_KEY');
    assert.match(findingMessage(f), /^Acme API key \*\*\*\*/);
  });

  it('refuses a custom regex with unbounded quantifiers, naming its line, and keeps the other rules', () => {
    const text = config({
      rules: [
        { id: 'bad-rule', regex: 'bad_[a-z]+', keywords: ['bad_'] },
        { id: 'good-rule', regex: 'good_[a-z]{20}', keywords: ['good_'] },
      ],
    });
    const { config: c, problems } = parseConfig(text);
    assert.deepEqual(
      c.rules.map(r => r.id),
      ['good-rule'],
    );
    assert.equal(problems.length, 1);
    assert.equal(
      problems[0].line,
      text.split('\n').findIndex(l => l.includes('bad_[a-z]+')),
    );
    assert.match(problems[0].message, /rule "bad-rule": use bounded quantifiers/);
  });

  it('reports an invalid regex, a missing keyword list and a bad severity, each on its line', () => {
    const text = config({
      rules: [
        { id: 'broken', regex: 'a(b', keywords: ['a'] },
        { id: 'no-keywords', regex: 'x{3}' },
        { id: 'loud', regex: 'y{3}', keywords: ['y'], severity: 'critical' },
      ],
    });
    const { problems } = parseConfig(text);
    assert.deepEqual(
      problems.map(p => p.message.replace(/:.*/, '')),
      ['rule "broken"', 'rule "no-keywords"', 'rule "loud"'],
    );
    assert.match(problems[0].message, /invalid regular expression/);
    assert.ok(problems.every(p => p.line > 0));
  });

  it('never reports a value the allowlist matches', () => {
    const { config: c } = parseConfig(config({ allowlist: { values: ['^ghp_[A-Za-z0-9]{0,36}$'] } }));
    assert.deepEqual(scannerFor(c).scan(`token = ${fake.github()}`), []);
    assert.equal(scannerFor(c).scan(`key = ${fake.anthropic()}`).length, 1);
  });

  it('accepts comments and trailing commas', () => {
    const { config: c, problems } = parseConfig('{\n  // generated fixtures\n  "allowlist": { "paths": ["fixtures/**",] },\n}');
    assert.deepEqual(problems, []);
    assert.deepEqual(c.allowlistPaths, ['fixtures/**']);
  });

  it("reads the project's own exits, and refuses an entry that leaves the project or lacks a field, on its line", () => {
    const { config: c, problems } = parseConfig(
      [
        '{',
        '  "exits": [',
        '    { "id": "gcloud-deploy", "name": "gcloud app deploy", "configuredBy": ["app.yaml"], "ignoreFile": ".gcloudignore" },',
        '    { "id": "escape", "name": "x", "configuredBy": ["a"], "ignoreFile": "../outside" },',
        '    { "id": "nothing", "name": "y", "configuredBy": [], "ignoreFile": ".yignore" }',
        '  ]',
        '}',
      ].join('\n'),
    );
    assert.deepEqual(c.exits, [{ id: 'gcloud-deploy', name: 'gcloud app deploy', configuredBy: ['app.yaml'], ignoreFile: '.gcloudignore' }]);
    assert.deepEqual(
      problems.map(p => [p.line, p.message.split(':')[0]]),
      [
        [3, 'exit "escape"'],
        [4, 'exit "nothing"'],
      ],
    );
  });
});
