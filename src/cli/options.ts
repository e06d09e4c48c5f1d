import { type ParseArgsConfig, parseArgs } from 'node:util';

/** The CLI's options, as `parseArgs` reads them (see parseCommandLine). */
export const CLI_OPTIONS = {
  format: { type: 'string', default: 'text' },
  output: { type: 'string' },
  staged: { type: 'boolean' },
  since: { type: 'string' },
  stdin: { type: 'boolean' },
  'stdin-name': { type: 'string', default: '<stdin>' },
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
  'no-git': { type: 'boolean' },
  'no-color': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  threads: { type: 'string' },
  'global-hooks': { type: 'boolean' },
  check: { type: 'boolean' },
  history: { type: 'boolean' },
  all: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies ParseArgsConfig['options'];

function parse(argv: readonly string[]) {
  return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: CLI_OPTIONS });
}

/** The last command line parsed, and what came of it. */
let last: { argv: readonly string[]; parsed?: ReturnType<typeof parse>; error?: unknown } | undefined;

/**
 * The command line `argv` parsed, or the error `parseArgs` threw for it, thrown again. Parsed once:
 * the CLI reads it as it loads (workers-ahead.ts) and again in its command (main.ts), and a hook's
 * list of 15,000 files took `parseArgs` about 40 ms.
 */
export function parseCommandLine(argv: readonly string[]): ReturnType<typeof parse> {
  if (last === undefined || last.argv.length !== argv.length || last.argv.some((arg, i) => arg !== argv[i])) {
    try {
      last = { argv, parsed: parse(argv) };
    } catch (error) {
      last = { argv, error };
    }
  }
  if (last.parsed === undefined) throw last.error;
  return last.parsed;
}
