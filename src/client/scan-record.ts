import * as vscode from 'vscode';
import type { WorkspaceScanResult } from '../shared/protocol';

/** What is remembered of the last finished workspace scan. */
export interface LastScan {
  /** When it finished (ms since the epoch). */
  at: number;
  filesScanned: number;
  findings: number;
}

const KEY = 'secretSafe.lastScan';

/**
 * The last workspace scan of this workspace, kept in its workspace state: the Secrets view says
 * when it ran, and after a window reload the scan runs again (its findings on closed files live
 * only in the server, which restarted), so the view shows them again.
 */
export class ScanRecord implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  /** A scan is running now (the one after a reload, or the user's). */
  running = false;

  constructor(private readonly state: vscode.Memento) {}

  get last(): LastScan | undefined {
    return this.state.get<LastScan>(KEY);
  }

  /** A scan started (`true`) or ended; a finished one (not cancelled) is remembered. */
  async update(running: boolean, result?: WorkspaceScanResult): Promise<void> {
    this.running = running;
    if (result && !result.cancelled) {
      await this.state.update(KEY, { at: Date.now(), filesScanned: result.filesScanned, findings: result.findings } satisfies LastScan);
    }
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
