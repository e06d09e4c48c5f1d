// Throughput of the scanner in process, and the latency of one 5,000-line file. Files are read
// first; only scanning is timed. (The peers are measured as processes: whole-table.mjs.)
import fs from 'node:fs';
import path from 'node:path';

/** Text files under `root` (skipping binaries and files over `maxBytes`), read into memory. */
export function readTextFiles(root, maxBytes = 10 * 1024 * 1024) {
  const out = [];
  const walk = dir => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        const size = fs.statSync(p).size;
        if (size === 0 || size > maxBytes) continue;
        const bytes = fs.readFileSync(p);
        if (bytes.subarray(0, 8000).includes(0)) continue;
        out.push({ name: p, text: bytes.toString('utf8') });
      }
    }
  };
  walk(root);
  return out;
}

export function megabytes(files) {
  return files.reduce((n, f) => n + Buffer.byteLength(f.text), 0) / 1e6;
}

/** Best of `rounds` passes of the scanner over every file, in MB/s and files/s. */
export function timeScanner(scanner, files, rounds = 3) {
  const mb = megabytes(files);
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (const f of files) scanner.scan(f.text);
    best = Math.min(best, performance.now() - t0);
  }
  return { seconds: best / 1000, mbPerSecond: mb / (best / 1000), filesPerSecond: files.length / (best / 1000) };
}

/** Median and p99 scan time of one text, in milliseconds. */
export function latency(scanner, text, runs = 400) {
  for (let i = 0; i < 20; i++) scanner.scan(text);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    scanner.scan(text);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)], p99: times[Math.floor(runs * 0.99)] };
}
