import type { EnvLoading, LoadingInput } from './types';
import { afterLeading, dirOf, insertLinesAt, relativeTo } from './text';

/** A `.env` line make reads to the same value: a comment, a blank, or `NAME=` with a bare value (make keeps quotes). */
const MAKE_SAFE = /^\s*(?:#.*)?$|^(?:export\s+)?[A-Za-z_]\w*=[\w.,/:@%+=~-]*\s*$/;

/** Whether make would read `value`, written bare in `.env`, exactly as dotenv does. */
export function makeSafeValue(value: string): boolean {
  return /^[\w.,/:@%+=~-]+$/.test(value);
}

/**
 * Makefiles: `-include .env` (no error when it is missing) and `export`, so recipes see the
 * variables too. Make keeps quotes as part of a value, so only a `.env` of bare values can be
 * included.
 */
export function makefileLoading(input: LoadingInput): EnvLoading {
  const { document } = input;
  const command = 'make';
  const path = relativeTo(dirOf(document.rel), input.envRel);
  if (/^\s*-?include\s+\S*\.env\b/m.test(document.text)) return { kind: 'loaded', by: 'the Makefile itself' };
  const bad = (input.envText ?? '').split(/\r?\n/).findIndex(line => !MAKE_SAFE.test(line));
  if (bad >= 0) {
    return {
      kind: 'unwired',
      reason: `line ${bad + 1} of .env has a value make would read differently (quotes, spaces), so the Makefile cannot include it`,
      command,
    };
  }
  const at = afterLeading(document.text, /^\s*(?:#.*)?$/);
  return {
    kind: 'wired',
    command,
    by: `-include ${path} in ${document.rel}`,
    changes: [{ rel: document.rel, edits: [insertLinesAt(document.text, at, [`-include ${path}`, 'export', ''])] }],
  };
}
