import * as assert from 'node:assert/strict';
import { base62, crc32, hasBase62Crc32 } from '../../src/core/checksum';
import { fake } from '../helpers/fake-keys';

describe('checksums', () => {
  it('computes CRC-32 (IEEE) check values', () => {
    assert.equal(crc32('123456789'), 0xcbf43926);
    assert.equal(crc32(''), 0);
  });

  it('encodes base62 with digits first, padded to width', () => {
    assert.equal(base62(0, 6), '000000');
    assert.equal(base62(61, 2), '0z');
    assert.equal(base62(62, 1), '10');
    assert.equal(base62(0xffffffff, 6), '4gfFC3');
  });

  it('accepts a GitHub token whose last 6 characters are its checksum, and rejects a changed one', () => {
    assert.equal(hasBase62Crc32(fake.github(), 4), true);
    assert.equal(hasBase62Crc32(fake.githubBadChecksum(), 4), false);
  });
});
