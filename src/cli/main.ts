// First: starts the scan workers a folder scan will want, before the rest of the CLI loads.
import './early-start';
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseCommandLine } from './options';
import { stopEarly } from '../node/scan/worker-start';
import { BaselineError, baselineText, readBaseline } from '../node/scan/baseline';
import { GitError } from '../node/git/git-content';
import { gitHead } from '../node/git/git';
import { HookError, installHook } from './install-hook';
import { tuneV8 } from './v8-flags';
import { formatInventory, INVENTORY_FORMATS, inventorySummary, runInventory, type InventoryFormat } from './inventory';
import { jsonReporter } from './reporters/json';
import type { FileFinding, Reporter } from './reporters/reporter';
import { gitlabReporter } from './reporters/gitlab';
import { sarifReporter } from './reporters/sarif';
import { batchedWriter, printable, textReporter } from './reporters/text';
import { sizeText } from '../node/read-bounded';
import { redactSecrets } from '../core';
import { decodeText } from '../node/scan/decode';
import { DEFAULT_MAX_FILE_BYTES } from '../node/scan/scan-files';
import { baselineEntries, fingerprintFindings, reportFingerprints, runScan, type ScanSource } from './run';
import { newSalt } from '../node/scan/fingerprint';

declare const __VERSION__: string;

/** Exit codes others build on: CI and hooks read them. */
export const EXIT = { clean: 0, findings: 1, error: 2 } as const;

const USAGE = `Usage: secret-safe scan [paths...] [options]
       secret-safe inventory [paths...] [--format text|json|md|csv] [--check]
       secret-safe install-hook

Finds hardcoded secrets (API keys, tokens, private keys) in files and folders.
Folders are walked with their .gitignore files honoured. Values are always masked.
Also reports secret files (.env, *.pem, ...) that git tracks or does not ignore.

Options:
  --format <text|json|sarif|gitlab>
                              output format (default: text); SARIF 2.1.0 for code
                              scanning; gitlab: GitLab's secret detection report
  --output <file>             write the report to a file instead of stdout
  --staged                    scan what the git index holds for the next commit
  --since <rev>               report only lines added since a revision (and new files)
  --history                   scan the git history: every blob of every ref and reflog
                              once (or, with --since, what came after it); each secret
                              with the commit that first brought it and whether HEAD
                              still holds it. A committed key needs rotating.
  --all                       with --history: every ref and reflog (the default)
  --stdin                     scan standard input (--stdin-name names it in the report)
  --baseline <file>           do not report the findings this baseline accepts
                              (default: the "baseline" that .secret-safe.json names)
  --write-baseline <file>     accept every finding now: write them to a baseline file
  --no-git                    never run git for hygiene: read .gitignore files and .git/index
  --no-color                  no colours (also when NO_COLOR is set or output is not a terminal)
  -q, --quiet                 print findings only, no summary
  --threads <n>               threads that scan folders and history, this one included (default: one per core; 1: no worker)
  -h, --help                  show this help
  -v, --version               show the version

inventory: every key the env files define, the templates document and the code
reads: environments, where it is defined and read, owner, purpose and rotation
dates from @owner, @purpose, @rotate, @rotated and @expires comments above it in
.env.example, and its problems (unused, missing, undocumented, shared across
environments, rotation due or overdue, expired, vague name). Never a value.
  --format <text|json|md|csv> report format (default: text); md is a table
  --check                     exit 1 when any key has a problem (for CI)

install-hook: adds a git pre-commit hook that runs 'secret-safe scan --staged'
(in .husky/pre-commit with husky, else where core.hooksPath or .git/hooks says),
then has git run it on a planted test key to check that the commit stops.
  --global-hooks              install into a core.hooksPath set in the global config

Files not scanned (too large, unreadable) are listed on stderr and in the JSON and
SARIF reports. A file or folder that could not be read, or a file named here that
is over the 10 MiB limit, leaves the scan incomplete.

Exit codes: 0 no secrets found, 1 secrets found, 2 usage or fatal error, or an
incomplete scan that found nothing.
`;

const REPORTERS: Record<string, Reporter> = { text: textReporter, json: jsonReporter, sarif: sarifReporter, gitlab: gitlabReporter };

/** A usage or fatal error: printed as one line, exit code 2. */
class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv);
  if (values.help) {
    process.stdout.write(USAGE);
    return EXIT.clean;
  }
  if (values.version) {
    process.stdout.write(`${__VERSION__}\n`);
    return EXIT.clean;
  }
  const [command, ...paths] = positionals;
  if (command === 'install-hook') {
    if (paths.length > 0) throw new UsageError(`install-hook takes no paths (got '${paths[0]}')`);
    // The hook calls the CLI the way this one was installed (a dependency, global, a checkout).
    const hook = installHook(process.cwd(), realpathSync(__filename), { globalHooks: values['global-hooks'] === true });
    const how = { husky: 'husky', 'core.hooksPath': 'core.hooksPath', '.git/hooks': 'git' }[hook.via];
    const where =
      hook.status === 'present'
        ? `the pre-commit hook is already in ${hook.file}`
        : `${hook.status === 'created' ? 'created' : 'added to'} ${hook.file} (${how})`;
    if (hook.huskyInactive) {
      process.stderr.write(
        'secret-safe: .husky/ is here, but git does not run hooks from it (husky is not installed: run npm install); the hook went where git looks\n',
      );
    }
    if (hook.verified === 'not-stopped') {
      process.stderr.write(
        `secret-safe: ${where}, but when git ran it on a planted test key it did not report the key${hook.trial ? ` (${printable(hook.trial)})` : ''}; this repository is not protected until that is fixed\n`,
      );
      return EXIT.error;
    }
    const proof =
      hook.verified === 'stopped' ? 'checked: git ran it on a planted test key and the commit stopped' : 'not checked: this git has no "git hook run"';
    process.stdout.write(`secret-safe: ${where}: commits that add a secret now stop (${proof})\n`);
    return EXIT.clean;
  }
  if (command === 'inventory') {
    const format = values.format ?? 'text';
    if (!(INVENTORY_FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format '${format}' (use text, json, md or csv)`);
    const { inventory, warnings } = await runInventory(paths, process.cwd());
    for (const warning of warnings) process.stderr.write(`secret-safe: config: ${printable(warning)}\n`);
    const report = formatInventory(inventory, format as InventoryFormat);
    if (values.output) writeFileSync(values.output, report);
    else process.stdout.write(report);
    if (!values.quiet) process.stderr.write(`${inventorySummary(inventory)}\n`);
    const problems = inventory.annotationProblems.length > 0 || inventory.keys.some(k => k.problems.length > 0);
    return values.check && problems ? EXIT.findings : EXIT.clean;
  }
  if (command !== 'scan') {
    throw new UsageError(command ? `unknown command '${command}' (try 'secret-safe scan')` : "missing command (try 'secret-safe scan .')");
  }
  const reporter = REPORTERS[values.format ?? 'text'];
  if (!reporter) {
    throw new UsageError(`unknown format '${values.format}' (use text, json, sarif or gitlab)`);
  }
  if (values.all && !values.history) throw new UsageError('--all goes with --history (every ref and reflog: the default there)');
  if (values.history && values.all && values.since !== undefined) throw new UsageError('--history takes --since REV or --all, not both');
  const sources = [
    values.staged && '--staged',
    values.since !== undefined && !values.history && '--since',
    values.stdin && '--stdin',
    values.history && '--history',
  ].filter(Boolean);
  if (sources.length > 1) {
    throw new UsageError(`${sources.join(' and ')} cannot be combined`);
  }
  if (values.stdin && paths.length > 0) {
    throw new UsageError('--stdin scans standard input: give no paths with it');
  }
  if (values.history && values['write-baseline']) throw new UsageError('--write-baseline takes the working tree, not --history');
  const source: ScanSource = values.history
    ? { kind: 'history', ...(values.since !== undefined ? { since: values.since } : {}) }
    : values.stdin
      ? { kind: 'stdin', text: await readStdin(), name: values['stdin-name'] ?? '<stdin>' }
      : values.staged
        ? { kind: 'staged' }
        : values.since !== undefined
          ? { kind: 'since', rev: values.since }
          : { kind: 'paths' };
  const cwd = process.cwd();
  const baseline = values.baseline ? { ...readBaseline(resolve(values.baseline)), dir: dirname(resolve(values.baseline)) } : undefined;
  if (baseline && !baseline.salt) {
    process.stderr.write(
      `secret-safe: the baseline ${printable(values.baseline!, true)} stores unsalted fingerprints (version 1), from which a weak secret can be guessed; write it again with --write-baseline\n`,
    );
  }
  const color = !values['no-color'] && !values.output && process.stdout.isTTY === true && !process.env.NO_COLOR;
  // Text to the terminal (or a pipe) streams: each finding is printed once its file is scanned.
  const streaming = reporter === textReporter && !values.output && !values['write-baseline'];
  const stream = batchedWriter(text => process.stdout.write(text));
  // Writing a baseline accepts every current finding, those an old baseline accepted included.
  const run = await runScan(paths.length > 0 ? paths : ['.'], cwd, {
    git: !values['no-git'],
    source,
    baseline: values['write-baseline'] ? undefined : baseline,
    configBaseline: !values['write-baseline'],
    fingerprints: values['write-baseline'] !== undefined,
    threads: threadCount(values.threads),
    workerScript: join(__dirname, 'scan-worker.js'),
    ...(streaming ? { onFinding: (found: FileFinding) => stream.line(textReporter.findingLine(found, color)) } : {}),
  });
  stopEarly();
  for (const warning of run.warnings) {
    // Writing a baseline, the one the config names is not read: what is wrong with it is moot.
    if (values['write-baseline'] && /^[^\n]*?:\d+: the baseline /.test(warning)) continue;
    process.stderr.write(`secret-safe: config: ${printable(warning)}\n`);
  }
  // A baseline's fingerprints are slow by design (a salted scrypt): made only when one is written.
  const writeBaseline = values['write-baseline'] ? resolve(values['write-baseline']) : undefined;
  if (writeBaseline) await fingerprintFindings(run.findings, saltOf(writeBaseline));
  else if (reporter !== textReporter) reportFingerprints(run.findings);
  if (writeBaseline) {
    // Accepting today's findings: written (masked, fingerprinted), then not reported.
    mkdirSync(dirname(writeBaseline), { recursive: true });
    writeFileSync(writeBaseline, baselineText(baselineEntries(run.findings, cwd, dirname(writeBaseline)), saltOf(writeBaseline)));
    process.stderr.write(
      `secret-safe: wrote ${run.findings.length} finding${run.findings.length === 1 ? '' : 's'} to ${printable(values['write-baseline']!, true)}\n`,
    );
    run.baselined += run.findings.length;
    run.findings = [];
  }
  stream.flush();
  // GitLab's report names the commit of each finding: the pipeline's own, else HEAD's.
  const commit = reporter === gitlabReporter ? process.env.CI_COMMIT_SHA || (values['no-git'] ? undefined : await gitHead(cwd)) : undefined;
  const report = streaming ? textReporter.hygieneLines(run, color) : reporter.format(run, { color, version: __VERSION__, cwd, ...(commit ? { commit } : {}) });
  if (values.output) {
    writeFileSync(values.output, report);
  } else {
    process.stdout.write(report);
  }
  if (!values.quiet) {
    process.stderr.write(
      `${summaryLine(run.findings.length, new Set(run.findings.map(f => f.file)).size, run.hygiene.length, run.exits.length, run.summary.filesScanned, run.baselined, source)}\n`,
    );
  }
  for (const skipped of run.summary.skipped) {
    const why =
      skipped.reason === 'too-large'
        ? `larger than ${sizeText(DEFAULT_MAX_FILE_BYTES)}`
        : skipped.reason === 'time-budget'
          ? `checked only in part by ${skipped.detail}, which ran out of its time budget`
          : `unreadable (${skipped.detail ?? 'read failed'})`;
    const what = skipped.reason === 'time-budget' ? 'partly scanned' : 'not scanned';
    process.stderr.write(`secret-safe: ${what}: ${printable(skipped.file, true)}: ${why}\n`);
  }
  if (run.summary.incomplete) {
    process.stderr.write('secret-safe: the scan is incomplete: what is listed above was not scanned\n');
  }
  if (run.findings.length > 0 || run.hygiene.length > 0 || run.exits.length > 0) return EXIT.findings;
  return run.summary.incomplete ? EXIT.error : EXIT.clean;
}

const salts = new Map<string, string>();

/** The salt of the baseline at `file` when it has one (a rewrite keeps it: a small diff), else a new one. */
function saltOf(file: string): string {
  let salt = salts.get(file);
  if (!salt) {
    try {
      salt = readBaseline(file).salt ?? newSalt();
    } catch {
      salt = newSalt();
    }
    salts.set(file, salt);
  }
  return salt;
}

function threadCount(value: string | undefined): number {
  if (value === undefined) return availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--threads takes a whole number from 1 to 64 (got '${value}')`);
  return n;
}

/** Standard input as text, up to the file size limit: `yes | secret-safe scan --stdin` must end. */
function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    process.stdin.on('data', (c: Buffer) => {
      total += c.length;
      if (total > DEFAULT_MAX_FILE_BYTES) {
        process.stdin.destroy();
        reject(new UsageError(`standard input is larger than ${sizeText(DEFAULT_MAX_FILE_BYTES)}; nothing was scanned (scan the file itself)`));
        return;
      }
      chunks.push(c);
    });
    process.stdin.on('end', () => {
      const text = decodeText(Buffer.concat(chunks));
      if (text === 'binary') reject(new UsageError('standard input is binary (NUL bytes near its start); nothing was scanned'));
      else resolve(text);
    });
    process.stdin.on('error', reject);
  });
}

function summaryLine(secrets: number, files: number, hygiene: number, exits: number, scanned: number, baselined: number, source: ScanSource): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const found = secrets === 0 ? 'no secrets found' : `${plural(secrets, 'secret')} found in ${plural(files, 'file')}`;
  const git = hygiene === 0 ? '' : `, ${plural(hygiene, 'git hygiene problem')}`;
  const image = exits === 0 ? '' : `, ${plural(exits, 'secret file')} an image or a package would carry`;
  const accepted = baselined === 0 ? '' : `, ${baselined} accepted by the baseline`;
  const what =
    source.kind === 'history'
      ? `${plural(scanned, 'unique blob')} of history scanned`
      : source.kind === 'staged'
        ? `${plural(scanned, 'staged file')} scanned`
        : source.kind === 'stdin'
          ? 'standard input scanned'
          : `${plural(scanned, 'file')} scanned`;
  return `secret-safe: ${found}${git}${image}${accepted} (${what})`;
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
  if (e instanceof GitError) {
    return `git: ${e.message}`;
  }
  return e instanceof Error ? e.message : String(error);
}

tuneV8(process.versions.v8);

main(process.argv.slice(2)).then(
  code => {
    process.exitCode = code;
  },
  error => {
    // What failed may quote a path, a revision or a file's text: escaped, and never a secret in full.
    process.stderr.write(`secret-safe: ${printable(redactSecrets(describe(error)))}\n`);
    const expected = error instanceof UsageError || error instanceof BaselineError || error instanceof HookError || error instanceof GitError;
    if (!expected && process.env.SECRET_SAFE_DEBUG) {
      process.stderr.write(`${(error as Error).stack}\n`);
    }
    process.exitCode = EXIT.error;
  },
);
