import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { jsonReporter } from './reporters/json';
import type { Reporter } from './reporters/reporter';
import { textReporter } from './reporters/text';
import { runScan } from './run';

declare const __VERSION__: string;

/** Exit codes others build on: CI and hooks read them. */
export const EXIT = { clean: 0, findings: 1, error: 2 } as const;

const USAGE = `Usage: secret-safe scan [paths...] [options]

Finds hardcoded secrets (API keys, tokens, private keys) in files and folders.
Folders are walked with their .gitignore files honoured. Values are always masked.
Also reports secret files (.env, *.pem, ...) that git tracks or does not ignore.

Options:
  --format <text|json>  output format (default: text)
  --output <file>       write the report to a file instead of stdout
  --no-git              never run git: read .gitignore files and .git/index instead
  -h, --help            show this help
  -v, --version         show the version

Exit codes: 0 no secrets found, 1 secrets found, 2 usage or fatal error.
`;

const REPORTERS: Record<string, Reporter> = { text: textReporter, json: jsonReporter };

/** A usage or fatal error: printed as one line, exit code 2. */
class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', default: 'text' },
      output: { type: 'string' },
      'no-git': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return EXIT.clean;
  }
  if (values.version) {
    process.stdout.write(`${__VERSION__}\n`);
    return EXIT.clean;
  }
  const [command, ...paths] = positionals;
  if (command !== 'scan') {
    throw new UsageError(command ? `unknown command '${command}' (try 'secret-safe scan')` : "missing command (try 'secret-safe scan .')");
  }
  const reporter = REPORTERS[values.format ?? 'text'];
  if (!reporter) {
    throw new UsageError(`unknown format '${values.format}' (use text or json)`);
  }
  const run = await runScan(paths.length > 0 ? paths : ['.'], process.cwd(), { git: !values['no-git'] });
  for (const warning of run.warnings) {
    process.stderr.write(`secret-safe: config: ${warning}\n`);
  }
  const report = reporter.format(run.findings, run.summary, run.hygiene);
  if (values.output) {
    writeFileSync(values.output, report);
  } else {
    process.stdout.write(report);
  }
  process.stderr.write(`${summaryLine(run.findings.length, new Set(run.findings.map(f => f.file)).size, run.hygiene.length, run.summary.filesScanned)}\n`);
  return run.findings.length > 0 || run.hygiene.length > 0 ? EXIT.findings : EXIT.clean;
}

function summaryLine(secrets: number, files: number, hygiene: number, scanned: number): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const found = secrets === 0 ? 'no secrets found' : `${plural(secrets, 'secret')} found in ${plural(files, 'file')}`;
  const git = hygiene === 0 ? '' : `, ${plural(hygiene, 'git hygiene problem')}`;
  return `secret-safe: ${found}${git} (${plural(scanned, 'file')} scanned)`;
}

/** One line, no stack: the user needs the reason, not our call graph. */
function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT' && e.path) {
    return `no such file or folder: ${e.path}`;
  }
  if (e.code === 'EACCES' && e.path) {
    return `permission denied: ${e.path}`;
  }
  return e instanceof Error ? e.message : String(error);
}

main(process.argv.slice(2)).then(
  code => {
    process.exitCode = code;
  },
  error => {
    process.stderr.write(`secret-safe: ${describe(error)}\n`);
    if (!(error instanceof UsageError) && process.env.SECRET_SAFE_DEBUG) {
      process.stderr.write(`${(error as Error).stack}\n`);
    }
    process.exitCode = EXIT.error;
  },
);
