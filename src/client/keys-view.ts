import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AddToExampleCommand, InventoryRequest, type KeyPlace, type KeyRow, RecordRotationCommand } from '../shared/protocol';
import { executeServerCommand } from './server-command';

type Node = { kind: 'key'; key: KeyRow } | { kind: 'place'; what: 'defined in' | 'read by' | 'documented in'; place: KeyPlace };

/** What each problem code means, for the tooltip. */
const PROBLEMS: Record<string, string> = {
  unused: 'defined, never read: remove it if nothing uses it',
  missing: 'read, defined in no env file or template',
  undocumented: 'not in .env.example',
  'shared-across-environments': 'one value in two environments: give each its own key',
  'rotation-due': 'due for rotation within two weeks',
  'rotation-overdue': 'past its rotation date',
  expired: 'past its @expires date',
  'vague-name': 'the name says nothing of its purpose',
};
const URGENT = new Set(['rotation-overdue', 'expired', 'missing', 'shared-across-environments']);

/**
 * The "Keys" view: every key the workspace's env files define, its templates document or its code
 * reads, with environments, owner and problems; under each, where it is defined, documented and
 * read (a click opens the line). Never a value. It refreshes when env files change or a file is
 * saved, while it is visible; hidden, it refreshes when shown again.
 */
export class KeysView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private keys: Promise<KeyRow[]> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stale = false;
  view: vscode.TreeView<Node> | undefined;

  constructor(private readonly client: LanguageClient) {}

  /** The keys, as last asked of the server (asked again after `refresh`). */
  rows(): Promise<KeyRow[]> {
    this.keys ??= this.client.sendRequest(InventoryRequest).then(
      r => r.keys,
      () => [],
    );
    return this.keys;
  }

  /** Ask again soon: several saves in a row make one request. */
  refresh(delayMs = 300): void {
    if (this.view && !this.view.visible) {
      this.stale = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.keys = undefined;
      this.changed.fire();
    }, delayMs);
  }

  shown(): void {
    if (this.stale) {
      this.stale = false;
      this.refresh(0);
    }
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) return (await this.rows()).map(key => ({ kind: 'key', key }));
    if (node.kind !== 'key') return [];
    const { key } = node;
    return [
      ...key.definedIn.map(place => ({ kind: 'place' as const, what: 'defined in' as const, place })),
      ...key.documentedIn.map(place => ({ kind: 'place' as const, what: 'documented in' as const, place })),
      ...key.readBy.map(place => ({ kind: 'place' as const, what: 'read by' as const, place })),
    ];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'place') {
      const item = new vscode.TreeItem(`${node.what} ${node.place.relativePath}:${node.place.line + 1}`, vscode.TreeItemCollapsibleState.None);
      const uri = vscode.Uri.parse(node.place.uri);
      item.resourceUri = uri;
      item.iconPath = vscode.ThemeIcon.File;
      item.command = {
        title: 'Open',
        command: 'vscode.open',
        arguments: [uri, { selection: new vscode.Range(node.place.line, 0, node.place.line, 0) } satisfies vscode.TextDocumentShowOptions],
      };
      return item;
    }
    const { key } = node;
    const item = new vscode.TreeItem(key.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = [
      key.scope === '.' ? '' : key.scope,
      key.environments.length > 0 ? key.environments.join(', ') : 'no environment',
      key.owner ? `owner ${key.owner}` : '',
      ...key.problems,
    ]
      .filter(Boolean)
      .join(' · ');
    const urgent = key.problems.some(p => URGENT.has(p));
    item.iconPath = new vscode.ThemeIcon(
      key.secret ? 'key' : 'symbol-variable',
      new vscode.ThemeColor(urgent ? 'list.errorForeground' : key.problems.length > 0 ? 'list.warningForeground' : 'foreground'),
    );
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${key.name}**${key.secret ? ' (secret)' : ''}\n\n`);
    if (key.purpose) tooltip.appendText(`Purpose: ${key.purpose}\n\n`);
    if (key.owner) tooltip.appendText(`Owner: ${key.owner}\n\n`);
    if (key.rotated) tooltip.appendText(`Rotated ${key.rotated}, every ${key.rotateEveryDays} days: due ${key.rotationDue}\n\n`);
    if (key.expires) tooltip.appendText(`Expires ${key.expires}\n\n`);
    for (const p of key.problems) tooltip.appendText(`• ${p}: ${PROBLEMS[p] ?? p}\n`);
    item.tooltip = tooltip;
    item.contextValue = [
      'key',
      key.documentedIn.length > 0 ? 'documented' : key.definedIn.length > 0 ? 'undocumented' : '',
      key.sharedBy && key.sharedBy.length > 0 ? 'shared' : '',
    ]
      .filter(Boolean)
      .join(' ');
    return item;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.changed.dispose();
  }
}

/** The key a view command was run on: the row clicked, or the selection when run from the palette. */
function keyOf(view: KeysView, node?: Node): KeyRow | undefined {
  const chosen = node ?? view.view?.selection[0];
  return chosen?.kind === 'key' ? chosen.key : undefined;
}

export function registerKeysView(client: LanguageClient): { view: KeysView; disposable: vscode.Disposable } {
  const view = new KeysView(client);
  const tree = vscode.window.createTreeView('secretSafe.keys', { treeDataProvider: view, showCollapseAll: true });
  view.view = tree;
  const watcher = vscode.workspace.createFileSystemWatcher('**/.env*');
  const report = (result: { applied: boolean; reason?: string } | undefined, done: string): void => {
    if (result?.applied) {
      view.refresh(0);
      void vscode.window.setStatusBarMessage(`Secret Safe: ${done}`, 5000);
    } else {
      void vscode.window.showWarningMessage(`Secret Safe: ${result?.reason ?? 'the server did not answer'}.`);
    }
  };
  const disposable = vscode.Disposable.from(
    view,
    tree,
    watcher,
    tree.onDidChangeVisibility(e => e.visible && view.shown()),
    watcher.onDidCreate(() => view.refresh()),
    watcher.onDidChange(() => view.refresh()),
    watcher.onDidDelete(() => view.refresh()),
    vscode.workspace.onDidSaveTextDocument(() => view.refresh()),
    vscode.commands.registerCommand('secretSafe.refreshKeys', () => view.refresh(0)),
    vscode.commands.registerCommand('secretSafe.recordRotation', async (node?: Node) => {
      const key = keyOf(view, node);
      if (!key?.documentedIn[0]) return;
      report(
        await executeServerCommand(client, RecordRotationCommand, { uri: key.documentedIn[0].uri, name: key.name }),
        `recorded the rotation of ${key.name} today`,
      );
    }),
    vscode.commands.registerCommand('secretSafe.addToExample', async (node?: Node) => {
      const key = keyOf(view, node);
      if (!key?.definedIn[0]) return;
      report(await executeServerCommand(client, AddToExampleCommand, { uri: key.definedIn[0].uri, name: key.name }), `added ${key.name} to the template`);
    }),
    vscode.commands.registerCommand('secretSafe.showSharedEnvironments', (node?: Node) => {
      const key = keyOf(view, node);
      if (!key?.sharedBy) return;
      void vscode.window.showInformationMessage(
        `${key.name} holds one value in ${key.sharedBy.join(' and ')}. Give each environment its own key: a leak of one should not open the other, and each can then be rotated alone.`,
      );
    }),
  );
  return { view, disposable };
}
