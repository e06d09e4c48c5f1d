import type { EnvLoading, LoadingInput } from './types';
import { afterLeading, dirOf, insertLinesAt, relativeTo } from './text';

/** A `.env` line a POSIX shell sources to the same value: a comment, a blank, or `NAME=` with a value it reads as dotenv does. */
const SHELL_SAFE = /^\s*(?:#.*)?$|^(?:export\s+)?[A-Za-z_]\w*=(?:'[^']*'|[\w.,/:@%+=-]*)(?:\s+#.*)?\s*$/;

/**
 * Shell scripts: `.env` sourced with `set -a` so its variables are exported, relative to the
 * script's own folder and only when it exists. A `.env` holding lines a shell would read
 * differently (double quotes, spaces, `$`) is not sourced.
 */
export function shellLoading(input: LoadingInput): EnvLoading {
  const { document } = input;
  const command = `./${document.rel}`;
  if (/^\s*(?:set\s+-a|set\s+-o\s+allexport)\b|^\s*(?:\.|source)\s+\S*\.env\b/m.test(document.text)) return { kind: 'loaded', by: 'the script itself' };
  const bad = (input.envText ?? '').split(/\r?\n/).findIndex(line => !SHELL_SAFE.test(line));
  if (bad >= 0) {
    return { kind: 'unwired', reason: `line ${bad + 1} of .env is not something a shell reads as dotenv does, so the script cannot source it`, command };
  }
  const path = `"$(dirname "$0")/${relativeTo(dirOf(document.rel), input.envRel)}"`;
  const line = `if [ -f ${path} ]; then set -a; . ${path}; set +a; fi`;
  const at = afterLeading(document.text, /^\s*(?:#.*|set\s+-[a-z]+(?:\s+\w+)*|)$/);
  return { kind: 'wired', command, by: 'a guarded source of .env', changes: [{ rel: document.rel, edits: [insertLinesAt(document.text, at, [line])] }] };
}
