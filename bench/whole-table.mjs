// The whole-scan table: each tool a process over the same corpus on disk, as CI runs it, in
// interleaved rounds (one run of each tool per round, in turn, so all meet the machine in the same
// state: a VM's speed drifts over minutes). Each ratio is the median of the per-round ratios;
// times are the medians of each tool's runs; the load average is printed before and after.
import os from 'node:os';
import path from 'node:path';
import { measure } from './whole-scan.mjs';

/** The floor: a case-insensitive search for the words and prefixes a keyword scanner starts from (issue 23's pattern). */
export const FLOOR_PATTERN = 'AKIA|ghp_|sk-|xox|-----BEGIN|password|secret|token|api_?key';

const median = xs => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x, d = 1) => x.toFixed(d);
const loadAverage = () =>
  os
    .loadavg()
    .map(x => x.toFixed(2))
    .join(' ');

/**
 * Runs `tools` (name -> () => measure(...)) for `rounds` rounds over one corpus and prints a row per
 * tool and the ratios asked for: `ratios` is a list of [label, numerator, denominator, target text].
 */
export async function interleaved({ title, corpus, rounds, tools, ratios, line }) {
  line(
    `\n${title}: ${corpus.files.toLocaleString('en')} files, ${fmt(corpus.mb)} MB (${corpus.dir}); ${rounds} interleaved rounds; load average ${loadAverage()}`,
  );
  const names = Object.keys(tools);
  // One untimed run of the floor first: the rounds start with the corpus in the file cache.
  await tools[names[names.length - 1]]();
  const runs = Object.fromEntries(names.map(n => [n, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      const r = await tools[name]();
      if (r.code !== 0 && r.code !== 1) throw new Error(`${name} exited ${r.code}: ${r.stderr.slice(0, 400)}`);
      runs[name].push(r);
    }
  }
  for (const name of names) {
    const seconds = median(runs[name].map(r => r.seconds));
    const peak = Math.max(...runs[name].map(r => r.peakMB));
    line(
      `  ${name.padEnd(30)}${fmt(corpus.mb / seconds).padStart(7)} MB/s  ${fmt(seconds, 2).padStart(6)} s median (${runs[name].map(r => fmt(r.seconds, 2)).join(', ')})  peak RSS ${fmt(peak, 0)} MiB`,
    );
  }
  const results = {};
  for (const [label, a, b, target] of ratios) {
    const perRound = runs[a].map((r, i) => r.seconds / runs[b][i].seconds);
    results[label] = median(perRound);
    line(`  ${label}: ${fmt(results[label], 2)} (rounds ${perRound.map(x => fmt(x, 2)).join(', ')})${target ? `  target ${target}` : ''}`);
  }
  line(`  load average after: ${loadAverage()}`);
  return { runs, ratios: results };
}

/**
 * The environment the Node tools run in: this one without NODE_EXTRA_CA_CERTS. Where it is set (as
 * on machines behind a proxy of their own, these among them), Node reads and parses those
 * certificates as it starts, before any of a program's code runs, and no tool timed here opens a
 * connection. What it costs is measured and printed beside the table (`caCertsNote`), and the
 * package set is also scanned with it set (`oursAsSet`).
 */
const NODE_ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_EXTRA_CA_CERTS'));

/** The machine's NODE_EXTRA_CA_CERTS, if it sets one. */
export const CA_CERTS = process.env.NODE_EXTRA_CA_CERTS;

/**
 * A line on what NODE_EXTRA_CA_CERTS costs Node's start-up here, from `rounds` interleaved runs of
 * `node -e 0` with it and without; undefined where it is not set.
 */
export async function caCertsNote(rounds = 21) {
  if (!CA_CERTS) return undefined;
  const withIt = [];
  const without = [];
  for (let i = 0; i < rounds; i++) {
    withIt.push((await measure(process.execPath, ['-e', '0'], { env: process.env })).seconds);
    without.push((await measure(process.execPath, ['-e', '0'], { env: NODE_ENV })).seconds);
  }
  const a = median(withIt) * 1000;
  const b = median(without) * 1000;
  return `NODE_EXTRA_CA_CERTS is set here (${CA_CERTS}): Node reads it as it starts, ${fmt(a, 0)} ms for \`node -e 0\` against ${fmt(b, 0)} ms without (medians of ${rounds}). The Node tools run without it: none opens a connection. The package set is scanned with it set too (below).`;
}

/** The process runners for one corpus: our CLI (all cores, or one thread), secretlint's CLI, ripgrep. */
export function runners({ root, dir, peer }) {
  const cli = path.join(root, 'dist/cli.js');
  return {
    ours:
      (...extra) =>
      () =>
        measure(process.execPath, [cli, 'scan', '.', '--output', '/dev/null', '--quiet', '--no-git', ...extra], { cwd: dir, env: NODE_ENV }),
    /** Our CLI as the machine's environment has it, NODE_EXTRA_CA_CERTS included. */
    oursAsSet: () => measure(process.execPath, [cli, 'scan', '.', '--output', '/dev/null', '--quiet', '--no-git'], { cwd: dir, env: process.env }),
    rg:
      (...extra) =>
      () =>
        measure('rg', ['--no-ignore', '--hidden', '-i', ...extra, '-e', FLOOR_PATTERN, '.'], { cwd: dir }),
    secretlint: () =>
      measure(peer.node, [peer.bin, '**/*', '--secretlintrc', peer.rc, '--output', path.join(os.tmpdir(), 'secret-safe-bench.secretlint.txt')], {
        cwd: dir,
        env: NODE_ENV,
      }),
  };
}
