import { join, relative } from 'node:path';
import { URI } from 'vscode-uri';
import type { WorkspaceFolder } from 'vscode-languageserver';
import { CONFIG_FILE, EMPTY_CONFIG, createPathMatcher, type Scanner } from '../core';
import { loadProjectConfig, type LoadedConfig } from '../node/project-config';
import { scannerFor } from '../node/scan/rule-set';

/** What the server knows about one workspace folder: its project config and the scanner it asks for. */
export interface FolderState {
  path: string;
  config: LoadedConfig;
  scanner: Scanner;
  isAllowlisted(relativePath: string): boolean;
}

/** How a document is to be checked. */
export interface DocumentScope {
  scanner: Scanner;
  /** The path inside its workspace folder; absent for untitled files and files outside every folder. */
  relativePath?: string;
  /** The project config says this file is never scanned. */
  allowlisted: boolean;
  /** The baseline the project config names: findings it accepts are not published. */
  baseline?: LoadedConfig['baseline'];
}

/** The scanner for files outside any folder (untitled files, loose files): all built-in rules. */
const LOOSE = scannerFor(EMPTY_CONFIG);

/**
 * The workspace folders, each with its `.secret-safe.json` loaded lazily and reloaded when the
 * file changes. Documents map to the deepest folder that contains them.
 */
export class Folders {
  private folders: string[] = [];
  private readonly states = new Map<string, Promise<FolderState>>();

  /** Applies a change of workspace folders (the initial set is all "added"). */
  update(added: readonly WorkspaceFolder[] | null | undefined, removed: readonly WorkspaceFolder[] = []): void {
    const gone = new Set(fileFolders(removed));
    this.folders = [...this.folders.filter(f => !gone.has(f)), ...fileFolders(added ?? [])];
    this.states.clear();
  }

  /** Drops cached configs, so the next document check reads them again. */
  reload(): void {
    this.states.clear();
  }

  /** The workspace folder holding `path` (the deepest), or undefined. */
  folderOf(path: string): string | undefined {
    return this.folders.filter(f => isInside(f, path)).sort((a, b) => b.length - a.length)[0];
  }

  /** Every folder's state, loading the configs now (to report their problems). */
  all(): Promise<FolderState[]> {
    return Promise.all(this.folders.map(f => this.state(f)));
  }

  /** Whether `path` is a baseline file some folder's config names (a change to it is a config change). */
  async isBaseline(path: string): Promise<boolean> {
    return (await this.all()).some(state => state.config.baseline?.file === path || (state.config.config.baseline && join(state.path, state.config.config.baseline.path) === path));
  }

  /** The problems of the config file at `uri`, if it is a workspace folder's config. */
  async configProblems(uri: string): Promise<LoadedConfig['problems']> {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file' || !parsed.fsPath.endsWith(CONFIG_FILE)) {
      return [];
    }
    const owner = this.folders.find(f => join(f, CONFIG_FILE) === parsed.fsPath);
    return owner ? (await this.state(owner)).config.problems : [];
  }

  /** The scanner that applies to `uri`, and where the document sits in its workspace folder. */
  async resolve(uri: string): Promise<DocumentScope> {
    const parsed = URI.parse(uri);
    const folder = parsed.scheme === 'file' ? this.folderOf(parsed.fsPath) : undefined;
    if (!folder) {
      return { scanner: LOOSE, allowlisted: false };
    }
    const state = await this.state(folder);
    const relativePath = relative(folder, parsed.fsPath);
    return { scanner: state.scanner, relativePath, allowlisted: state.isAllowlisted(relativePath), baseline: state.config.baseline };
  }

  private state(folder: string): Promise<FolderState> {
    let state = this.states.get(folder);
    if (!state) {
      state = loadProjectConfig(folder)
        .catch((): LoadedConfig => ({ config: EMPTY_CONFIG, root: folder, problems: [] }))
        .then(config => ({
          path: folder,
          config,
          scanner: scannerFor(config.config),
          isAllowlisted: createPathMatcher(config.config.allowlistPaths),
        }));
      this.states.set(folder, state);
    }
    return state;
  }
}

function fileFolders(folders: readonly WorkspaceFolder[]): string[] {
  return folders.map(f => URI.parse(f.uri)).filter(u => u.scheme === 'file').map(u => u.fsPath);
}

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith('/');
}
