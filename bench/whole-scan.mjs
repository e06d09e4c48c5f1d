// Whole-scan throughput of the CLI on a corpus on disk, against secretlint's CLI on the same files
// and against a plain `grep -E` (or ripgrep) for the key prefixes, the floor. Each tool runs as a
// process, as in CI; its peak RSS is read from /proc while it runs (VmHWM, polled).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Key prefixes a grep would look for: the floor any scanner must beat by doing more. */
export const GREP_PATTERN =
  'sk-ant-|sk-proj-|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36}|xox[abprs]-|AIza[0-9A-Za-z_-]{35}|-----BEGIN [A-Z ]*PRIVATE KEY|glpat-|npm_[A-Za-z0-9]{36}';

/**
 * Writes the corpus once per seed and size: generated code, then text files copied from
 * node_modules (renamed so no walker skips them, ignore files left out so every tool reads the
 * same files), repeated until `minMB` is reached. Returns its folder, file count and size.
 */
export function writeCorpus({ generated, modules, modulesRoot, minMB, seed }) {
  const dir = path.join(os.tmpdir(), `secret-safe-bench-${seed}-${minMB}mb`);
  const marker = path.join(dir, '.complete.json');
  if (fs.existsSync(marker)) return JSON.parse(fs.readFileSync(marker, 'utf8'));
  fs.rmSync(dir, { recursive: true, force: true });
  let bytes = 0;
  let files = 0;
  const write = (rel, text) => {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
    files++;
  };
  generated.forEach((f, i) => write(`app/${String(i % 100).padStart(2, '0')}/${i}-${f.name}`, f.text));
  const usable = modules.filter(f => !/(^|[\\/])\.(git|npm|secretlint)ignore$/.test(f.name));
  for (let copy = 0; bytes / 1e6 < minMB; copy++) {
    for (const f of usable) {
      const rel = path
        .relative(modulesRoot, f.name)
        .split(path.sep)
        .map(s => (s === 'node_modules' ? 'nm' : s))
        .join('/');
      write(`deps-${copy}/${rel}`, f.text);
    }
  }
  const info = { dir, files, mb: bytes / 1e6 };
  fs.writeFileSync(marker, JSON.stringify(info));
  return info;
}

/**
 * Runs a command to its end, or for `limitSeconds` at most (then it is stopped and `timedOut`
 * is set: its time is a lower bound); wall time and peak resident memory (MB), polled from /proc.
 */
export function measure(command, args, options = {}, limitSeconds = Infinity) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], ...options });
    let timedOut = false;
    const limit = Number.isFinite(limitSeconds)
      ? setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, limitSeconds * 1000)
      : undefined;
    let peak = 0;
    let stderr = '';
    child.stderr.on('data', c => (stderr += c));
    const poll = () => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]) / 1024);
      } catch {
        // exited between polls
      }
    };
    const timer = setInterval(poll, 20);
    child.on('error', reject);
    child.on('exit', code => {
      clearInterval(timer);
      clearTimeout(limit);
      resolve({ seconds: (performance.now() - t0) / 1000, peakMB: peak, code, stderr, timedOut });
    });
  });
}

export function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

/**
 * `count` small source files in folders of 500 (cached per count), one in 200 holding a key made
 * by `key()`: what a large monorepo looks like to a walk, for the memory bound.
 */
export function writeManyFiles(count, key) {
  const dir = path.join(os.tmpdir(), `secret-safe-bench-files-${count}`);
  const marker = path.join(dir, '.complete.json');
  if (fs.existsSync(marker)) return JSON.parse(fs.readFileSync(marker, 'utf8'));
  fs.rmSync(dir, { recursive: true, force: true });
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const folder = path.join(dir, `pkg${Math.floor(i / 500)}`);
    if (i % 500 === 0) fs.mkdirSync(folder, { recursive: true });
    const text = `// module ${i}\nexport function f${i}(x: number): number {\n  return x * ${i};\n}\n${i % 200 === 0 ? `export const apiKey = '${key()}';\n` : ''}`;
    fs.writeFileSync(path.join(folder, `m${i}.ts`), text);
    bytes += text.length;
  }
  const info = { dir, files: count, mb: bytes / 1e6 };
  fs.writeFileSync(marker, JSON.stringify(info));
  return info;
}
