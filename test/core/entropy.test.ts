import * as assert from 'node:assert/strict';
import { shannonEntropy } from '../../src/core';
import { gen } from '../helpers/fake-keys';

describe('shannonEntropy', () => {
  it('is 0 for a repeated character and log2(n) for n distinct ones', () => {
    assert.equal(shannonEntropy('aaaaaaaa'), 0);
    assert.equal(shannonEntropy('abcd'), 2);
  });

  it('measures a slice of a longer string', () => {
    assert.equal(shannonEntropy('xxabcdxx', 2, 6), 2);
  });

  it('rates random base64 well above English words', () => {
    assert.ok(shannonEntropy(gen.base64(64)) > 4.5);
    assert.ok(shannonEntropy('passwordpassword') < 3);
  });
});
