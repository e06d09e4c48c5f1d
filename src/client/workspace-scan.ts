import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ScanProgressNotification, ScanWorkspaceRequest, type WorkspaceScanResult } from '../shared/protocol';
import type { ScanRecord } from './scan-record';

const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/**
 * "Secret Safe: Scan Workspace": a progress notification with a running count and a Cancel
 * button while the server scans; then a summary. Findings land in the Problems panel, on files
 * that are not open too. Resolves to the server's result.
 */
export async function scanWorkspace(client: LanguageClient, record: ScanRecord): Promise<WorkspaceScanResult> {
  const result = await scan(client, record, vscode.ProgressLocation.Notification);
  const seconds = (result.elapsedMs / 1000).toFixed(1);
  const scanned = `${plural(result.filesScanned, 'file')} scanned in ${seconds} s${result.filesSkipped ? `, ${plural(result.filesSkipped, 'file')} skipped (binary or too large)` : ''}`;
  const head = result.cancelled ? 'Secret Safe: scan cancelled. So far, ' : 'Secret Safe: ';
  const found = result.findings === 0 ? 'no secrets found' : `${plural(result.findings, 'secret')} found in ${plural(result.filesWithFindings, 'file')}`;
  const message = `${head}${found} (${scanned}).`;
  if (result.findings === 0) {
    void vscode.window.showInformationMessage(message);
  } else {
    void vscode.window.showWarningMessage(message, 'Show Problems').then(choice => {
      if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  }
  return result;
}

/**
 * After a window reload, the scan the user ran before runs again, in the status bar only: its
 * findings on closed files were the restarted server's, and the Secrets view would lose them.
 */
export async function rescanAfterReload(client: LanguageClient, record: ScanRecord): Promise<void> {
  if (record.last) await scan(client, record, vscode.ProgressLocation.Window);
}

async function scan(client: LanguageClient, record: ScanRecord, location: vscode.ProgressLocation): Promise<WorkspaceScanResult> {
  await record.update(true);
  let result: WorkspaceScanResult | undefined;
  try {
    result = await vscode.window.withProgress(
      { location, title: 'Secret Safe: scanning the workspace', cancellable: location === vscode.ProgressLocation.Notification },
      async (progress, token) => {
        const listening = client.onNotification(ScanProgressNotification, p =>
          progress.report({ message: `${plural(p.filesScanned, 'file')} scanned, ${plural(p.findings, 'secret')} found` }),
        );
        try {
          return await client.sendRequest(ScanWorkspaceRequest, {}, token);
        } finally {
          listening.dispose();
        }
      },
    );
    return result;
  } finally {
    await record.update(false, result);
  }
}
