// Hostile input: text made to slow a scanner down, for every rule, at 1, 2, 4 and 8 MB. A linear
// scanner keeps its MB/s as the size doubles; one that backtracks loses it. Texts that produce
// findings (a key repeated) measure output, not backtracking, and are left out.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Units to repeat for a rule: its keyword in runs, a near-miss of its example, a header without its body. */
export function hostileUnits(rule, gen) {
  const example = rule.examples.positive(gen)[0] ?? rule.keywords[0];
  const k = rule.keywords[0];
  const upper = example.slice(0, k.length); // the keyword as the example spells it
  return {
    'keyword per line': `${upper}\n`,
    'keywords run together': upper,
    'near-miss': `${example.slice(0, -1)} `,
    'keyword + long body': `${upper}${'a1'.repeat(40)} `,
    'first half': example.slice(0, Math.max(k.length, Math.floor(example.length / 2))),
  };
}

const repeatTo = (unit, bytes) => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);

function mbps(scanner, text) {
  let best = Infinity;
  for (let i = 0; i < 2; i++) {
    const t = performance.now();
    scanner.scan(text);
    best = Math.min(best, performance.now() - t);
  }
  return text.length / 1048576 / (best / 1000);
}

/**
 * The worst hostile inputs: every rule's units screened at `screenKB` with the full scanner, the
 * `keep` slowest (that produce no findings) measured at 1, 2, 4 and 8 MB.
 */
export function hostileTable(scanner, rules, gen, { screenKB = 256, keep = 5, extra = {} } = {}) {
  const screened = [];
  for (const rule of rules) {
    for (const [kind, unit] of Object.entries(hostileUnits(rule, gen))) {
      if (!unit) continue;
      const text = repeatTo(unit, screenKB * 1024);
      if (scanner.scan(text).length > 16) continue;
      screened.push({ name: `${rule.id}: ${kind}`, unit, mbps: mbps(scanner, text) });
    }
  }
  for (const [name, unit] of Object.entries(extra)) screened.push({ name, unit, mbps: mbps(scanner, repeatTo(unit, screenKB * 1024)) });
  screened.sort((a, b) => a.mbps - b.mbps);
  return screened.slice(0, keep).map(({ name, unit }) => ({ name, sizes: [1, 2, 4, 8].map(mb => mbps(scanner, repeatTo(unit, mb * 1048576))) }));
}

/**
 * Text packed with keys, a finding every few dozen bytes: the cost here is per finding (checks,
 * masking, positions, the literal around it), so MB/s holding as the size doubles is the linear
 * part, and microseconds a finding the rest. Every rule's examples screened at `screenKB`, the
 * `keep` slowest measured at 1, 2, 4 and 8 MB.
 */
export function denseTable(scanner, rules, gen, { screenKB = 256, keep = 3 } = {}) {
  const screened = [];
  for (const rule of rules) {
    const examples = Array.from({ length: 8 }, () => rule.examples.positive(gen)[0]).filter(Boolean);
    if (examples.length === 0) continue;
    const unit = `${examples.join('\n')}\n`;
    const text = repeatTo(unit, screenKB * 1024);
    const found = scanner.scan(text).length;
    if (found < (screenKB * 1024) / 200) continue; // not dense: its examples need context the repeat lacks
    screened.push({ name: rule.id, unit, mbps: mbps(scanner, text) });
  }
  screened.sort((a, b) => a.mbps - b.mbps);
  return screened.slice(0, keep).map(({ name, unit }) => {
    const eight = repeatTo(unit, 8 * 1048576);
    const findings = scanner.scan(eight).length;
    const sizes = [1, 2, 4, 8].map(mb => mbps(scanner, mb === 8 ? eight : repeatTo(unit, mb * 1048576)));
    return { name, sizes, findingsPerMB: findings / 8, microsPerFinding: ((8 / sizes[3]) * 1e6) / findings, unit };
  });
}

/** The CLI over one file of `mb` MB made of `unit`, text output to /dev/null: seconds, findings printed and exit status. */
export function denseCliRow(cli, unit, mb = 8) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-safe-bench-dense-'));
  try {
    const file = path.join(dir, 'keys.txt');
    fs.writeFileSync(file, repeatTo(unit, mb * 1048576));
    const t = performance.now();
    const r = spawnSync(process.execPath, [cli, 'scan', file, '--no-git'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    return { seconds: (performance.now() - t) / 1000, status: r.status, summary: r.stderr.trim().split('\n').pop() };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A custom rule the shape check lets through (two overlapping bounded quantifiers, about 10,000
 * ways to split per start), on text made to make it try them all, through the CLI's scanner with
 * its time budget: MB/s at 1, 2, 4, 8 MB, and whether the budget stopped it.
 */
export function customRuleRow(scannerFor, parseConfig) {
  const { config } = parseConfig(JSON.stringify({ rules: [{ id: 'acme-key', regex: 'acme_[a-z]{1,100}[a-z0-9]{1,100}!', keywords: ['acme_'] }] }));
  const scanner = scannerFor(config);
  const unit = `acme_${'a'.repeat(150)} `;
  return [1, 2, 4, 8].map(mb => {
    const text = repeatTo(unit, mb * 1048576);
    const stopped = [];
    const t = performance.now();
    scanner.scan(text, { stopped });
    const seconds = (performance.now() - t) / 1000;
    return { mbps: mb / seconds, seconds, stopped: stopped.length > 0 };
  });
}

/** A walk of 2,000 files under a .gitignore of `lines` lines, by the CLI, and by `git status` for the floor. */
export function bigIgnoreRow(cli, lines = 100_000) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-safe-bench-ignore-'));
  try {
    const rules = [];
    for (let i = 0; i < lines; i++) rules.push(i % 3 === 0 ? `build-${i}/` : i % 3 === 1 ? `*.tmp${i}` : `cache/${i}.log`);
    fs.writeFileSync(path.join(dir, '.gitignore'), `${rules.join('\n')}\n`);
    for (let d = 0; d < 20; d++) {
      fs.mkdirSync(path.join(dir, `d${d}`));
      for (let f = 0; f < 100; f++) fs.writeFileSync(path.join(dir, `d${d}`, `f${f}.ts`), 'export {};\n');
    }
    execFileSync('git', ['init', '-q'], { cwd: dir });
    let t = performance.now();
    const ours = spawnSync(process.execPath, [cli, 'scan', '.', '--no-git', '--quiet'], { cwd: dir, timeout: 600_000 });
    const oursSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    spawnSync('git', ['status', '--porcelain'], { cwd: dir });
    const gitSeconds = (performance.now() - t) / 1000;
    return { oursSeconds, gitSeconds, status: ours.status };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
