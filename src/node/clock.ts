/**
 * Milliseconds on a monotonic clock, as `performance.now()` gives them, without `performance`: in
 * Node 20 the global loads `perf_hooks` and ten modules behind it at its first use (3 ms), compiled
 * from source once the CLI's V8 flags are set (see v8-flags.ts), on the way to a scan's first file.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
