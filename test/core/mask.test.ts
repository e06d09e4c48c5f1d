import * as assert from 'node:assert/strict';
import { BUILTIN_RULES, createScanner, maskSecret } from '../../src/core';
import { fake } from '../helpers/fake-keys';

describe('maskSecret', () => {
  it('shows the provider prefix and the last 4 characters only', () => {
    const key = fake.anthropic();
    assert.equal(maskSecret(key, { maskPrefix: /^sk-ant-api03-/ }), `sk-ant-api03-****${key.slice(-4)}`);
  });

  it('shows no tail when the hidden part is short', () => {
    assert.equal(maskSecret('abcdefghij'), '****');
  });

  it('never shows a prefix that would reveal half the secret or more', () => {
    assert.equal(maskSecret('abcdefgh12345678', { maskPrefix: /^abcdefgh/ }), '****5678');
  });

  it('hides the tail where the rule says it carries no meaning', () => {
    assert.equal(maskSecret(fake.pem(), { maskPrefix: /^-----BEGIN [A-Z ]*PRIVATE KEY-----/, maskTail: false }), '-----BEGIN RSA PRIVATE KEY-----****');
  });

  it('does not reveal the length of the secret', () => {
    assert.equal(maskSecret('a'.repeat(40)).length, maskSecret('a'.repeat(400)).length);
  });

  it("keeps a key's whole public prefix, which says its kind: sk-proj-, sk-ant-api03-", () => {
    const scanner = createScanner(BUILTIN_RULES);
    for (const [key, prefix] of [
      [fake.openai(), 'sk-proj-'],
      [fake.anthropic(), 'sk-ant-api03-'],
    ] as const) {
      const [finding] = scanner.scan(`key = "${key}"`);
      assert.equal(finding.masked, `${prefix}****${key.slice(-4)}`);
    }
  });
});
