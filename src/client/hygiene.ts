import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ApplyUntrackCommand, CheckHygieneRequest, type HygieneReport, type UntrackArgs } from '../shared/protocol';
import { executeServerCommand } from './server-command';

const METHOD: Record<HygieneReport['folders'][number]['method'], string> = {
  git: 'asked git',
  'ignore-files': 'read the .gitignore files without running git',
  none: 'not a git repository',
};

/**
 * "Secret Safe: Check Git Hygiene": checks now, then lists every secret file git would commit or
 * tracks already; picking one opens it where the problem is. A clean result says how it was
 * decided (git itself, or the ignore files in an untrusted workspace).
 */
export async function checkGitHygiene(client: LanguageClient): Promise<void> {
  const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Secret Safe: checking git hygiene' }, () =>
    client.sendRequest(CheckHygieneRequest),
  );
  const how = [...new Set(report.folders.map(f => METHOD[f.method]))].join('; ');
  if (report.findings.length === 0) {
    void vscode.window.showInformationMessage(
      report.folders.every(f => f.method === 'none')
        ? 'Secret Safe: no git repository and no .gitignore in this workspace, so there is nothing to check.'
        : `Secret Safe: git hygiene is fine: no secret file is committed or would be (${how}).`,
    );
    return;
  }
  const icon = { tracked: '$(error)', 'not-ignored': '$(warning)', 'unignore-rule': '$(warning)' } as const;
  const picked = await vscode.window.showQuickPick(
    report.findings.map(f => ({
      label: `${icon[f.problem]} ${f.relativePath}`,
      description: f.problem === 'unignore-rule' ? `.gitignore line ${f.line + 1}` : undefined,
      detail: f.message,
      finding: f,
    })),
    {
      title: `Secret Safe: ${report.findings.length} git hygiene problem${report.findings.length === 1 ? '' : 's'} (${how})`,
      placeHolder: 'Open a file to fix it',
    },
  );
  if (picked) {
    const position = new vscode.Position(picked.finding.line, 0);
    await vscode.window.showTextDocument(vscode.Uri.parse(picked.finding.uri), { selection: new vscode.Range(position, position) });
  }
}

/**
 * "Stop tracking…": explains what `git rm --cached` does and does not do, asks, then has the
 * server run it. The keys stay in the history, so the message says to rotate them. In an
 * untrusted workspace it explains why git will not run and offers to manage trust instead.
 */
export async function untrackSecretFile(client: LanguageClient, args: UntrackArgs): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    // A repository's own config can make git run programs: Secret Safe runs it only once trusted.
    const manage = await vscode.window.showWarningMessage(
      `Secret Safe runs git only in a trusted workspace. Trust this folder to let it stop tracking ${args.relativePath}, ` +
        `or run "git rm --cached ${args.relativePath}" yourself. Either way, rotate the keys it holds: the git history keeps them.`,
      'Manage Workspace Trust',
    );
    if (manage) {
      await vscode.commands.executeCommand('workbench.trust.manage');
    }
    return;
  }
  // A notification rather than a modal dialog: nothing is lost (the file stays, `git add` undoes it),
  // and the person can read the warning about the history while deciding.
  const choice = await vscode.window.showWarningMessage(
    `Stop tracking ${args.relativePath}? Secret Safe will run "git rm --cached" and add it to .gitignore; the file stays on your disk ` +
      `and your next commit removes it from the repository. The keys in it stay in the git history, where anyone with a clone has them: rotate them.`,
    'Stop Tracking',
  );
  if (choice !== 'Stop Tracking') {
    return;
  }
  const result = await executeServerCommand(client, ApplyUntrackCommand, args);
  if (result?.untracked) {
    void vscode.window.showInformationMessage(
      `Secret Safe: ${args.relativePath} is no longer tracked. Commit the change, save .gitignore, and rotate the keys it held.`,
    );
  }
}
