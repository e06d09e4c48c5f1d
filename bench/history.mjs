// The history scan on a real repository: one built with git fast-import from the generated
// corpus, `commits` commits that each rewrite a few files (a line changed: a new blob, as real
// histories have), until its unique blob content reaches `targetMB`. Measured against the floor,
// git reading every object and grep counting key prefixes in one pipeline, in the same run.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Builds the repository; returns its folder and the unique blob bytes written. */
export async function buildHistoryRepo({ corpus, commits = 2000, targetMB = 500 }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-safe-bench-history-'));
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  // Modules of about 48 KB, each a run of corpus files, rewritten in turn.
  const modules = [];
  let current = '';
  for (const f of corpus) {
    current += f.text;
    if (current.length >= 48 * 1024) {
      modules.push(current);
      current = '';
    }
  }
  if (current) modules.push(current);
  const perCommit = Math.max(1, Math.round((targetMB * 1048576) / commits / (48 * 1024)));
  const child = spawn('git', ['fast-import', '--quiet', '--done'], { cwd: dir, stdio: ['pipe', 'ignore', 'inherit'] });
  const done = new Promise((resolve, reject) => child.on('close', code => (code === 0 ? resolve() : reject(new Error(`fast-import exited ${code}`)))));
  const write = text => (child.stdin.write(text) ? Promise.resolve() : new Promise(r => child.stdin.once('drain', r)));
  let bytes = 0;
  for (let c = 1; c <= commits; c++) {
    const message = `change ${c}\n`;
    let out = `commit refs/heads/main\nmark :${c}\ncommitter Bench <bench@example.com> ${1767225600 + c * 3600} +0000\ndata ${Buffer.byteLength(message)}\n${message}`;
    if (c > 1) out += `from :${c - 1}\n`;
    for (let k = 0; k < perCommit; k++) {
      const m = (c * perCommit + k) % modules.length;
      const text = `${modules[m]}// revision ${c}.${k}\n`;
      bytes += Buffer.byteLength(text);
      out += `M 100644 inline src/module${m}.txt\ndata ${Buffer.byteLength(text)}\n${text}\n`;
    }
    await write(out);
  }
  await write('done\n');
  child.stdin.end();
  await done;
  return { dir, commits, mb: bytes / 1048576 };
}

/** Seconds for a command, best of `runs`, and the last run's stderr (exit 1 is our "secrets found"). */
function best(command, args, cwd, runs) {
  let seconds = Infinity;
  let stderr = '';
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
    seconds = Math.min(seconds, (performance.now() - t) / 1000);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    stderr = r.stderr;
  }
  return { seconds, stderr };
}

/** Our `scan --history` and the floor, best of `runs` each. */
export function historyRow(cli, repo, grepPattern, runs = 2) {
  const floor = best('bash', ['-c', `git cat-file --batch-all-objects --batch | grep -c -E '${grepPattern}' > /dev/null`], repo.dir, runs);
  const ours = best(process.execPath, [cli, 'scan', '--history', '--format', 'json', '--output', '/dev/null'], repo.dir, runs);
  return { oursSeconds: ours.seconds, floorSeconds: floor.seconds, summary: ours.stderr.trim().split('\n').pop() ?? '' };
}
