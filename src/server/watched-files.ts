import { statSync } from 'node:fs';
import { FileChangeType, WatchKind, type FileEvent, type FileSystemWatcher } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { CONFIG_FILE } from '../core';
import { HYGIENE_WATCH_GLOBS, mayBeSecretFile, type SecretFileKind } from '../core/hygiene';

/**
 * What the server asks the client to watch for git hygiene: the ignore files, the index, the
 * secret files by name (built-in kinds and the project's own), and every creation. A folder that
 * appears with its files already inside (`git checkout`, `tar -x`, `mkdir -p keys && cp …`) may
 * reach the watcher as the folder alone, so a new folder is a reason to look again.
 */
export function hygieneWatchers(customGlobs: readonly string[]): FileSystemWatcher[] {
  return [
    ...[...new Set([...HYGIENE_WATCH_GLOBS, ...EXIT_WATCH_GLOBS, ...customGlobs])].map(globPattern => ({ globPattern })),
    { globPattern: '**/*', kind: WatchKind.Create },
  ];
}

/** The files the exits read: Docker's and npm's ignore files, compose files, and the AI agents' own. */
const EXIT_WATCH_GLOBS = [
  '**/.dockerignore',
  // Compose files give a Dockerfile its build context.
  '**/{compose,docker-compose}{,.override}.{yaml,yml}',
  '**/*.dockerignore',
  '**/.npmignore',
  // The AI agents' own files: what shows an agent is used, and what keeps files from it.
  '**/{.cursorignore,.cursorindexingignore,.cursorrules,.aiexclude,.geminiignore,.codeiumignore,.windsurfrules,CLAUDE.md,GEMINI.md}',
  '**/{.cursor,.claude,.gemini,.windsurf}/**',
];

const HYGIENE_FILES = /\/(?:\.gitignore|\.git\/index|\.git\/info\/exclude)$/;

/** Whether any change can alter the git-hygiene answer; other creations (builds, installs) are dropped. */
export function bearsOnHygiene(changes: readonly FileEvent[], kinds: readonly SecretFileKind[]): boolean {
  return changes.some(change => {
    const path = URI.parse(change.uri).fsPath.replace(/\\/g, '/');
    if (change.type !== FileChangeType.Created || HYGIENE_FILES.test(path) || path.endsWith(`/${CONFIG_FILE}`) || mayBeSecretFile(path, kinds)) {
      return true;
    }
    try {
      return statSync(path).isDirectory() && !/\/\.git(?:\/|$)/.test(path);
    } catch {
      return false;
    }
  });
}
