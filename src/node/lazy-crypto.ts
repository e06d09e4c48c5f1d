import type * as Crypto from 'node:crypto';

let loaded: typeof Crypto | undefined;

/**
 * `node:crypto`, loaded at its first use rather than at start-up: loading it takes 10 ms, and a
 * scan with no baseline to match or write hashes nothing, yet each of its threads loaded it.
 */
export function nodeCrypto(): typeof Crypto {
  loaded ??= require('node:crypto') as typeof Crypto;
  return loaded;
}
