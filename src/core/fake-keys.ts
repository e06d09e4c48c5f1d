import { base62, crc32 } from './checksum';
import type { KeyGen } from './types';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Fake keys in the real formats, with random bodies from `gen`: for tests, the demo workspace and
 * benchmark corpora. They are built when needed, so the repository never holds a real-looking key.
 */
export function fakeKeys(gen: KeyGen) {
  const github = (): string => {
    const body = gen.alnum(30);
    return `ghp_${body}${base62(crc32(body), 6)}`;
  };
  return {
    anthropic: (): string => `sk-ant-api03-${gen.base64url(93)}AA`,
    openai: (): string => `sk-proj-${gen.base64url(74)}T3BlbkFJ${gen.base64url(74)}`,
    awsKeyId: (): string => `AKIA${gen.chars(BASE32, 16)}`,
    github,
    /** A GitHub-shaped token whose checksum is wrong. */
    githubBadChecksum: (): string => {
      const token = github();
      const last = token.slice(-1);
      return token.slice(0, -1) + (last === 'A' ? 'B' : 'A');
    },
    pem: (eol = '\n'): string =>
      ['-----BEGIN RSA PRIVATE KEY-----', ...Array.from({ length: 6 }, () => gen.base64(64)), '-----END RSA PRIVATE KEY-----'].join(eol),
  };
}

/** The generators `fakeKeys` returns, by name. */
export type FakeKeys = ReturnType<typeof fakeKeys>;
