import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import dockerignore from '@balena/dockerignore';
import { COMPOSE_FILE_NAMES, composeBuilds } from '../../core/compose';
import { type ContextCopy, contextCopies, dockerContextMessage, EXIT_BY_CODE, sourceTakes } from '../../core/exits';
import { ignorePatternFor, SECRET_FILE_KINDS, type SecretFileKind, secretFileKind } from '../../core/hygiene';
import { candidates, type ExitCheckOptions, kindOf, readConfig, secretFilesIn } from './secret-files';

/**
 * The Docker build context as an exit: a Dockerfile whose `COPY . …` (or any copy from the
 * context) takes a secret file that `.dockerignore` lets through puts the file in the image, and
 * every layer keeps it. The contexts are the Dockerfile's folder (`docker build .` beside it) and
 * every `build.context` a compose file above it gives for it (`context: ..`, `dockerfile:
 * docker/Dockerfile`); `.dockerignore` is read as Docker reads it (@balena/dockerignore, a port of
 * Docker's own matcher), `<Dockerfile>.dockerignore` beside the Dockerfile first, as BuildKit does,
 * else the context's.
 */

const CODE = 'secret-file-in-docker-context';
const SEVERITY = EXIT_BY_CODE.get(CODE)!.severity;

/** Dockerfiles by their usual names: `Dockerfile`, `Dockerfile.prod`, `api.Dockerfile`, `Containerfile`. */
export function isDockerfileName(name: string): boolean {
  return (/^(?:Dockerfile|Containerfile)(?:\.[\w.-]+)?$/.test(name) && !name.endsWith('.dockerignore')) || /\.[Dd]ockerfile$/.test(name);
}

/** A file that configures an exit: a Dockerfile, or a package.json of the project's own (not an installed package's). */
export function configuresExit(path: string): boolean {
  const name = basename(path);
  return isDockerfileName(name) || (name === 'package.json' && !/[\\/]node_modules[\\/]/.test(path));
}

export interface DockerContextFinding {
  code: string;
  severity: typeof SEVERITY;
  dockerfile: string;
  /** The copy's line and the span of its first line, zero-based. */
  line: number;
  startColumn: number;
  endColumn: number;
  /** The secret file (absolute), and its path in the context. */
  file: string;
  relativePath: string;
  kind: SecretFileKind;
  /** The build context the file is in, and the compose file and service that name it (none: the Dockerfile's folder). */
  context: string;
  compose?: { file: string; service: string };
  /** The `.dockerignore` that applies, or the one the fix creates; and the line that excludes the file. */
  ignoreFile: string;
  pattern: string;
  message: string;
}

export interface DockerContextOptions extends ExitCheckOptions {
  /** The Dockerfile's text (an open document's); else read from disk. */
  text?: string;
}

export async function checkDockerContext(dockerfile: string, options: DockerContextOptions = {}): Promise<DockerContextFinding[]> {
  const read = options.read ?? readConfig;
  const contexts: BuildContext[] = [{ context: dirname(dockerfile) }, ...(await composeContexts(dockerfile, read))];
  const findings: DockerContextFinding[] = [];
  let copies: ContextCopy[] | undefined;
  for (const build of contexts) {
    if (contexts.findIndex(c => c.context === build.context) < contexts.indexOf(build)) continue;
    const kinds = options.kinds ?? SECRET_FILE_KINDS;
    // The secret files first (the run's one walk, each file judged once): a context with none in it
    // is judged without reading the Dockerfile or its ignore file.
    const secretFiles = await secretFilesIn(build.context, kinds, options.walk ?? candidates, options.kindOf ?? kindOf);
    if (secretFiles.length === 0) continue;
    if (copies === undefined) {
      const text = options.text ?? (await readConfig(dockerfile));
      copies = text === undefined ? [] : contextCopies(text);
    }
    if (copies.length === 0) return [];
    const ignoreFile = await dockerignoreOf(dockerfile, read, build.context);
    const rules = dockerignore().add(ignoreFile.text ?? '');
    for (const { file, relativePath, kind: found } of secretFiles) {
      if (rules.ignores(relativePath) || findings.some(f => f.file === file)) continue;
      for (const copy of copies) {
        if (!takes(copy, relativePath)) continue;
        const pattern = patternFor(found, relativePath);
        findings.push({
          code: CODE,
          severity: SEVERITY,
          dockerfile,
          line: copy.line,
          startColumn: copy.startColumn,
          endColumn: copy.endColumn,
          file,
          relativePath,
          kind: found,
          context: build.context,
          ...(build.compose ? { compose: build.compose } : {}),
          ignoreFile: ignoreFile.path,
          pattern,
          message: dockerContextMessage({
            instruction: copy.instruction,
            relativePath,
            description: found.description,
            pattern,
            ignoreFile: build.compose ? relative(dirname(build.compose.file), ignoreFile.path) : basename(ignoreFile.path),
            ...(build.compose ? { via: `${basename(build.compose.file)}'s service ${build.compose.service}` } : {}),
          }),
        });
      }
    }
  }
  return findings;
}

/** A build context: a folder, and the compose file and service that give it (none: the Dockerfile's folder). */
export interface BuildContext {
  context: string;
  compose?: { file: string; service: string };
}

/**
 * The build contexts compose files give a Dockerfile: each compose file in its folder or a folder
 * above, up to the repository's root (a folder holding `.git`), whose service builds this
 * Dockerfile (`context` resolved from the compose file's folder, `dockerfile` from the context).
 */
export async function composeContexts(dockerfile: string, read: (path: string) => Promise<string | undefined> = readConfig): Promise<BuildContext[]> {
  const found: BuildContext[] = [];
  const target = resolve(dockerfile);
  for (let dir = dirname(target), depth = 0; depth < 8; dir = dirname(dir), depth++) {
    for (const name of COMPOSE_FILE_NAMES) {
      const file = join(dir, name);
      const text = await read(file);
      if (text === undefined) continue;
      for (const build of await composeBuilds(text)) {
        const context = resolve(dir, build.context);
        if (resolve(context, build.dockerfile) === target) found.push({ context, compose: { file, service: build.service } });
      }
    }
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) break;
  }
  return found;
}

/**
 * The ignore files that need a line so that `file` (a `.env` a fix is about to write, there or not
 * yet) stays out of the images a Dockerfile builds: for each build context holding it that a copy
 * takes from, unless its ignore file excludes it already. `text` is the Dockerfile as the fix leaves it.
 */
export async function dockerignoreNeeds(
  dockerfile: string,
  text: string,
  file: string,
  read: (path: string) => Promise<string | undefined> = readConfig,
  composed?: BuildContext[],
): Promise<Array<{ path: string; text?: string; pattern: string }>> {
  const copies = contextCopies(text);
  if (copies.length === 0) return [];
  const needs: Array<{ path: string; text?: string; pattern: string }> = [];
  // The compose contexts when the caller has them already (composeContexts reads up to 8 folders).
  for (const build of [{ context: dirname(dockerfile) }, ...(composed ?? (await composeContexts(dockerfile, read)))]) {
    const rel = relative(build.context, file);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) continue;
    const relativePath = rel.split(sep).join('/');
    const ignoreFile = await dockerignoreOf(dockerfile, read, build.context);
    if (
      needs.some(n => n.path === ignoreFile.path) ||
      dockerignore()
        .add(ignoreFile.text ?? '')
        .ignores(relativePath)
    )
      continue;
    if (!copies.some(c => takes(c, relativePath))) continue;
    const kind = secretFileKind(relativePath, () => undefined, SECRET_FILE_KINDS);
    needs.push({ ...ignoreFile, pattern: kind ? patternFor(kind, relativePath) : relativePath });
  }
  return needs;
}

/** Whether a copy takes a path: one of its sources names it or a folder above it, and no `--exclude` leaves it out. */
function takes(copy: ContextCopy, relativePath: string): boolean {
  if (!copy.sources.some(s => sourceTakes(s, relativePath))) return false;
  return copy.excludes.length === 0 || !dockerignore().add(copy.excludes).ignores(relativePath);
}

/** The line that excludes the file: `**` before a name so every folder is covered, else its path. */
export function patternFor(kind: SecretFileKind, relativePath: string): string {
  const gitPattern = ignorePatternFor(kind, relativePath);
  const pattern = gitPattern.startsWith('/') ? gitPattern.slice(1) : `**/${gitPattern}`;
  return dockerignore().add(pattern).ignores(relativePath) ? pattern : relativePath;
}

/** The ignore file Docker reads for this Dockerfile: `<name>.dockerignore` beside it, else the context's `.dockerignore`. */
export async function dockerignoreOf(
  dockerfile: string,
  read: (path: string) => Promise<string | undefined> = readConfig,
  context = dirname(dockerfile),
): Promise<{ path: string; text?: string }> {
  const own = `${dockerfile}.dockerignore`;
  const ownText = await read(own);
  if (ownText !== undefined) return { path: own, text: ownText };
  const shared = join(context, '.dockerignore');
  const text = await read(shared);
  return text !== undefined ? { path: shared, text } : { path: shared };
}
