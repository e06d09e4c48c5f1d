// Mocha's spec reporter, plus what it leaves out: the tests a failed hook kept from running, and a
// closing count line (`unit: N passed, N failed, N skipped`). A test that did not run counts as
// failed, so a hook that times out fails the run with the number of tests it cost. A skipped
// (pending) test fails the run too, unless SECRET_SAFE_ALLOW_SKIPPED=1: under `npm test` every
// tool a test needs is installed, so a skip means a broken set-up, not a missing nice-to-have.
import Mocha from 'mocha';

const { EVENT_RUN_END, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } = Mocha.Runner.constants;

class SpecWithCounts extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const failedHooks: string[] = [];
    runner.on(EVENT_TEST_PASS, () => passed++);
    runner.on(EVENT_TEST_PENDING, () => skipped++);
    runner.on(EVENT_TEST_FAIL, (test: Mocha.Runnable) => {
      if ((test as Mocha.Runnable & { type?: string }).type === 'hook') failedHooks.push(test.fullTitle());
      else failed++;
    });
    // Runs before the runner's own end listener, which hands `runner.failures` to mocha's exit code.
    runner.once(EVENT_RUN_END, () => {
      // Tests a failed hook kept from running (not those --bail left out after a failure).
      const notRun = failedHooks.length > 0 ? Math.max(0, runner.total - passed - failed - skipped) : 0;
      const skipFails = skipped > 0 && process.env.SECRET_SAFE_ALLOW_SKIPPED !== '1';
      if (notRun > 0) {
        console.log(`\n${notRun} test(s) did not run because a hook failed:\n${failedHooks.map(h => `  - ${h}`).join('\n')}`);
        runner.failures += notRun;
      }
      if (skipFails) {
        console.log(`\n${skipped} test(s) skipped: under npm test every test must run (set SECRET_SAFE_ALLOW_SKIPPED=1 to allow it)`);
        runner.failures += skipped;
      }
      // A failed hook that cost no test (an `after` hook) still counts once.
      const failedCount = failed + (notRun > 0 ? notRun : failedHooks.length) + (skipFails ? skipped : 0);
      console.log(`\nunit: ${passed} passed, ${failedCount} failed, ${skipFails ? 0 : skipped} skipped`);
      // Something a test left behind (a child process, a socket, a timer) keeps mocha from
      // exiting, and CI would wait for ever: say what it is, and fail, instead. The timer is
      // unref'd: a run that ends cleanly never sees it.
      setTimeout(() => {
        const left = (process as unknown as { _getActiveHandles(): object[] })._getActiveHandles().map(h => {
          const spawned = h as { spawnfile?: string; spawnargs?: string[] };
          return spawned.spawnfile ? `child process ${spawned.spawnargs?.join(' ')}` : h.constructor.name;
        });
        console.log(`\nmocha could not exit 60 s after the last test; still open: ${left.join(', ') || 'nothing visible'}`);
        process.exit(1);
      }, 60_000).unref();
    });
  }
}

export = SpecWithCounts;
