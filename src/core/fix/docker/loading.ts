import { baseName } from '../../../shared/paths';
import type { EnvLoading, LoaderChange, ProjectView } from '../loading/types';
import { composeEnvFileEdit } from './compose-env-file';

/**
 * What gets the value from `.env` to where a Dockerfile's move left it. At run time: each compose
 * service that builds the Dockerfile reads `.env` with `env_file:` (added when missing); without
 * one, `docker run` must be given `--env-file`. At build time, `docker build` must be given the
 * secret: nothing reads `.env` for it.
 */
export function dockerLoading(kind: 'runtime' | 'build', id: string, envName: string, project: ProjectView): EnvLoading {
  const builds = project.dockerBuilds ?? [];
  if (kind === 'build') {
    return {
      kind: 'unwired',
      reason: `docker build does not read ${envName}: build with --secret id=${id},env=${id} and ${id} set from it${builds.length > 0 ? ' (compose: build.secrets)' : ''}`,
      command: 'docker build',
    };
  }
  if (builds.length === 0) {
    return { kind: 'unwired', reason: `docker run does not read ${envName}: start the container with --env-file ${envName}`, command: 'docker run' };
  }
  const changes = new Map<string, LoaderChange>();
  const by: string[] = [];
  for (const build of builds) {
    const text = project.files.get(build.rel);
    const edits = text === undefined ? undefined : composeEnvFileEdit(text, build.service, build.envFile);
    if (!edits) {
      return {
        kind: 'unwired',
        reason: `add env_file: ${build.envFile} to the service ${build.service} in ${baseName(build.rel)} by hand`,
        command: 'docker compose up',
      };
    }
    if (edits.length > 0) {
      // Two services of one file: both edits on its one change (they touch different services).
      const change = changes.get(build.rel) ?? { rel: build.rel, edits: [] };
      change.edits.push(...edits);
      changes.set(build.rel, change);
    }
    by.push(`env_file in ${baseName(build.rel)}'s service ${build.service}`);
  }
  if (changes.size === 0) return { kind: 'loaded', by: by.join(', ') };
  return { kind: 'wired', by: by.join(', '), changes: [...changes.values()], command: 'docker compose up' };
}
