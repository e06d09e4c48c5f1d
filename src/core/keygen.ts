import type { KeyGen } from './types';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const BASE64 = `${ALNUM}+/`;
const BASE64URL = `${ALNUM}-_`;

/**
 * A key generator over any source of uniform numbers in [0, 1): `Math.random` in tests,
 * a seeded generator where a run must be repeatable (the benchmark corpus).
 */
export function createKeyGen(random: () => number): KeyGen {
  const chars = (alphabet: string, n: number): string => {
    let out = '';
    for (let i = 0; i < n; i++) {
      out += alphabet[Math.floor(random() * alphabet.length)];
    }
    return out;
  };
  const hex = (n: number): string => chars(HEX, n);
  return {
    chars,
    alnum: n => chars(ALNUM, n),
    hex,
    upper: n => chars(UPPER, n),
    base64: n => chars(BASE64, n),
    base64url: n => chars(BASE64URL, n),
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
    pemBody: (lines, eol) => Array.from({ length: lines }, () => chars(BASE64, 64)).join(eol),
  };
}

/** A small, fast, seeded PRNG (mulberry32) for repeatable corpora. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
