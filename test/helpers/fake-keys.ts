import { randomInt } from 'node:crypto';
import { base62, crc32 } from '../../src/core/checksum';
import { createKeyGen } from '../../src/core/keygen';

/**
 * Fake keys in real formats, built at test time with a cryptographic random body. The repository
 * never holds a key that looks real; every run checks fresh ones.
 */
export const gen = createKeyGen(() => randomInt(0, 2 ** 32) / 2 ** 32);

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export const fake = {
  anthropic: (): string => `sk-ant-api03-${gen.base64url(93)}AA`,
  openai: (): string => `sk-proj-${gen.base64url(74)}T3BlbkFJ${gen.base64url(74)}`,
  awsKeyId: (): string => `AKIA${gen.chars(BASE32, 16)}`,
  github: (): string => {
    const body = gen.alnum(30);
    return `ghp_${body}${base62(crc32(body), 6)}`;
  },
  /** A GitHub-shaped token whose checksum is wrong. */
  githubBadChecksum: (): string => {
    const body = gen.alnum(30);
    const good = base62(crc32(body), 6);
    return `ghp_${body}${good[0] === 'A' ? 'B' : 'A'}${good.slice(1)}`;
  },
  pem: (eol = '\n'): string =>
    ['-----BEGIN RSA PRIVATE KEY-----', ...Array.from({ length: 6 }, () => gen.base64(64)), '-----END RSA PRIVATE KEY-----'].join(eol),
};

/** A run of characters from the middle of a secret: it must never appear in any output. */
export function hiddenPart(secret: string): string {
  const middle = Math.floor(secret.length / 2);
  return secret.slice(middle - 6, middle + 6);
}
