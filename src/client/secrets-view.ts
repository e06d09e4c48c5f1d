import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ApplyMoveToEnvCommand, DIAGNOSTIC_SOURCE, DOTENV_CODE_PREFIX, HYGIENE_CODE_PREFIX, IgnoreCommand, type LspRange } from '../shared/protocol';
import type { ScanRecord } from './scan-record';
import { executeServerCommand } from './server-command';
import { ruleOf } from './diagnostic-code';

type Node =
  | { kind: 'file'; uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }
  | { kind: 'finding'; uri: vscode.Uri; diagnostic: vscode.Diagnostic }
  /** The secret files git tracks or would commit, before the secrets. */
  | { kind: 'hygiene'; problems: Array<{ uri: vscode.Uri; diagnostic: vscode.Diagnostic }> };

/**
 * The "Secrets" view: every secret Secret Safe reports now (open files, and the rest after a
 * workspace scan), and every secret file git tracks or does not ignore, by file, then finding; a
 * click opens the spot. It follows the diagnostics, so it changes as secrets are fixed. Empty, it
 * shows a welcome text with a button to scan.
 */
export class SecretsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly listening: vscode.Disposable;

  private timer: NodeJS.Timeout | undefined;

  constructor() {
    // Refreshed once the diagnostics settle: a workspace scan or a git-hygiene check publishes
    // them file by file, and a refresh that another one cancels can leave the view empty.
    this.listening = vscode.languages.onDidChangeDiagnostics(() => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.changed.fire(), 50);
    });
  }

  getChildren(node?: Node): Node[] {
    if (node?.kind === 'file') {
      return node.diagnostics.map(diagnostic => ({ kind: 'finding', uri: node.uri, diagnostic }));
    }
    if (node?.kind === 'hygiene') {
      return node.problems.map(p => ({ kind: 'finding', ...p }));
    }
    if (node) return [];
    const all = vscode.languages.getDiagnostics();
    const files: Node[] = all
      .map(([uri, ds]) => ({ kind: 'file' as const, uri, diagnostics: ds.filter(isSecret).sort((a, b) => a.range.start.compareTo(b.range.start)) }))
      .filter(f => f.diagnostics.length > 0)
      // Untitled files first (a key pasted into a scratch buffer, saved nowhere yet), then by path.
      .sort(
        (a, b) =>
          Number(b.uri.scheme === 'untitled') - Number(a.uri.scheme === 'untitled') ||
          vscode.workspace.asRelativePath(a.uri).localeCompare(vscode.workspace.asRelativePath(b.uri)),
      );
    const problems = all
      .flatMap(([uri, ds]) => ds.filter(isHygiene).map(diagnostic => ({ uri, diagnostic })))
      .sort((a, b) => vscode.workspace.asRelativePath(a.uri).localeCompare(vscode.workspace.asRelativePath(b.uri)));
    // Committed secret files first: each publishes a whole file of keys with the next push.
    return problems.length > 0 ? [{ kind: 'hygiene', problems }, ...files] : files;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'hygiene') {
      const item = new vscode.TreeItem('Secret files git would commit', vscode.TreeItemCollapsibleState.Expanded);
      item.description = String(node.problems.length);
      item.iconPath = new vscode.ThemeIcon('git-commit');
      item.tooltip = 'Secret files git tracks, or does not ignore: the next push publishes them. Their quick fixes ignore them, or stop tracking them.';
      item.contextValue = 'hygieneGroup';
      return item;
    }
    if (node.kind === 'file') {
      const item = new vscode.TreeItem(node.uri, vscode.TreeItemCollapsibleState.Expanded);
      // VS Code labels an untitled file by its first line, which for a pasted key is the key: its
      // own name instead (Untitled-1), or the name it will be saved as.
      if (node.uri.scheme === 'untitled') item.label = node.uri.path.split('/').pop() || node.uri.path;
      item.description = `${vscode.workspace.asRelativePath(node.uri, false).split('/').slice(0, -1).join('/')} · ${node.diagnostics.length}`;
      item.contextValue = 'file';
      return item;
    }
    const { diagnostic } = node;
    const item = new vscode.TreeItem(diagnostic.message, vscode.TreeItemCollapsibleState.None);
    item.description = `${String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code)} · line ${diagnostic.range.start.line + 1}`;
    item.iconPath = new vscode.ThemeIcon(
      diagnostic.severity === vscode.DiagnosticSeverity.Error ? 'error' : diagnostic.severity === vscode.DiagnosticSeverity.Warning ? 'warning' : 'info',
    );
    item.contextValue = isHygiene(diagnostic) ? 'hygiene' : 'finding';
    item.command = { title: 'Open', command: 'vscode.open', arguments: [node.uri, { selection: diagnostic.range } satisfies vscode.TextDocumentShowOptions] };
    return item;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.listening.dispose();
    this.changed.dispose();
  }
}

/** A secret found in the text, not a git-hygiene, `.env` health or config problem. */
function isSecret(d: vscode.Diagnostic): boolean {
  const code = ruleOf(d);
  return d.source === DIAGNOSTIC_SOURCE && !code.startsWith(HYGIENE_CODE_PREFIX) && !code.startsWith(DOTENV_CODE_PREFIX) && code !== 'config';
}

/** A secret file git tracks or does not ignore (on the file, or on the .gitignore line that un-ignores it). */
function isHygiene(d: vscode.Diagnostic): boolean {
  return d.source === DIAGNOSTIC_SOURCE && ruleOf(d).startsWith(HYGIENE_CODE_PREFIX);
}

type FindingNode = Extract<Node, { kind: 'finding' }>;

/**
 * A finding's context menu: Move to .env and Ignore… (the quick fixes, run on the document, which
 * is opened for the server first), the rule's documentation, and the masked value for a ticket.
 */
function findingCommands(client: LanguageClient): vscode.Disposable {
  const lspRange = (r: vscode.Range): LspRange => client.code2ProtocolConverter.asRange(r);
  const opened = async (node: FindingNode): Promise<void> => {
    await vscode.workspace.openTextDocument(node.uri);
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand('secretSafe.secrets.moveToEnv', async (node: FindingNode) => {
      await opened(node);
      await executeServerCommand(client, ApplyMoveToEnvCommand, {
        uri: node.uri.toString(),
        range: lspRange(node.diagnostic.range),
        ruleId: ruleOf(node.diagnostic),
      });
    }),
    vscode.commands.registerCommand('secretSafe.secrets.ignore', async (node: FindingNode) => {
      await opened(node);
      await vscode.commands.executeCommand(IgnoreCommand.command, {
        uri: node.uri.toString(),
        range: lspRange(node.diagnostic.range),
        ruleId: ruleOf(node.diagnostic),
        scope: 'next-line',
      });
    }),
    vscode.commands.registerCommand('secretSafe.secrets.openRuleDocs', async (node: FindingNode) => {
      const { code } = node.diagnostic;
      if (typeof code === 'object') await vscode.env.openExternal(code.target);
    }),
    vscode.commands.registerCommand('secretSafe.secrets.copyMaskedValue', async (node: FindingNode) => {
      // The server sends the masked value with the diagnostic (the language client keeps it as `data`).
      const masked = (node.diagnostic as { data?: { masked?: unknown } }).data?.masked;
      if (typeof masked !== 'string') return;
      await vscode.env.clipboard.writeText(masked);
      void vscode.window.setStatusBarMessage(`Secret Safe: copied ${masked}`, 3000);
    }),
  );
}

/**
 * The view, with Scan Workspace and Collapse All in its title bar, and beside its title how many
 * secrets in how many files, how many git-hygiene problems, and when the workspace was last
 * scanned ("3 in 2 files, 1 git problem · scanned 14:03"; nothing when none and never).
 */
export function registerSecretsView(client: LanguageClient, record: ScanRecord): vscode.Disposable {
  const view = new SecretsView();
  const tree = vscode.window.createTreeView('secretSafe.secrets', { treeDataProvider: view, showCollapseAll: true });
  // Beside the title: how many secrets in how many files, git problems, and when the workspace
  // was last scanned (files not open show what that scan found).
  const count = (): void => {
    const roots = view.getChildren();
    const files = roots.filter(f => f.kind === 'file');
    const secrets = files.reduce((n, f) => n + (f.kind === 'file' ? f.diagnostics.length : 0), 0);
    const hygiene = roots.reduce((n, f) => n + (f.kind === 'hygiene' ? f.problems.length : 0), 0);
    const counts = [
      ...(secrets ? [`${secrets} in ${files.length} ${files.length === 1 ? 'file' : 'files'}`] : []),
      ...(hygiene ? [`${hygiene} git ${hygiene === 1 ? 'problem' : 'problems'}`] : []),
    ].join(', ');
    const scan = record.running ? 'scanning…' : record.last ? `scanned ${when(record.last.at)}` : '';
    tree.description = [counts, scan].filter(Boolean).join(' · ') || undefined;
  };
  count();
  return vscode.Disposable.from(view, tree, view.onDidChangeTreeData(count), record.onDidChange(count), findingCommands(client));
}

/** A time as the view's title shows it: the time alone today, with the date before. */
function when(at: number): string {
  const date = new Date(at);
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return date.toDateString() === new Date().toDateString() ? time : `${date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} ${time}`;
}
