// "Already committed": what the git history says of the secrets in open files. A key that a commit
// holds has left with it, whatever the working tree says now: rotating it is the fix. Built in the
// background from the history scan (unique blobs, each read once), in trusted workspaces only.
import { basename } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { findGitRoot } from '../node/git/repo-root';
import { type BlobResult, scanHistory } from '../node/git/history';
import type { ProjectScan } from '../node/project-scan';
import { WorkerPool } from '../node/scan/scan-pool';
import { DIAGNOSTIC_SOURCE } from '../shared/protocol';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { URI } from 'vscode-uri';
import { maskFoundSecrets, rotationOf } from '../core';
import type { ChecklistItem } from '../shared/protocol';

/** Blobs larger are not read; and how many new blobs are worth starting a worker for. */
const MAX_BLOB = 10 << 20;
const WORKER_BLOBS = 200;

/** The commit that first brought a secret. */
export interface Committed {
  commit: string;
  author: string;
  date: string;
}

interface Index {
  /** By rule id and in-memory secret hash. */
  secrets: Map<string, Committed>;
  /** Every secret the history holds, as the Rotation Checklist lists it. */
  items: ChecklistItem[];
  /** Env files some commit held with secrets, by absolute path: the keys' names. */
  envFiles: Map<string, Committed & { names: string[] }>;
}

/** How long an index serves before the next check builds it again (new commits). */
const STALE_MS = 5 * 60_000;

export class CommittedSecrets {
  /** After a commit (the index file changed): the next check builds the indexes again, reading only new blobs. */
  stale(): void {
    for (const state of this.repos.values()) state.builtAt = 0;
  }

  /** The index built now, new commits included: for a question the user asks (the Rotation Checklist). Only new blobs are read. */
  async fresh(folder: string, project: ProjectScan): Promise<Index | undefined> {
    await this.repos.get(folder)?.building;
    const state = this.repos.get(folder);
    if (state) state.builtAt = 0;
    this.index(folder, project);
    await this.repos.get(folder)?.building;
    return this.repos.get(folder)?.index;
  }

  private readonly repos = new Map<string, { index?: Index; building?: Promise<void>; builtAt: number; known: Map<string, BlobResult> }>();

  constructor(
    private readonly trusted: () => boolean,
    /** Called when an index is ready: the open documents are checked again with it. */
    private readonly built: () => void,
  ) {}

  /**
   * The index of the repository holding `folder`, when it is built; asking starts a build when
   * there is none or it is stale. Never in an untrusted workspace: building runs git.
   */
  index(folder: string, project: ProjectScan): Index | undefined {
    if (!this.trusted()) return undefined;
    let state = this.repos.get(folder);
    if (!state) {
      state = { builtAt: 0, known: new Map() };
      this.repos.set(folder, state);
    }
    const current = state;
    if (!current.building && Date.now() - current.builtAt > STALE_MS) {
      current.building = build(folder, project, current.known).then(
        index => {
          current.index = index;
          current.builtAt = Date.now();
          current.building = undefined;
          this.built();
        },
        () => {
          current.builtAt = Date.now();
          current.building = undefined;
        },
      );
    }
    return current.index;
  }
}

async function build(folder: string, project: ProjectScan, known: Map<string, BlobResult>): Promise<Index> {
  const root = await findGitRoot(folder);
  const index: Index = { secrets: new Map(), items: [], envFiles: new Map() };
  if (!root) return index;
  // Blobs read before are not read again: a commit adds a few, the rest are known.
  // A first index reads the whole history: scanned on a worker, off the thread that answers the editor.
  let pool: WorkerPool | undefined;
  const workers = (unread: number): WorkerPool | undefined => {
    if (unread < WORKER_BLOBS) return undefined;
    pool = new WorkerPool({ cwd: folder, config: 'own', trusted: true, workerScript: join(__dirname, 'scan-worker.js'), threads: 1, maxFileBytes: MAX_BLOB });
    return pool;
  };
  const history = await scanHistory(root, project.scanner, { maxBlobBytes: MAX_BLOB, known, pool: workers }).finally(() => pool?.close());
  for (const f of history.findings) {
    if (f.commit) index.secrets.set(`${f.finding.ruleId}\0${f.finding.secretHash}`, { commit: f.commit, author: f.author, date: f.date });
    const rotation = rotationOf(f.finding);
    index.items.push({
      id: createHash('sha256').update(`${f.finding.ruleId}\0${f.finding.masked}\0${f.path}`).digest('hex'),
      uri: URI.file(join(root, f.path)).toString(),
      relativePath: f.path,
      line: f.finding.line,
      ruleId: f.finding.ruleId,
      provider: f.finding.provider,
      masked: f.finding.masked,
      commit: f.commit,
      date: f.date,
      inHead: f.inHead,
      ...(rotation.page ? { page: rotation.page } : {}),
      note: rotation.note,
    });
  }
  for (const e of history.envFiles) {
    if (e.commit) index.envFiles.set(join(root, e.path), { commit: e.commit, author: e.author, date: e.date, names: e.names });
  }
  return index;
}

/** What a finding's message adds when a commit holds the secret. */
export function committedNote(c: Committed, page?: string): string {
  return `Committed in ${c.commit.slice(0, 7)} on ${c.date.slice(0, 10)}: rotate this key${page ? ` (${page})` : ''}; removing it from the code does not remove it from history.`;
}

/** The warning on an env file that a commit once held with secrets, naming the keys, never their values. */
export function committedEnvDiagnostic(path: string, c: Committed & { names: string[] }): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    code: 'secret-file-in-history',
    message: `${basename(path)} was committed in ${c.commit.slice(0, 7)} on ${c.date.slice(0, 10)}${c.author ? ` by ${maskFoundSecrets(c.author)}` : ''} with ${c.names.join(', ')}: those keys are in the git history for good. Rotate them; ignoring or deleting the file now does not remove them.`,
  };
}
