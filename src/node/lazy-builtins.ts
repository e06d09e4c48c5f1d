// Node's modules that only some runs use, each loaded at its first use rather than at start-up.
import type * as ChildProcess from 'node:child_process';
import type * as Crypto from 'node:crypto';

let crypto: typeof Crypto | undefined;
let childProcess: typeof ChildProcess | undefined;

/**
 * `node:crypto`: loading it takes 10 ms, and a scan with no baseline to match or write hashes
 * nothing, yet each of its threads loaded it.
 */
export function nodeCrypto(): typeof Crypto {
  crypto ??= require('node:crypto') as typeof Crypto;
  return crypto;
}

/** `node:child_process` (5 ms): a scan with `--no-git` runs no program. */
export function nodeChildProcess(): typeof ChildProcess {
  childProcess ??= require('node:child_process') as typeof ChildProcess;
  return childProcess;
}
