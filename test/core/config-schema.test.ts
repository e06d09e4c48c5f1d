import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parseConfig } from '../../src/core';
import { REPO_ROOT } from '../helpers/repo';

const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/secret-safe.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe('the .secret-safe.json schema', () => {
  it("accepts this repository's own config and a config using every field", () => {
    const full = {
      disabledRules: ['generic-secret'],
      allowlist: { paths: ['fixtures/**'], values: ['^sk_test_'] },
      rules: [
        {
          id: 'acme-api-key',
          provider: 'Acme',
          description: 'API key',
          regex: 'acme_[a-z0-9]{32}',
          keywords: ['acme_'],
          secretGroup: 1,
          entropy: 3,
          severity: 'warning',
          envVar: 'ACME_API_KEY',
        },
      ],
      secretFiles: [{ id: 'vault-token', description: 'a Vault token file', name: '.vault-token' }],
      baseline: '.secret-safe-baseline.json',
      exits: [{ id: 'gcloud-deploy', name: 'gcloud app deploy', configuredBy: ['app.yaml'], ignoreFile: '.gcloudignore' }],
      rotation: { production: 30, staging: 60, default: 90 },
    };
    for (const config of [JSON.parse(readFileSync(join(REPO_ROOT, '.secret-safe.json'), 'utf8')), full]) {
      assert.ok(validate(config), JSON.stringify(validate.errors));
      assert.deepEqual(parseConfig(JSON.stringify(config)).problems, []);
    }
  });

  it('rejects what the parser rejects: a rule without keywords, a bad severity, an unknown field', () => {
    const bad = [
      { rules: [{ id: 'x', regex: 'x{3}' }] },
      { rules: [{ id: 'x', regex: 'x{3}', keywords: ['x'], severity: 'critical' }] },
      { disabledRule: ['x'] },
      { baseline: 3 },
      { rotation: { production: 0 } },
      { rotation: { production: 'monthly' } },
    ];
    for (const config of bad) {
      assert.equal(validate(config), false, JSON.stringify(config));
    }
    assert.equal(parseConfig(JSON.stringify(bad[0])).problems.length, 1);
    assert.equal(parseConfig(JSON.stringify(bad[1])).problems.length, 1);
    assert.match(parseConfig(JSON.stringify(bad[2])).problems[0].message, /unknown field "disabledRule"/);
    assert.match(parseConfig(JSON.stringify(bad[3])).problems[0].message, /"baseline" must be the path of a baseline file/);
    for (const config of bad.slice(4)) {
      assert.match(parseConfig(JSON.stringify(config)).problems[0].message, /"rotation\.production" must be a whole number of days between 1 and 3650/);
    }
  });
});
