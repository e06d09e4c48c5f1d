#!/usr/bin/env node
// npm run test:mutations: proves the test tiers go red when the product breaks.
//
// Each mutation is a small edit a careless change could make. For each, a copy of this working tree
// (node_modules linked, not copied) gets the edit, is rebuilt, and runs the tier that should catch
// it. A mutation the tier does not fail on "survives", and the script exits 1. Before the
// mutations, each tier runs once on an unmutated copy, which must pass: a tier that fails anyway
// proves nothing.
//
//   node scripts/mutations.mjs                   every mutation
//   node scripts/mutations.mjs --only prefix     the mutations whose id contains "prefix"
//   node scripts/mutations.mjs --keep            keep the copies (their paths are printed)
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { values: opt } = parseArgs({ options: { only: { type: 'string' }, keep: { type: 'boolean', default: false } } });

/** Mocha over some of the unit tier's spec files (globs relative to the copy). */
const unit = (...specs) => ({ kind: 'unit', specs });
/** The main e2e suite in the real VS Code host. */
const e2e = { kind: 'e2e' };

const MUTATIONS = [
  {
    id: 'claude-header-takes-own-key',
    what: 'the .mcp.json header fix names the variable ANTHROPIC_API_KEY, which Claude Code takes for its own key',
    file: 'src/core/exits/mcp.ts',
    from: "    name = CLAUDE_OWN.test(headerName) ? `${server.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_${headerName}` : headerName;",
    to: '    name = headerName;',
    tier: unit('out/test/runs/claude-code-mcp.test.js'),
  },
  {
    id: 'claude-mcp-value-dropped',
    what: "the .mcp.json fix takes the key out of the server's env but writes it nowhere",
    file: 'src/core/exits/mcp.ts',
    from: "  return { name, server, remote: path[2] === 'headers', mcp, local: localEdits };",
    to: "  return { name, server, remote: path[2] === 'headers', mcp, local: [] };",
    tier: unit('out/test/runs/claude-code-mcp.test.js'),
  },
  {
    id: 'dockerfile-env-left-in-image',
    what: "Move to .env in a Dockerfile leaves the ENV line, so the key stays in the image's layers",
    file: 'src/core/fix/docker/move.ts',
    from: '    edits: removePair(text, file, at, pair),',
    to: '    edits: [],',
    tier: unit('out/test/core/fix/docker.test.js'),
  },
  {
    id: 'dockerignore-not-asked',
    what: 'the .env a Dockerfile fix writes is left in a build context that COPY . takes',
    file: 'src/node/exits/docker.ts',
    from: '    if (!copies.some(c => takes(c, relativePath))) continue;',
    to: '    if (copies.length > 0) continue;',
    tier: unit('out/test/runs/docker-runs.test.js'),
  },
  {
    id: 'server-never-started',
    what: 'the extension never starts the language server',
    file: 'src/client/extension.ts',
    from: '  await client.start();\n',
    to: '',
    tier: e2e,
  },
  {
    id: 'file-wide-ignore-unread',
    what: 'a secret-safe-ignore-file comment suppresses nothing',
    file: 'src/core/scanner.ts',
    from: 'const fileWide = suppressible ? fileWideIgnores(text) : [];',
    to: 'const fileWide: ReturnType<typeof fileWideIgnores> = [];',
    tier: unit('out/test/core/suppress.test.js', 'out/test/server/code-actions.test.js'),
  },
  {
    id: 'view-trusted-over-replaced',
    what: "a file's view is trusted where a match covers a non-ASCII character it replaced",
    file: 'src/core/scanner.ts',
    from: '    touched = true;\n    return;',
    to: '    touched = false;',
    tier: unit('out/test/node/text-view.test.js'),
  },
  {
    id: 'window-drops-core-end',
    what: "a long file's windows drop the hits that end on a window's edge",
    file: 'src/core/scanner.ts',
    from: 'if (end <= coreStart || end > coreEnd) continue;',
    to: 'if (end <= coreStart || end >= coreEnd) continue;',
    tier: unit('out/test/node/text-view.test.js'),
  },
  {
    id: 'window-cuts-long-rule',
    what: 'a rule reading further than a window is run on the window alone',
    file: 'src/core/scanner.ts',
    from: 'if (readsTo > windowEnd) {',
    to: 'if (false) {',
    tier: unit('out/test/node/text-view.test.js'),
  },
  {
    id: 'baseline-entry-unsorted',
    what: 'Accept in the baseline appends the entry instead of inserting it in order',
    file: 'src/core/baseline-edits.ts',
    from: "['findings', at === -1 ? findings.length : at]",
    to: "['findings', findings.length]",
    tier: unit('out/test/node/baseline-edits.test.js', 'out/test/server/accept-baseline.test.js'),
  },
  {
    id: 'no-env-example',
    what: 'Move to .env writes no .env.example line',
    file: 'src/core/fix/plan.ts',
    from: "if (!parseDotenv(input.example.text ?? '').has(envKey)) {",
    to: 'if (false) {',
    tier: unit('out/test/core/fix/plan.test.js', 'out/test/server/code-actions.test.js'),
  },
  {
    id: 'no-env-loader',
    what: 'Move to .env says it loads .env but adds no loader',
    file: 'src/core/fix/plan.ts',
    from: "  if (loading?.kind !== 'wired') return loading;",
    to: '  return loading;',
    tier: unit('out/test/runs/*.test.js'),
  },
  {
    id: 'mask-shows-all',
    what: 'masking returns the full value',
    file: 'src/core/mask.ts',
    from: "  return prefix + MASK + (showTail ? secret.slice(-4) : '');",
    to: '  return secret;',
    tier: unit('out/test/core/mask.test.js', 'out/test/server/diagnostics.test.js'),
  },
  {
    id: 'rule-prefix-typo',
    what: "one rule's prefix changed (Slack app tokens xapp- to xapq-), with the docs regenerated",
    file: 'src/core/rules/saas.ts',
    from: "prefix: 'xapp-'",
    to: "prefix: 'xapq-'",
    regenerateDocs: true,
    tier: unit('out/test/core/formats.test.js', 'out/test/core/rules.test.js', 'out/test/core/rule-docs.test.js'),
  },
  {
    id: 'hygiene-silent',
    what: 'git hygiene never reports',
    file: 'src/node/git/hygiene.ts',
    from: '  return { findings: findings.filter(f => !disabled.has(HYGIENE_CODES[f.problem])), method, root };',
    to: '  return { findings: [], method, root };',
    tier: unit('out/test/node/**/*.test.js', 'out/test/server/hygiene.test.js', 'out/test/cli/hygiene.test.js'),
  },
  {
    id: 'regex-shape-blind',
    what: 'the check for custom regexes that take exponential time lets every pattern through',
    file: 'src/core/config.ts',
    from: '  const shape = catastrophicShape(source);',
    to: '  const shape = catastrophicShape(source) && undefined;',
    tier: unit('out/test/core/regex-shape.test.js'),
  },
  {
    id: 'errors-unmasked',
    what: 'error messages quote secrets in full',
    file: 'src/core/redact.ts',
    from: '  return maskFoundSecrets(message, gap =>',
    to: '  return message || maskFoundSecrets(message, gap =>',
    tier: unit('out/test/cli/no-secret-in-errors.test.js'),
  },
  {
    id: 'history-last-commit',
    what: 'the history scan credits a secret to the last commit that touched its blob, not the first',
    file: 'src/node/git/history.ts',
    from: 'if (wanted.has(oid) && !found.has(oid)) found.set(',
    to: 'if (wanted.has(oid)) found.set(',
    tier: unit('out/test/cli/history.test.js'),
  },
  {
    id: 'dockerignore-read-as-gitignore',
    what: '.dockerignore is read with git rules (a bare name at any depth, no re-include under an excluded folder)',
    file: 'src/node/exits/docker.ts',
    from: "import dockerignore from '@balena/dockerignore';",
    to: "import dockerignore from 'ignore';",
    tier: unit('out/test/node/docker-context.test.js', 'out/test/cli/exits.test.js'),
  },
  {
    id: 'npm-root-ignore-with-files',
    what: 'the root .npmignore/.gitignore are read even when package.json has files (npm reads neither then)',
    file: 'src/node/exits/npm.ts',
    from: 'for (let depth = withFiles ? 1 : 0; depth < parts.length; depth++) {',
    to: 'for (let depth = 0; depth < parts.length; depth++) {',
    tier: unit('out/test/node/npm-package.test.js'),
  },
  {
    id: 'claude-rules-anywhere',
    what: "Claude Code's Read(./.env) taken for any .env, not the project's root one",
    file: 'src/core/exits/agents.ts',
    from: "    if (path.startsWith('./')) lines.push(`/${path.slice(2)}`);",
    to: "    if (path.startsWith('./')) lines.push(path.slice(2));",
    tier: unit('out/test/node/agents.test.js'),
  },
  {
    id: 'inventory-shows-values',
    what: 'the key inventory lists each value beside its name',
    file: 'src/core/inventory/build.ts',
    from: '      e.key.definedIn.push({ file: f.file, line: lineOf(v.nameStart) });',
    to: '      e.key.definedIn.push({ file: `${f.file} ${v.value}`, line: lineOf(v.nameStart) });',
    tier: unit('out/test/cli/inventory.test.js'),
  },
  {
    id: 'keyed-shape-lowalnum-as-hex',
    what: "the long tail's shape notation reads [a-z0-9] as hex: keys with letters past f are missed",
    file: 'src/core/rules/keyed/shape.ts',
    from: "  lowalnum: { cls: 'a-z0-9',",
    to: "  lowalnum: { cls: 'a-f0-9',",
    tier: unit('out/test/core/formats.test.js'),
  },
  {
    id: 'password-hash-without-note',
    what: 'a committed password hash is reported without saying it can be cracked offline',
    file: 'src/core/rules/password-hashes.ts',
    from: '    refine: () => ({ note: NOTE }),\n',
    to: '',
    tier: unit('out/test/core/structures.test.js'),
  },
  {
    id: 'rule-customization-off-ignored',
    what: 'secretSafe.rules.customizations cannot turn a rule off',
    file: 'src/server/rule-customizations.ts',
    from: "    if (severity === 'off') continue;\n",
    to: '',
    tier: unit('out/test/server/rule-customizations.test.js'),
  },
  {
    id: 'name-cache-keeps-files',
    what: "the generic rules' name cache keys on a view of the file's text, keeping files alive",
    file: 'src/core/rules/secret-names.ts',
    from: '      cache.set(JSON.parse(JSON.stringify(name)) as string, value);',
    to: '      cache.set(name, value);',
    tier: unit('out/test/node/retained-memory.test.js'),
  },
  {
    id: 'queue-drops-worker-findings',
    what: "a worker taking files from the CLI's queue reports them scanned but drops their findings",
    file: 'src/node/scan/path-queue.ts',
    from: '    for (const [, outcome] of scan([path])) report.outcomes.push([index, outcome]);',
    to: '    scan([path]);',
    tier: unit('out/test/node/scan-pool.test.js'),
  },
  {
    id: 'workers-for-few-files',
    what: "the CLI starts its workers for a commit's few files, which then wait on their start-up",
    file: 'src/node/scan/scan-together.ts',
    from: '  if (!walked) return true;',
    to: '  return true;',
    tier: unit('out/test/node/scan-pool.test.js'),
  },
  {
    id: 'list-of-names-read-as-pair',
    what: "two names in the middle of a source map's list of names are reported as a secret's name and value",
    file: 'src/core/rules/secret-names.ts',
    from: '  if (inListOfNames(match.input, nameStart, match.index + match[0].length, secret)) return undefined;',
    to: '',
    tier: unit('out/test/core/not-secrets.test.js'),
  },
  {
    id: 'source-map-blanked-to-end',
    what: 'a source map is blanked from its mappings to its end, and a key in its sourcesContent goes unseen',
    file: 'src/node/scan/source-map.ts',
    from: '  bytes.fill(0x3b, from, to);',
    to: '  bytes.fill(0x3b, from);',
    tier: unit('out/test/node/source-map.test.js'),
  },
  {
    id: 'near-path-from-the-parent',
    what: 'a file is opened relative to the parent of the working directory, and every file of a scan of `.` is unreadable',
    file: 'src/node/scan/near-path.ts',
    from: '? path.slice(prefix.length) : path;',
    to: '? `..${sep}${path.slice(prefix.length)}` : path;',
    tier: unit('out/test/node/near-path.test.js'),
  },
  {
    id: 'in-place-view-not-read-again',
    what: 'a file whose view was made in its bytes and not cleared is decoded from the view, not read again: its findings move',
    file: 'src/node/scan/scan-batch.ts',
    from: '        bytes = read(file);',
    to: '',
    tier: unit('out/test/node/text-view.test.js'),
  },
  {
    id: 'staged-map-not-blanked',
    what: "a staged source map's mappings are scanned as they are: --staged reports a key ID the working tree scan reads as blank",
    file: 'src/cli/run.ts',
    from: '      blankIfSourceMap(file, blob);',
    to: '',
    tier: unit('out/test/node/source-map.test.js'),
  },
  {
    id: 'interrupt-budget-under-v8-11-8',
    what: 'the interrupt budget is set under V8 11.8 too: under Node 21 every scan begins with "Error: unrecognized flag"',
    file: 'src/cli/v8-flags.ts',
    from: 'const hasBudget = major < 11 || (major === 11 && minor <= 3);',
    to: 'const hasBudget = major <= 11;',
    tier: unit('out/test/cli/v8-flags.test.js'),
  },
  {
    id: 'key-file-read-waits-on-fifo',
    what: 'a candidate key file is opened the blocking way with no look first: a FIFO named like one hangs the CLI after its scan',
    file: 'src/node/read-bounded.ts',
    from: 'return openSync(path, constants.O_RDONLY | nonBlocking);',
    to: 'return openSync(path, constants.O_RDONLY);',
    tier: unit('out/test/node/read-bounded.test.js'),
  },
  {
    id: 'key-file-judged-never-matches',
    what: "a key file the scan judged is taken to match no kind: the exits' checks miss a service account's JSON a package would publish",
    file: 'src/core/hygiene/secret-files.ts',
    from: 'judged.push([index, bytes <= MAX_KEY_FILE_BYTES && kind.contains.test(textOnce())]);',
    to: 'judged.push([index, false]);',
    tier: unit('out/test/cli/exits.test.js'),
  },
  {
    id: 'key-file-judged-past-limit',
    what: 'a file past 256 KiB is judged a key file by its content in the scan, where a read after it never judged one so large',
    file: 'src/core/hygiene/secret-files.ts',
    from: 'judged.push([index, bytes <= MAX_KEY_FILE_BYTES && kind.contains.test(textOnce())]);',
    to: 'judged.push([index, kind.contains.test(textOnce())]);',
    tier: unit('out/test/cli/exits.test.js'),
  },
  {
    id: 'key-file-view-judged-blank',
    what: 'a long key file the scan clears from a view of its bytes is judged by an empty text: a service account JSON past 120 KB is missed',
    file: 'src/node/scan/scan-batch.ts',
    from: 'judgeByContent(basename(file), () => view.slice(0, view.length), view.length, keyFiles)',
    to: "judgeByContent(basename(file), () => '', view.length, keyFiles)",
    tier: unit('out/test/cli/exits.test.js'),
  },
  {
    id: 'worker-judges-no-key-file',
    what: 'a scan worker ignores the secret-file kinds it was asked to judge by: its files are read again after the scan',
    file: 'src/node/scan/scan-worker.ts',
    from: 'keyFiles ? project.secretFileKinds : undefined',
    to: 'undefined',
    tier: unit('out/test/node/scan-pool.test.js'),
  },
  {
    id: 'name-prefilter-reads-unicode-as-plain',
    what: "the union of the kinds' name patterns is made even of a pattern with the u flag: a project's kind that names files by a Unicode class is never taken",
    file: 'src/core/hygiene/name-prefilter.ts',
    from: 'if (/[^igy]/.test(flags) ||',
    to: 'if (/[^igyu]/.test(flags) ||',
    tier: unit('out/test/core/secret-file-names.test.js'),
  },
  {
    id: 'yaml-bundle-not-packed',
    what: 'the npm package leaves out dist/yaml.js, the bundle the CLI reads a compose file with: npx secret-safe on a project with compose.yaml fails',
    file: '.npmignore',
    from: '!dist/yaml.js\n',
    to: '',
    tier: unit('out/test/cli/scan.test.js'),
  },
  {
    id: 'history-map-not-blanked',
    what: "a source map's mappings in the history are scanned as they are: --history reports what the working tree scan reads as blank",
    file: 'src/node/git/blob-scan.ts',
    from: '  blankIfSourceMap(name, bytes);',
    to: '',
    tier: unit('out/test/node/source-map.test.js'),
  },
  {
    id: 'keyword-class-map-unset',
    what: "the keyword automaton's class map is left empty: every character reads as one no keyword uses, and no rule ever wakes",
    file: 'src/core/keyword-automaton.ts',
    from: '    this.classMap.set(this.classOf);',
    to: '',
    tier: unit('out/test/core/keyword-automaton.test.js'),
  },
  {
    id: 'hygiene-index-per-folder',
    what: "a hook's list of files in many folders of one repository asks git for the same index once a folder again",
    file: 'src/node/git/hygiene.ts',
    from: '      options.indexes?.set(root, reading);',
    to: '',
    tier: unit('out/test/cli/hygiene.test.js'),
  },
  {
    id: 'lazy-regex-keeps-view',
    what: 'a project rule that spells a non-ASCII character, first run on a view, lets the view through: its key goes unreported',
    file: 'src/core/scanner.ts',
    from: '      if (replaced !== undefined) touched = true;',
    to: '',
    tier: unit('out/test/node/text-view.test.js'),
  },
  {
    id: 'workers-ahead-in-small-repositories',
    what: "the CLI starts a worker as it loads for a small repository's scan, which does without one: CPU for nothing",
    file: 'src/cli/workers-ahead.ts',
    from: "    return git.isDirectory() ? indexSize(join(dir, '.git', 'index')) < SMALL_INDEX_BYTES : undefined;",
    to: '    return false;',
    tier: unit('out/test/cli/workers-ahead.test.js'),
  },
  {
    id: 'workers-ahead-in-small-trees',
    what: 'the CLI starts a worker as it loads for a small folder outside git, whose scan does without one',
    file: 'src/cli/workers-ahead.ts',
    from: '      else if (++files >= LARGE_TREE_FILES) return false;',
    to: '      else return false;',
    tier: unit('out/test/cli/workers-ahead.test.js'),
  },
];

const chosen = MUTATIONS.filter(m => !opt.only || m.id.includes(opt.only));
if (chosen.length === 0) {
  console.error(`mutations: none matches --only ${opt.only}; ids: ${MUTATIONS.map(m => m.id).join(', ')}`);
  process.exit(2);
}

/** A copy of the working tree (tracked and untracked files that git does not ignore). */
function copyTree(label) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `secret-safe-mutant-${label}-`));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter(f => f && fs.existsSync(path.join(ROOT, f)));
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  // The copy is a git repository of its own, as a checkout is (some tests read HEAD).
  const git = (...args) =>
    execFileSync('git', args, {
      cwd: dir,
      stdio: 'ignore',
      env: {
        ...process.env,
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_AUTHOR_NAME: 'm',
        GIT_AUTHOR_EMAIL: 'm@example.com',
        GIT_COMMITTER_NAME: 'm',
        GIT_COMMITTER_EMAIL: 'm@example.com',
      },
    });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', label);
  return dir;
}

function run(cmd, args, cwd, env = {}) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}`, seconds: (Date.now() - started) / 1000 };
}

/** Builds the copy and runs `tier` in it; true when the tier passed. */
function runTier(dir, tier, bail = false) {
  const build = run(process.execPath, ['scripts/build.mjs'], dir);
  if (!build.ok) return { ok: false, output: build.output, seconds: build.seconds };
  if (tier.kind === 'unit') {
    // --no-config: the config's own spec list would add every other test file to the tier.
    const { reporter, require: requires = [], timeout } = JSON.parse(fs.readFileSync(path.join(dir, '.mocharc.json'), 'utf8'));
    const options = ['--no-config', '--reporter', reporter, '--timeout', String(timeout), ...requires.flatMap(r => ['--require', r])];
    return run(process.execPath, [path.join(ROOT, 'node_modules/mocha/bin/mocha.js'), ...options, ...(bail ? ['--bail'] : []), ...tier.specs], dir);
  }
  const hostDir = process.env.SECRET_SAFE_HOST_DIR || path.join(ROOT, '.vscode-test-host');
  return run(process.execPath, ['scripts/host/run-e2e.mjs', ...(bail ? ['--bail'] : [])], dir, { SECRET_SAFE_HOST_DIR: hostDir });
}

/** The last lines of a tier's output that say what failed. */
function failureLines(output) {
  return output
    .split('\n')
    .filter(l => /^\s+\d+\) |FAILED |unit: \d+ passed|e2e.*passed/.test(l))
    .slice(0, 6)
    .map(l => `      ${l.trim()}`)
    .join('\n');
}

const rows = [];
let failed = false;
const tiers = new Map(chosen.map(m => [JSON.stringify(m.tier), m.tier]));
for (const [key, tier] of tiers) {
  const dir = copyTree('control');
  const r = runTier(dir, tier);
  const name = tier.kind === 'e2e' ? 'e2e' : `unit ${tier.specs.join(' ')}`;
  console.log(`control: ${name}: ${r.ok ? 'passes' : 'FAILS'} on the unmutated tree (${r.seconds.toFixed(0)} s)`);
  if (!r.ok) {
    console.log(r.output.split('\n').slice(-40).join('\n'));
    failed = true;
    tiers.delete(key);
  }
  if (!opt.keep) fs.rmSync(dir, { recursive: true, force: true });
}

for (const m of chosen) {
  if (!tiers.has(JSON.stringify(m.tier))) {
    rows.push(`  ?        ${m.id}: not tried, its tier fails without it`);
    continue;
  }
  const dir = copyTree(m.id);
  const file = path.join(dir, m.file);
  const text = fs.readFileSync(file, 'utf8');
  const count = text.split(m.from).length - 1;
  if (count !== 1) {
    console.error(`mutations: ${m.id}: expected the text to mutate once in ${m.file}, found it ${count} times; update scripts/mutations.mjs`);
    process.exit(2);
  }
  fs.writeFileSync(file, text.replace(m.from, m.to));
  if (m.regenerateDocs) {
    const b = run(process.execPath, ['scripts/build.mjs'], dir);
    const d = run(process.execPath, ['scripts/rule-docs.mjs'], dir);
    if (!b.ok || !d.ok) console.log(`${m.id}: regenerating the docs failed:\n${b.output}${d.output}`);
  }
  // A mutant needs only one red test: stop at the first.
  const r = runTier(dir, m.tier, true);
  const killed = !r.ok;
  failed ||= !killed;
  rows.push(`  ${killed ? 'killed  ' : 'SURVIVED'} ${m.id}: ${m.what} (${r.seconds.toFixed(0)} s)${killed ? `\n${failureLines(r.output)}` : ''}`);
  console.log(rows.at(-1));
  if (opt.keep) console.log(`      copy kept in ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}

console.log(`\nmutations: ${rows.filter(r => r.includes('killed')).length} of ${chosen.length} killed`);
if (failed) {
  console.log('mutations: FAILED (a mutation survived, or a tier fails without any)');
  process.exit(1);
}
