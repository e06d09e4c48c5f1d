import { nodeCrypto } from '../lazy-builtins';

/**
 * Fingerprints of secrets. A scan hashes each secret where it finds it (`secretHash`, SHA-256 of
 * the rule and the secret); that hash never leaves the process. What is written down (a committed
 * baseline, SARIF's `partialFingerprints`, JSON) is the secret hash stretched with scrypt under a
 * salt of the repository's: from such a file, guessing a weak password costs milliseconds
 * of one core and 1 MiB per guess, per repository, where an unsalted SHA-256 cost nanoseconds.
 */

/** SHA-256 of the rule and the secret: the in-memory identity of a secret. Never printed or written. */
export function secretHash(ruleId: string, secret: string): string {
  return nodeCrypto().createHash('sha256').update(`${ruleId}\0${secret}`).digest('hex');
}

/** scrypt's cost: N = 2^10, r = 8 (1 MiB of memory), p = 1: about 2.4 ms a fingerprint on one core, 25,000 times the cost of a SHA-256, and a baseline of 1,400 entries still matched in seconds. */
export const KDF = { name: 'scrypt', N: 1 << 10, r: 8, p: 1 } as const;
/** The KDF's name as a baseline records it. */
export const KDF_NAME = `scrypt-N${KDF.N}-r${KDF.r}-p${KDF.p}`;
const OPTIONS = { N: KDF.N, r: KDF.r, p: KDF.p, maxmem: 64 << 20 };

/** A new salt for a new baseline: 16 random bytes, hex. */
export function newSalt(): string {
  return nodeCrypto().randomBytes(16).toString('hex');
}

/** One process rarely meets a secret twice, but an editor checks the same file on every keystroke. */
const memo = new Map<string, string>();
const MEMO_LIMIT = 10_000;

function remember(key: string, value: string): string {
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value as string);
  memo.set(key, value);
  return value;
}

/** The fingerprint written down for a secret hash under `salt` (64 hex digits). */
export function keyedFingerprint(hash: string, salt: string): string {
  const key = `${salt}\0${hash}`;
  return memo.get(key) ?? remember(key, nodeCrypto().scryptSync(Buffer.from(hash, 'hex'), salt, 32, OPTIONS).toString('hex'));
}

/** The same, on the thread pool: a report of many findings takes every core. */
export function keyedFingerprintAsync(hash: string, salt: string): Promise<string> {
  const key = `${salt}\0${hash}`;
  const known = memo.get(key);
  if (known) return Promise.resolve(known);
  return new Promise((resolve, reject) =>
    nodeCrypto().scrypt(Buffer.from(hash, 'hex'), salt, 32, OPTIONS, (error, derived) =>
      error ? reject(error) : resolve(remember(key, derived.toString('hex'))),
    ),
  );
}
