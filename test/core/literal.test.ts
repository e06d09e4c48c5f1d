import * as assert from 'node:assert/strict';
import { BUILTIN_RULES, createScanner } from '../../src/core';
import { toEnvVarName } from '../../src/core/fix/env-name';
import { fake } from '../helpers/fake-keys';

const scanner = createScanner(BUILTIN_RULES);

describe('finding spans', () => {
  it('gives the enclosing string literal, quotes included', () => {
    const key = fake.anthropic();
    const text = `const k = "${key}";`;
    const [f] = scanner.scan(text);
    assert.equal(text.slice(f.literal!.start, f.literal!.end), `"${key}"`);
  });

  it('gives the whole literal when the secret is part of a larger string', () => {
    const key = fake.openai();
    const text = `headers = { Authorization: 'Bearer ${key}' }`;
    const [f] = scanner.scan(text);
    assert.equal(f.ruleId, 'openai-api-key');
    assert.equal(text.slice(f.literal!.start, f.literal!.end), `'Bearer ${key}'`);
  });

  it('gives no literal for an unquoted value, or a key after a closed string', () => {
    assert.equal(scanner.scan(`KEY=${fake.anthropic()}`)[0].literal, undefined);
    assert.equal(scanner.scan(`x = "a" + ${fake.github()}`)[0].literal, undefined);
  });

  it('skips escaped quotes inside the literal', () => {
    const key = fake.github();
    const text = `s = "say \\"hi\\" ${key} now"`;
    const [f] = scanner.scan(text);
    assert.equal(text.slice(f.literal!.start, f.literal!.end), `"say \\"hi\\" ${key} now"`);
  });

  it('gives the match span around the secret, e.g. a whole connection string', () => {
    const text = `url = "mongodb+srv://app:${'Zx9'.repeat(6)}Q@cluster0.ab1cd.mongodb.net/orders"`;
    const [f] = scanner.scan(text);
    assert.equal(text.slice(f.match.start, f.match.end), text.slice(7, -1));
  });
});

describe('env var names', () => {
  it('turns identifiers, properties and keys into valid env var names', () => {
    const cases: Array<[string, string]> = [
      ['apiKey', 'API_KEY'],
      ['stripeSecret', 'STRIPE_SECRET'],
      ['db.password', 'DB_PASSWORD'],
      ['config.apiKey', 'API_KEY'],
      ['this.clientSecret', 'CLIENT_SECRET'],
      ['$api_key', 'API_KEY'],
      ['X-Api-Key', 'X_API_KEY'],
      ['APIKey', 'API_KEY'],
      ['2fa-secret', 'FA_SECRET'],
      ['--', 'SECRET'],
    ];
    for (const [name, env] of cases) {
      assert.equal(toEnvVarName(name, 'SECRET'), env, name);
    }
  });
});
