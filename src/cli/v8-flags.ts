import { setFlagsFromString } from 'node:v8';

// A scan is a short process: two or three isolates (this thread and the workers) each optimise the
// same scanner, and V8's optimising compiler took a fifth of a whole scan's CPU time, much of it
// recompiling after deoptimisations on paths not yet seen. Optimising later (a larger interrupt
// budget) and inlining less cut its work from about 200 compilations after 50 deoptimisations to
// 125 after 30, with the same steady-state speed (measured with `perf` and `--trace-opt`). Now no
// inlining at all: a function's compilation then takes in no other function's code, so there is
// less to compile and less that a deoptimisation throws away. On 103 MB of npm packages the
// compiler's time (the sum of `--trace-opt`'s, two isolates) fell from 811 ms to 577 ms, a scan's
// time by 3 to 5% (interleaved A/B, 13 and 15 rounds), and on 820 MB it stayed the same (0.998):
// what inlining gains in a long run, a short one never earns back.
//
// And the workers optimise on their own thread (no concurrent recompilation): on two cores, three
// busy isolates left the compiler's background threads waiting for a core while the workers ran
// unoptimised code meanwhile. A worker now stops for each compilation instead; a whole scan took
// 3 to 4% less time and CPU (interleaved A/B, 12 and 16 pairs). The flag is read when an isolate
// starts, so this thread, started already, keeps compiling in the background. (V8's
// `--single-threaded` was faster still, but its garbage-collector part cannot be switched at run
// time: V8 aborts.)
//
// And each isolate collects its young generation on its own thread (no parallel scavenge): the
// scanning threads keep both cores busy, a worker's young generation is small (see scan-pool.ts),
// and helper tasks for each collection only waited for a core. On the 103 MB npm set a scan took
// 0.973 and 0.979 of the time (interleaved, 15 and 9 rounds). V8 reads the flag at each collection.
//
// Those figures are Node 20's (V8 11.3). On Node 24 (V8 13.6) the three flags it still knows took a
// scan of the same set to 0.881 of the time (interleaved, 11 rounds).
const FLAGS = ['--no-turbo-inlining', '--no-concurrent-recompilation', '--no-parallel-scavenge'];

/**
 * The interrupt budget, in bytecodes run before V8 considers optimising a function: 540,672, eight
 * times V8 11.3's default of 67,584 (as `node --v8-options` prints it; this note once called the
 * default 132 KiB, of which 540,672 is four times). 270,336 was the first step (above); with 619
 * rules, 540,672 took a scan of the 103 MB npm set to 0.975 of the CPU time and 0.981 of the time
 * (11 interleaved rounds), and one of 820 MB to 0.974 (5 rounds); 811,008 gave no more, and the
 * default took 1.027. A flag of V8 11.3 (Node 20) and before only. Node 21's, 22's and 24's V8
 * (11.8, 12.4, 13.6) count invocations instead and know no such flag, and V8 prints "Error:
 * unrecognized flag" to standard error for a flag it does not know: under those, every scan's
 * output began with two lines of it.
 */
const INTERRUPT_BUDGET = '--interrupt-budget=540672';

// What the flags cost, and why it is paid. V8 accepts a code cache only under the flags it was
// made with (`v8.cachedDataVersionTag()` shows the hash), and Node's own modules carry a cache made
// under the defaults. `--no-turbo-inlining` and the budget change the hash (the other two flags do
// not), so a worker started after tuneV8 compiles Node's start-up modules from source: 87 ms to
// come online against 56 ms (5 runs each, either flag alone). Setting the two back to their
// defaults while a worker starts, and again once it had, cost more than it saved, as this thread
// then optimised the scanner under the defaults: 1.023 of the time with the worker setting them
// again at its first line (21 interleaved rounds on the npm set), 1.013 and 1.025 with this
// thread setting them when the worker came online. A scan with neither flag took 1.28 of the time
// (15 rounds).

/**
 * Sets V8's flags for a scan, each only where the running V8 (`version`, as `process.versions.v8`
 * gives it) has it. Called before any worker starts: V8's flags are the process's, and each
 * worker's compiler reads them.
 */
export function tuneV8(version: string): void {
  for (const flag of flagsFor(version)) setFlagsFromString(flag);
}

/** The flags `tuneV8` sets under V8 `version` (`major.minor.build…`). */
export function flagsFor(version: string): string[] {
  const [major, minor] = version.split('.').map(part => Number.parseInt(part, 10));
  const hasBudget = major < 11 || (major === 11 && minor <= 3);
  return hasBudget ? [...FLAGS, INTERRUPT_BUDGET] : FLAGS;
}

/**
 * The flag of `tuneV8` a worker's isolate reads as it starts (no concurrent recompilation), set
 * alone before workers start ahead of the rest (see early-start.ts): it leaves V8's flag hash, and so
 * Node's code cache for its own modules, as it was (see above), and a worker started early then
 * loads Node's modules from that cache (its start, to its first file: 63 against 87 ms to come
 * online).
 */
export function tuneV8ForWorkers(): void {
  setFlagsFromString('--no-concurrent-recompilation');
}
