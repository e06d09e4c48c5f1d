import { join, relative } from 'node:path';
import { URI } from 'vscode-uri';
import type { WorkspaceFolder } from 'vscode-languageserver';
import { CONFIG_FILE, EMPTY_CONFIG } from '../core';
import type { LoadedConfig } from '../node/project-config';
import { ProjectScan } from '../node/project-scan';

/** What the server knows about one workspace folder: the project scan its `.secret-safe.json` makes. */
export interface FolderState {
  path: string;
  project: ProjectScan;
}

/** How a document is to be checked. */
export interface DocumentScope {
  project: ProjectScan;
  /** The path inside its workspace folder; absent for untitled files and files outside every folder. */
  relativePath?: string;
  /** The project config says this file is never scanned. */
  allowlisted: boolean;
}

/** Files outside any folder (untitled files, loose files): all built-in rules, no allowlist, no baseline. */
const LOOSE = new ProjectScan({ config: EMPTY_CONFIG, root: '/', problems: [] });

/**
 * The workspace folders, each with its `.secret-safe.json` loaded lazily and reloaded when the
 * file changes. Documents map to the deepest folder that contains them.
 */
export class Folders {
  private folders: string[] = [];
  private readonly states = new Map<string, Promise<FolderState>>();
  /** Whether the workspace is trusted: a config's own regular expressions run only then. */
  private trusted = false;

  /** Sets whether the workspace is trusted; the configs are read again. */
  trust(trusted: boolean): void {
    if (trusted !== this.trusted) {
      this.trusted = trusted;
      this.states.clear();
    }
  }

  get isTrusted(): boolean {
    return this.trusted;
  }

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
    return (await this.all()).some(
      ({ project: { loaded } }) => loaded.baseline?.file === path || (loaded.config.baseline && join(loaded.root, loaded.config.baseline.path) === path),
    );
  }

  /** The problems of the config file at `uri`, if it is a workspace folder's config. */
  async configProblems(uri: string): Promise<LoadedConfig['problems']> {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file' || !parsed.fsPath.endsWith(CONFIG_FILE)) {
      return [];
    }
    const owner = this.folders.find(f => join(f, CONFIG_FILE) === parsed.fsPath);
    return owner ? (await this.state(owner)).project.loaded.problems : [];
  }

  /** The scanner that applies to `uri`, and where the document sits in its workspace folder. */
  async resolve(uri: string): Promise<DocumentScope> {
    const parsed = URI.parse(uri);
    const folder = parsed.scheme === 'file' ? this.folderOf(parsed.fsPath) : undefined;
    if (!folder) {
      return { project: LOOSE, allowlisted: false };
    }
    const { project } = await this.state(folder);
    return { project, relativePath: relative(folder, parsed.fsPath), allowlisted: project.isAllowlisted(parsed.fsPath) };
  }

  private state(folder: string): Promise<FolderState> {
    let state = this.states.get(folder);
    if (!state) {
      state = ProjectScan.ofFolder(folder, { trusted: this.trusted }).then(project => ({ path: folder, project }));
      this.states.set(folder, state);
    }
    return state;
  }
}

function fileFolders(folders: readonly WorkspaceFolder[]): string[] {
  return folders
    .map(f => URI.parse(f.uri))
    .filter(u => u.scheme === 'file')
    .map(u => u.fsPath);
}

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith('/');
}
