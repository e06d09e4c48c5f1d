import type { Rule } from './types';

/** What stands for the hidden part. Fixed width, so the mask does not leak the secret's length. */
export const MASK = '****';

/** A tail is shown only when the hidden part is long enough that 4 characters reveal little. */
const MIN_HIDDEN_FOR_TAIL = 16;

/**
 * Masks a secret for display: the rule's identifying prefix (`sk-ant-api03-`), then `****`, then at
 * most the last 4 characters. Everything the user sees (diagnostics, CLI, reports) goes through here.
 */
export function maskSecret(secret: string, rule?: Pick<Rule, 'maskPrefix' | 'maskTail'>): string {
  const prefix = visiblePrefix(secret, rule?.maskPrefix);
  const hidden = secret.length - prefix.length;
  const showTail = rule?.maskTail !== false && hidden >= MIN_HIDDEN_FOR_TAIL;
  return prefix + MASK + (showTail ? secret.slice(-4) : '');
}

function visiblePrefix(secret: string, pattern: RegExp | undefined): string {
  if (!pattern) {
    return '';
  }
  const m = pattern.exec(secret);
  // The prefix must start the secret and leave more than half of it hidden.
  if (m?.index !== 0 || m[0].length * 2 >= secret.length) {
    return '';
  }
  return m[0];
}
