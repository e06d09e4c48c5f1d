import { open, stat } from 'node:fs/promises';
import { DiagnosticSeverity, type Connection, type Diagnostic, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { HYGIENE_CODES, HYGIENE_DOCS_URL, HYGIENE_SEVERITY, hygieneMessage } from '../core/hygiene';
import { checkHygiene, type HygieneFinding, type HygieneResult } from '../node/git/hygiene';
import { DIAGNOSTIC_SOURCE, type HygieneReport } from '../shared/protocol';
import type { Folders } from './folders';
import type { Publisher } from './publisher';

/** Pause after a burst of file events (a checkout touches many files) before checking again. */
const SETTLE_MS = 300;

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };

/** What a hygiene diagnostic carries for its quick fixes. */
export interface HygieneData {
  hygiene: HygieneFinding['problem'];
}

/**
 * The git-hygiene check of every workspace folder: secret files that git would commit or tracks
 * already, and `.gitignore` lines that let them in. Git runs only in a trusted workspace; until
 * the client says the workspace is trusted, the ignore files and `.git/index` are read instead.
 * Runs are serialized: a change during a run schedules one more run, never two at once.
 */
export class HygieneService {
  private trusted = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<HygieneResult[]> | undefined;
  private again = false;
  private last: Array<{ folder: string; result: HygieneResult }> = [];

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly folders: Folders,
    private readonly publisher: Publisher,
  ) {}

  /** Whether git may run: a trusted workspace. */
  get isTrusted(): boolean {
    return this.trusted;
  }

  /** Sets whether the workspace is trusted; a change after start re-checks, now with git. */
  trust(trusted: boolean, recheck = true): void {
    if (trusted !== this.trusted) {
      this.trusted = trusted;
      if (recheck) this.schedule(0);
    }
  }

  schedule(delayMs = SETTLE_MS): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.check(), delayMs);
  }

  /** Checks every folder now (after a run in progress) and publishes the result. */
  async check(): Promise<HygieneResult[]> {
    clearTimeout(this.timer);
    if (this.running) {
      this.again = true;
      await this.running.catch(() => undefined);
      return this.check();
    }
    this.again = false;
    this.running = this.run();
    try {
      return await this.running;
    } finally {
      this.running = undefined;
      if (this.again) this.schedule(0);
    }
  }

  /** The findings published on `uri` by the last run. */
  findingsOn(uri: string): HygieneFinding[] {
    return this.last.flatMap(({ result }) => result.findings).filter(f => URI.file(f.file).toString() === uri);
  }

  /** The last run as the "Check Git Hygiene" command shows it. */
  report(): HygieneReport {
    return {
      folders: this.last.map(({ folder, result }) => ({ path: folder, method: result.method })),
      findings: this.last.flatMap(({ result }) =>
        result.findings.map(f => ({
          uri: URI.file(f.file).toString(),
          line: f.line ?? 0,
          problem: f.problem,
          relativePath: f.relativePath,
          message: hygieneMessage({ ...f, description: f.kind.description }),
        })),
      ),
    };
  }

  private async run(): Promise<HygieneResult[]> {
    // Without git installed (or in a broken repository) the check falls back to reading the files.
    const useGit = this.trusted;
    const states = await this.folders.all();
    const runs = await Promise.all(
      states.map(async state => {
        const result = await checkHygiene(state.path, state.project.hygieneOptions(useGit)).catch((e: unknown): HygieneResult => {
          this.connection.console.error(`Git hygiene check of ${state.path} failed: ${(e as Error).message}`);
          return { findings: [], method: 'none' };
        });
        return { folder: state.path, result };
      }),
    );
    // Nested workspace folders see the same files: one finding per file and problem.
    const seen = new Set<string>();
    for (const run of runs) {
      run.result.findings = run.result.findings.filter(f => {
        const key = `${f.problem}\0${f.file}\0${f.line ?? ''}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    }
    this.last = runs;
    await this.publish(runs.flatMap(r => r.result.findings));
    return runs.map(r => r.result);
  }

  private async publish(findings: HygieneFinding[]): Promise<void> {
    const byUri = new Map<string, Diagnostic[]>();
    for (const f of findings) {
      const uri = URI.file(f.file).toString();
      const list = byUri.get(uri) ?? [];
      list.push(await this.diagnostic(uri, f));
      byUri.set(uri, list);
    }
    for (const uri of this.publisher.urisOf('hygiene')) {
      if (!byUri.has(uri)) this.publisher.set(uri, 'hygiene', []);
    }
    for (const [uri, diagnostics] of byUri) {
      this.publisher.set(uri, 'hygiene', diagnostics);
    }
  }

  private async diagnostic(uri: string, f: HygieneFinding): Promise<Diagnostic> {
    const line = f.line ?? 0;
    const data: HygieneData = { hygiene: f.problem };
    return {
      range: { start: { line, character: 0 }, end: { line, character: await this.lineLength(uri, f.file, line) } },
      severity: SEVERITY[HYGIENE_SEVERITY[f.problem]],
      source: DIAGNOSTIC_SOURCE,
      code: HYGIENE_CODES[f.problem],
      codeDescription: { href: `${HYGIENE_DOCS_URL}#${HYGIENE_CODES[f.problem]}` },
      message: hygieneMessage({ ...f, description: f.kind.description }),
      data,
    };
  }

  /** The length of a line, so the squiggle spans it: from the open document, else the file's start. */
  private async lineLength(uri: string, path: string, line: number): Promise<number> {
    const open = this.documents.get(uri);
    if (open) {
      return open.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '').length;
    }
    const head = await readStart(path);
    if (head === undefined || head.includes('\0')) {
      return 0; // a binary keystore: the diagnostic sits at its start
    }
    return (head.replace(/^\uFEFF/, '').split('\n')[line] ?? '').replace(/\r$/, '').length;
  }
}

async function readStart(path: string): Promise<string | undefined> {
  try {
    // Regular files only: opening a FIFO waits for a writer that may never come.
    if (!(await stat(path)).isFile()) return undefined;
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return buffer.toString('utf8', 0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}
