import * as assert from 'node:assert/strict';
import { BUILTIN_RULES, createScanner } from '../../src/core';
import { gen } from '../helpers/fake-keys';

// Issue 17, item 3: the armoured-block rules skip a stretch of headers with no footer in reach
// (a file of bare headers cost 5-9 s per MB). Skipping must never lose a key.
const scanner = createScanner(BUILTIN_RULES);
const pem = (type: string, eol = '\n'): string => `-----BEGIN ${type}PRIVATE KEY-----${eol}${gen.pemBody(8, eol)}${eol}-----END ${type}PRIVATE KEY-----`;
const pgp = (): string => `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${gen.pemBody(10, '\n')}\n=${gen.base64(4)}\n-----END PGP PRIVATE KEY BLOCK-----`;
const ids = (text: string): string[] => scanner.scan(text).map(f => f.ruleId);

describe('armoured blocks among hostile text', () => {
  it('finds a key after thousands of bare headers, and a key between them', () => {
    const bare = '-----BEGIN RSA PRIVATE KEY-----\n'.repeat(3000);
    assert.deepEqual(ids(`${bare}${pem('RSA ')}\n`), ['private-key']);
    assert.deepEqual(ids(`${bare}${pem('')}\n${bare}${pem('EC ')}\n${bare}`), ['private-key', 'private-key']);
    const pgpBare = '-----BEGIN PGP PRIVATE KEY BLOCK-----\n'.repeat(3000);
    assert.deepEqual(ids(`${pgpBare}${pgp()}\n${pgpBare}`), ['pgp-private-key']);
  });

  it('pairs each header with its own footer: a key whose footer names another type is no key', () => {
    const key = pem('RSA ').replace('-----END RSA PRIVATE KEY-----', '-----END EC PRIVATE KEY-----');
    assert.deepEqual(ids(key), []);
    assert.deepEqual(ids(`${key}\n${pem('EC ')}`), ['private-key']);
  });

  it('finds a key whose body a stray character cut short before, and one in a string with \\n escapes', () => {
    assert.deepEqual(ids(`-----BEGIN RSA PRIVATE KEY-----\nAAAA<\n${pem('RSA ')}`), ['private-key']);
    assert.deepEqual(ids(`const k = "${pem('', '\\n')}";`), ['private-key']);
  });

  it('reads a jdbc URL whose password comes late, after many jdbc: hits without one', () => {
    const noise = 'jdbc:jdbc:jdbc:'.repeat(2000);
    const password = gen.alnum(16);
    const found = scanner.scan(`${noise} url = "jdbc:postgresql://db.internal:5432/app?user=app&password=${password}"`);
    assert.deepEqual(
      found.map(f => f.ruleId),
      ['jdbc-connection-string-password'],
    );
  });
});
