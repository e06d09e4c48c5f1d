import * as assert from 'node:assert/strict';
import { BUILTIN_RULES, createScanner, lendScannerForRedaction, maskFoundSecrets, parseConfig } from '../../src/core';
import { scannerFor } from '../../src/node/scan/rule-set';
import { fake } from '../helpers/fake-keys';

describe('the scanner that masks printed lines', () => {
  it('takes a project scanner only when it runs every built-in rule', () => {
    // A project that turns a rule off: its scanner would leave that rule's keys in printed lines.
    const disabled = parseConfig(JSON.stringify({ disabledRules: ['github-pat'] })).config;
    assert.equal(lendScannerForRedaction(scannerFor(disabled)), false);
    // Built-in rules replaced by look-alikes (same ids): refused too.
    assert.equal(lendScannerForRedaction(createScanner(BUILTIN_RULES.map(r => ({ ...r })))), false);
    // A project's own rules on top of all the built-in ones: taken.
    const own = parseConfig(
      JSON.stringify({ rules: [{ id: 'acme-token', description: 'ACME token', regex: 'acme_[a-z0-9]{20}', keywords: ['acme_'] }] }),
    ).config;
    assert.equal(own.rules.length, 1);
    assert.equal(lendScannerForRedaction(scannerFor(own)), true);
    // Whichever scanner masks, a key in a printed line is masked.
    const key = fake.github();
    const line = maskFoundSecrets(`const token = '${key}';`);
    assert.ok(!line.includes(key) && line.includes('ghp_'), line.replace(key, '<key>'));
  });
});
