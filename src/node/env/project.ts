import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { LOADER_FILES, loaderEntryFiles, type ProjectView } from '../../core/fix';
import { languageOf } from '../../core';
import { composeContexts, dockerignoreNeeds } from '../exits/docker';
import { relativePosix } from '../paths';
import { PROJECT_MARKERS, nearestProjectRoot, type ReadText } from './locations';

/** A project as "Move to .env" needs it to wire the loading of `.env`: its files, and where the code and the `.env` are in it. */
export interface ProjectContext {
  view: ProjectView;
  documentRel: string;
  envRel: string;
}

/**
 * The project holding a piece of code: the nearest folder up to the workspace folder with a
 * manifest (package.json, pyproject.toml, go.mod, a .csproj, …), else the code's own folder; with
 * the files there that say what loads `.env`, read as the editor has them. With `docker` (Move to
 * .env, not the env-loading check, which never uses them), a Dockerfile's compose services and the
 * ignore files its build contexts need too.
 */
export async function projectContext(
  documentPath: string,
  workspaceFolder: string,
  envPath: string,
  read: ReadText,
  options: { docker?: boolean } = {},
): Promise<ProjectContext> {
  const isManifest = (name: string): boolean => PROJECT_MARKERS.includes(name) || name.endsWith('.csproj');
  const root = (await nearestProjectRoot(dirname(documentPath), workspaceFolder, isManifest)) ?? dirname(documentPath);
  const files = new Map<string, string>();
  // `read` answers undefined for a file that is not there: no separate existence check.
  const readInto = async (rel: string): Promise<void> => {
    if (files.has(rel)) return;
    const text = await read(join(root, rel));
    if (text !== undefined) files.set(rel, text);
  };
  const csproj = (await readdir(root).catch(() => [] as string[])).filter(n => n.endsWith('.csproj'));
  await Promise.all([...LOADER_FILES, ...csproj].map(readInto));
  await Promise.all(loaderEntryFiles(files).map(readInto));
  // A Dockerfile: the compose services that build it, which can give its containers the .env.
  // And the ignore files that must keep the .env out of the images it builds.
  const dockerBuilds: Array<{ rel: string; service: string; envFile: string }> = [];
  const dockerignores: Array<{ rel: string; pattern: string }> = [];
  if (options.docker && languageOf(documentPath) === 'dockerfile') {
    const composed = await composeContexts(documentPath, read);
    for (const { compose } of composed) {
      if (!compose) continue;
      const rel = relativePosix(root, compose.file);
      await readInto(rel);
      if (files.has(rel)) dockerBuilds.push({ rel, service: compose.service, envFile: relativePosix(dirname(compose.file), envPath) });
    }
    const text = await read(documentPath);
    for (const need of text === undefined ? [] : await dockerignoreNeeds(documentPath, text, envPath, read, composed)) {
      const rel = relativePosix(root, need.path);
      if (need.text !== undefined) files.set(rel, need.text);
      dockerignores.push({ rel, pattern: need.pattern });
    }
  }
  const docker = { ...(dockerBuilds.length > 0 ? { dockerBuilds } : {}), ...(dockerignores.length > 0 ? { dockerignores } : {}) };
  return {
    view: { files, pathOf: rel => join(root, ...rel.split('/')), ...docker },
    documentRel: relativePosix(root, documentPath),
    envRel: relativePosix(root, envPath),
  };
}
