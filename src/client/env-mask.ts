import * as vscode from 'vscode';
import { envValueRanges } from './env-values';
import { isEnvFileName } from '../shared/env-files';

export const TOGGLE_MASKING = 'secretSafe.toggleEnvMasking';
/** The editor title's eye (values masked: show them) and eye-closed (values shown: mask them). */
const SHOW_VALUES = 'secretSafe.showEnvValues';
const HIDE_VALUES = 'secretSafe.hideEnvValues';
export const REVEAL_VALUE = 'secretSafe.revealEnvValue';
const MASK_SETTING = 'secretSafe.maskEnvValues';
const ONLY_SECRETS_SETTING = 'secretSafe.maskOnlySecretValues';

/** The server's judgment of which lines' values may show, at a document version. */
export type PlainLines = (uri: string) => Promise<{ version: number; lines: number[] } | null>;
/** Set while values are masked in this window, for the editor title button. */
const MASKED_CONTEXT = 'secretSafe.envValuesMasked';

/** Fixed width, so the mask does not tell a value's length. */
const MASK_TEXT = '••••••••';

/** An env file, whatever language another extension gave it. */
export function isEnvDocument(document: vscode.TextDocument): boolean {
  return document.languageId === 'dotenv' || isEnvFileName(document.fileName);
}

/**
 * Masks the values of env files on screen: each value is hidden (not only made transparent: its
 * text leaves the rendered line) and a fixed run of dots shows in its place. Commented-out
 * assignments are masked too. `secretSafe.maskEnvValues` is the default; the toggle (the eye and
 * eye-closed in the editor title) changes it for this window only, never writes a setting, and
 * says in the status bar while values are shown. One value can be revealed, from the hover or the
 * command, until the cursor leaves its line. With `secretSafe.maskOnlySecretValues`, values the
 * language server judges plain (`PORT=3000`, placeholders) show once it has judged them.
 */
export class EnvMasking implements vscode.Disposable {
  /**
   * No flash while a file opens: decorations come from the extension host a moment after the
   * editor first paints. So, as long as this extension runs, the text of every `dotenv` editor is
   * invisible unless a decoration says it may show: a rule nested in this type's CSS (VS Code puts
   * a decoration type's `textDecoration` into a CSS rule) selects every dotenv editor's lines, with
   * no specificity, so that the `shown` decoration's class overrides it. Until the extension has
   * decorated a file, its lines are blank; then names and comments appear, and values never did.
   */
  private readonly guard = vscode.window.createTextEditorDecorationType({
    textDecoration: 'none; :where(:not(&) [data-mode-id="dotenv"] .monaco-editor .view-line span) { visibility: hidden; }',
  });
  /** Everything that is not a masked value: names, `=`, comments, blank space, revealed values. */
  private readonly shown = vscode.window.createTextEditorDecorationType({ textDecoration: 'none; visibility: visible' });
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    // The CSS hides the value's text from the rendered line; the dots are injected before it.
    textDecoration: 'none; display: none',
    before: { contentText: MASK_TEXT, color: new vscode.ThemeColor('descriptionForeground'), textDecoration: 'none; visibility: visible' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  /** The window's choice from the toggle, over the setting; undefined until the user toggles. */
  private override: boolean | undefined;
  /** One revealed value: its document and line. */
  private revealed: { uri: string; line: number } | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** A lasting note while the toggle shows values: a screen share must not forget it. */
  private readonly shownNote = vscode.window.createStatusBarItem('secretSafe.envValuesShown', vscode.StatusBarAlignment.Left, 1000);
  /** Asks the language server which values may show; none until it runs, so all stay masked. */
  private plainLines: PlainLines | undefined;
  /** Its answers, per document: the lines whose values may show, at a version. */
  private readonly plain = new Map<string, { version: number; lines: Set<number> }>();
  /** The versions asked about and not answered yet. */
  private readonly asking = new Map<string, number>();

  constructor() {
    this.disposables.push(
      this.guard,
      this.shown,
      this.decoration,
      vscode.window.onDidChangeVisibleTextEditors(editors => editors.forEach(e => this.apply(e))),
      vscode.workspace.onDidChangeTextDocument(({ document }) => {
        if (!isEnvDocument(document)) return;
        for (const editor of vscode.window.visibleTextEditors) if (editor.document === document) this.apply(editor);
      }),
      vscode.window.onDidChangeTextEditorSelection(({ textEditor, selections }) => {
        // A revealed value hides again once the cursor leaves its line.
        if (this.revealed?.uri === textEditor.document.uri.toString() && !selections.some(s => s.active.line === this.revealed!.line)) this.hideRevealed();
      }),
      vscode.workspace.onDidChangeConfiguration(e => (e.affectsConfiguration(MASK_SETTING) || e.affectsConfiguration(ONLY_SECRETS_SETTING)) && this.applyAll()),
      vscode.workspace.onDidCloseTextDocument(document => this.plain.delete(document.uri.toString())),
      vscode.commands.registerCommand(TOGGLE_MASKING, () => this.toggle()),
      vscode.commands.registerCommand(SHOW_VALUES, () => this.masked && this.toggle()),
      vscode.commands.registerCommand(HIDE_VALUES, () => !this.masked && this.toggle()),
      this.shownNote,
      vscode.commands.registerCommand(REVEAL_VALUE, (uri?: string, line?: number) => this.reveal(uri, line)),
      vscode.languages.registerHoverProvider({ language: 'dotenv' }, { provideHover: (document, position) => this.hover(document, position) }),
    );
    this.applyAll();
  }

  /** From now on, values that do not look secret may show (`secretSafe.maskOnlySecretValues`), as the server judges them. */
  useServer(plainLines: PlainLines): void {
    this.plainLines = plainLines;
    this.applyAll();
  }

  /** Whether values are masked now, in this window. */
  get masked(): boolean {
    return this.override ?? vscode.workspace.getConfiguration('secretSafe').get<boolean>('maskEnvValues', true);
  }

  private toggle(): void {
    this.override = !this.masked;
    this.revealed = undefined;
    this.applyAll();
    void vscode.window.setStatusBarMessage(`Secret Safe: env values ${this.masked ? 'masked' : 'shown'} in this window`, 3000);
  }

  private reveal(uri?: string, line?: number): void {
    const editor = uri ? vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === uri) : vscode.window.activeTextEditor;
    if (!editor || !isEnvDocument(editor.document)) return;
    this.revealed = { uri: editor.document.uri.toString(), line: line ?? editor.selection.active.line };
    if (line !== undefined && editor.selection.active.line !== line) {
      // Revealed from the hover: the cursor goes to the line, so moving away hides it again.
      const position = new vscode.Position(line, editor.document.lineAt(line).text.length);
      editor.selection = new vscode.Selection(position, position);
    }
    this.apply(editor);
  }

  private hideRevealed(): void {
    const uri = this.revealed?.uri;
    this.revealed = undefined;
    for (const editor of vscode.window.visibleTextEditors) if (editor.document.uri.toString() === uri) this.apply(editor);
  }

  private hover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!this.masked) return undefined;
    const offset = document.offsetAt(position);
    const range = envValueRanges(document.getText()).find(([start, end]) => start <= offset && offset <= end);
    if (!range) return undefined;
    const args = encodeURIComponent(JSON.stringify([document.uri.toString(), position.line]));
    const markdown = new vscode.MarkdownString(
      `Value hidden by Secret Safe. [Reveal this value](command:${REVEAL_VALUE}?${args} "Show it until the cursor leaves the line") · [Show all values](command:${TOGGLE_MASKING} "In this window only")`,
    );
    markdown.isTrusted = { enabledCommands: [REVEAL_VALUE, TOGGLE_MASKING] };
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(range[0]), document.positionAt(range[1])));
  }

  private applyAll(): void {
    void vscode.commands.executeCommand('setContext', MASKED_CONTEXT, this.masked);
    // Shown by the toggle, against the setting: said in the status bar until masked again.
    if (!this.masked && this.override === false) {
      this.shownNote.name = 'Secret Safe: .env values shown';
      this.shownNote.text = '$(eye) .env values shown';
      this.shownNote.tooltip = 'Secret Safe shows the values of env files in this window. Click to mask them again.';
      this.shownNote.command = HIDE_VALUES;
      this.shownNote.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      this.shownNote.show();
    } else {
      this.shownNote.hide();
    }
    vscode.window.visibleTextEditors.forEach(e => this.apply(e));
  }

  /**
   * The lines whose values may show, when only secret-looking values are masked and the server
   * has judged this version of the document; else none (and the server is asked, once a version).
   */
  private plainLinesOf(document: vscode.TextDocument): Set<number> {
    if (!this.plainLines || !vscode.workspace.getConfiguration('secretSafe').get<boolean>('maskOnlySecretValues', false)) return new Set();
    const uri = document.uri.toString();
    const known = this.plain.get(uri);
    if (known?.version === document.version) return known.lines;
    if (this.asking.get(uri) !== document.version) {
      this.asking.set(uri, document.version);
      void this.askPlain(document, 0);
    }
    return new Set();
  }

  private async askPlain(document: vscode.TextDocument, attempt: number): Promise<void> {
    const uri = document.uri.toString();
    const answer = await this.plainLines!(uri).catch(() => null);
    if (this.asking.get(uri) !== document.version) return;
    // The server may not have this version yet (the change is on its way): ask again, a few times.
    if (answer && answer.version !== document.version && attempt < 5) {
      setTimeout(() => void this.askPlain(document, attempt + 1), 50 * (attempt + 1));
      return;
    }
    this.asking.delete(uri);
    if (!answer || answer.version !== document.version) return;
    this.plain.set(uri, { version: answer.version, lines: new Set(answer.lines) });
    for (const editor of vscode.window.visibleTextEditors) if (editor.document === document) this.apply(editor);
  }

  private apply(editor: vscode.TextEditor): void {
    const { document } = editor;
    if (!isEnvDocument(document)) return;
    const text = document.getText();
    const revealedLine = this.revealed?.uri === document.uri.toString() ? this.revealed.line : -1;
    const plain = this.masked ? this.plainLinesOf(document) : new Set<number>();
    const ranges: vscode.Range[] = [];
    const shown: vscode.Range[] = [];
    let visibleFrom = 0;
    for (const [start, end] of this.masked ? envValueRanges(text) : []) {
      const range = new vscode.Range(document.positionAt(start), document.positionAt(end));
      if (range.start.line <= revealedLine && revealedLine <= range.end.line) continue;
      if (range.start.line === range.end.line && plain.has(range.start.line)) continue;
      shown.push(new vscode.Range(document.positionAt(visibleFrom), range.start));
      visibleFrom = end;
      // A value over several lines is hidden line by line, so no line break is hidden with it.
      for (let line = range.start.line; line <= range.end.line; line++) {
        const from = line === range.start.line ? range.start : new vscode.Position(line, 0);
        const to = line === range.end.line ? range.end : document.lineAt(line).range.end;
        if (to.isAfter(from)) ranges.push(new vscode.Range(from, to));
      }
    }
    shown.push(new vscode.Range(document.positionAt(visibleFrom), document.positionAt(text.length)));
    // Values masked first, then the rest shown: never the other way round, even for a moment.
    editor.setDecorations(this.decoration, ranges);
    editor.setDecorations(
      this.shown,
      shown.filter(r => !r.isEmpty),
    );
  }

  dispose(): void {
    this.disposables.forEach(d => d.dispose());
  }
}
