// Imported first by main.ts: before the CLI builds its rules and scanner, the scan
// workers a folder scan will want start loading, so that they scan sooner. On the 103 MB npm set its
// worker was ready at 0.22 to 0.26 s instead of 0.30 to 0.48 s (3 runs each), and a scan ran 0.976 of the
// time (21 interleaved rounds).
import { join } from 'node:path';
import { startEarly } from '../node/scan/worker-start';
import { tuneV8ForWorkers } from './v8-flags';
import { workersAhead } from './workers-ahead';

const ahead = workersAhead(process.argv.slice(2), process.cwd());
if (ahead > 0) {
  tuneV8ForWorkers();
  startEarly(join(__dirname, 'scan-worker.js'), ahead);
}
