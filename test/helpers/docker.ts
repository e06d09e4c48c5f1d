import { type ChildProcess, spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real Docker daemon for tests: the one running, else Debian's `dockerd` started here (as root,
 * without iptables or a bridge: the builds and containers under test use no network) and stopped
 * by `stop()`. The CLI is Debian's when there is one: it builds with the daemon's own BuildKit,
 * which a newer CLI without the buildx plugin will not.
 */
export interface Docker {
  /** Runs the docker CLI; fails the test with its output when it fails. */
  run(args: string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv }): string;
  /** Runs docker-compose (Debian's Compose v1 when that is what there is). */
  compose(args: string[], cwd: string): string;
  /** Removes an image, if it is there (the test's cleanup: never fails). */
  removeImage(image: string): void;
  /** The image's layers and config as `docker save` writes them (tar, uncompressed). */
  save(image: string): Buffer;
  stop(): void;
}

const CLIS = ['/usr/bin/docker', 'docker'];

/** Whether `cli` is there and reaches a daemon. */
function works(cli: string): boolean {
  if (cli.startsWith('/') && !existsSync(cli)) return false;
  const r = spawnSync(cli, ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 && /\d/.test(r.stdout);
}

/**
 * Whether `cli` builds with BuildKit as the tests ask (`DOCKER_BUILDKIT=1`: build secrets need it).
 * A CLI before 23 (Debian 12's is 20.10) uses the daemon's own BuildKit; from 23 on, only through
 * the buildx plugin, and without it every build fails ("BuildKit is enabled but the buildx
 * component is missing or broken"), as a machine image's newer CLI in /usr/local/bin did on CI.
 */
function buildsWithBuildKit(cli: string): boolean {
  const version = spawnSync(cli, ['version', '--format', '{{.Client.Version}}'], { encoding: 'utf8', timeout: 10_000 });
  const major = Number.parseInt(version.stdout ?? '', 10);
  if (major < 23) return true;
  return spawnSync(cli, ['buildx', 'version'], { encoding: 'utf8', timeout: 10_000 }).status === 0;
}

/**
 * The CLI to build and run with, once a daemon answers: the first that reaches it and builds with
 * BuildKit, each asked in turn after the daemon is up (asked while it was starting, whichever CLI
 * first got an answer won: on CI, the newer one without buildx).
 */
function usableCli(): string | undefined {
  return CLIS.find(c => works(c) && buildsWithBuildKit(c));
}

function anyAnswers(): boolean {
  return CLIS.some(works);
}

/** The daemon and its CLI, or why there is none (then the caller skips, saying so). */
export async function startDocker(): Promise<Docker | string> {
  const busybox = spawnSync('ldd', ['/bin/busybox'], { encoding: 'utf8' });
  if (!existsSync('/bin/busybox') || !/not a dynamic executable/.test(`${busybox.stdout}${busybox.stderr}`)) {
    return 'no static busybox (Debian busybox-static) to build images FROM scratch with';
  }
  let daemon: ChildProcess | undefined;
  if (!anyAnswers()) {
    if (process.getuid?.() !== 0 || !existsSync('/usr/sbin/dockerd')) return 'no Docker daemon, and none can be started here (needs root and Debian docker.io)';
    const log = openSync(join(tmpdir(), 'secret-safe-test-dockerd.log'), 'a');
    daemon = spawn('/usr/sbin/dockerd', ['--iptables=false', '--bridge=none'], { detached: true, stdio: ['ignore', log, log] });
    daemon.unref();
    let up = false;
    for (let i = 0; i < 120 && !up; i++) {
      await new Promise(r => setTimeout(r, 250));
      up = anyAnswers();
    }
    if (!up) {
      daemon.kill();
      return `dockerd did not start (see ${join(tmpdir(), 'secret-safe-test-dockerd.log')})`;
    }
  }
  const cli = usableCli();
  if (!cli) {
    daemon?.kill();
    return "no docker CLI here builds with BuildKit: install Debian docker.io (its CLI uses the daemon's BuildKit) or the buildx plugin";
  }
  const check = (what: string, r: SpawnSyncReturns<string>): string => {
    if (r.status !== 0) throw new Error(`${what} failed (${r.status}): ${`${r.stdout}\n${r.stderr}`.slice(-2000)}`);
    return r.stdout;
  };
  const docker = cli;
  return {
    run: (args, options = {}) =>
      check(
        `docker ${args[0]}`,
        spawnSync(docker, args, { encoding: 'utf8', cwd: options.cwd, env: { ...process.env, DOCKER_BUILDKIT: '1', ...options.env }, timeout: 300_000 }),
      ),
    compose: (args, cwd) => check(`docker-compose ${args[0]}`, spawnSync('docker-compose', args, { encoding: 'utf8', cwd, timeout: 300_000 })),
    removeImage: image => {
      spawnSync(docker, ['rmi', '-f', image], { timeout: 60_000 });
    },
    save: image => {
      const r = spawnSync(docker, ['save', image], { maxBuffer: 1 << 30, timeout: 300_000 });
      if (r.status !== 0) throw new Error(`docker save failed: ${r.stderr}`);
      return r.stdout;
    },
    stop: () => {
      if (daemon?.pid) {
        try {
          process.kill(daemon.pid, 'SIGTERM');
        } catch {
          // gone already
        }
      }
    },
  };
}
