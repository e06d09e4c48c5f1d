import { BUILTIN_RULES, createScanner } from '../../src/core';

const scanner = createScanner(BUILTIN_RULES);

/** A text with every secret the engine finds in it shown masked, as in the product's own output. */
export function maskSecretsIn(text: string): string {
  let out = text;
  for (const f of scanner.scan(text).reverse()) {
    out = out.slice(0, f.start) + f.masked + out.slice(f.end);
  }
  return out;
}

/**
 * Mocha root hooks: a failing test's message, diff and stack are masked before the reporter
 * prints them, so a failure never shows one of the generated keys in full either.
 */
export const mochaHooks = {
  afterEach(this: Mocha.Context): void {
    const test = this.currentTest as (Mocha.Test & { err?: Record<string, unknown> }) | undefined;
    const err = test?.state === 'failed' ? test.err : undefined;
    if (!err) {
      return;
    }
    for (const field of ['message', 'stack', 'actual', 'expected']) {
      if (typeof err[field] === 'string') {
        err[field] = maskSecretsIn(err[field] as string);
      }
    }
  },
};
