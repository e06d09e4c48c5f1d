import type { ParseArgsConfig } from 'node:util';

/** The CLI's options, as `parseArgs` reads them: by the command (main.ts), and before it by early-start.ts. */
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
