// Throughput of the scanner and of secretlint (recommended preset) on the same files in the same
// run, and the latency of one 5,000-line file. Files are read first; only scanning is timed.
import fs from 'node:fs';
import path from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';

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

/**
 * One pass of secretlint's recommended preset over every file, through its in-process API, in a
 * worker thread: its profiler's PerformanceObserver fires late and would measure marks already
 * cleared, so it lives and dies with the worker.
 */
export function timeSecretlint(files) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { files } });
    worker.once('message', result => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

if (!isMainThread && workerData?.files) {
  parentPort.postMessage(await secretlintPass(workerData.files));
}

async function secretlintPass(files) {
  const mb = megabytes(files);
  const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended }] };
  const t0 = performance.now();
  let messages = 0;
  for (const f of files) {
    const result = await lintSource({ source: { filePath: f.name, content: f.text, contentType: 'text' }, options: { config } });
    messages += result.messages.length;
    // secretlint's profiler marks every rule run; without this the marks pile up by the million.
    performance.clearMarks();
    performance.clearMeasures();
  }
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, mbPerSecond: mb / seconds, filesPerSecond: files.length / seconds, messages };
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
