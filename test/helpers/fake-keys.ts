import { randomInt } from 'node:crypto';
import { fakeKeys } from '../../src/core/fake-keys';
import { createKeyGen } from '../../src/core/keygen';

/** Random bodies from a cryptographic source: every run checks fresh keys. */
export const gen = createKeyGen(() => randomInt(0, 2 ** 32) / 2 ** 32);

/** Fake keys in real formats, built at test time; the repository holds none. */
export const fake = fakeKeys(gen);

/** A run of characters from the middle of a secret: it must never appear in any output. */
export function hiddenPart(secret: string): string {
  const middle = Math.floor(secret.length / 2);
  return secret.slice(middle - 6, middle + 6);
}
