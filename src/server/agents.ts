// AI coding agents as an exit, in the editor: for each agent a workspace folder shows it uses, the
// secret files its own exclusions do not keep out, shown on its exclusion file (or on the file that
// shows it is used), with the fix in the agent's own syntax. Reads files only: the same in trusted
// and untrusted workspaces.
import { basename } from 'node:path';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { claudeDenyEdit } from '../core/exits';
import { addIgnorePattern } from '../core/hygiene';
import { type AgentFinding, checkAgents } from '../node/exits/agents';
import { textReader, toWorkspaceEdit } from './code-actions/workspace-edit';
import { exitDiagnostic } from './exits';
import type { Folders } from './folders';
import type { Publisher } from './publisher';

export const AGENT_CODE = 'secret-file-readable-by-agent';
/** The code of a secret file a project's own exit (`exits` in `.secret-safe.json`) would send. */
export const CUSTOM_EXIT_CODE = 'secret-file-in-custom-exit';

/** Files whose change can change the answer: the agents' own, anywhere in a folder's top or their folders. */
export const AGENT_FILES =
  /(?:^|\/)(?:\.cursorignore|\.cursorindexingignore|\.cursorrules|\.aiexclude|\.geminiignore|\.codeiumignore|\.windsurfrules|CLAUDE\.md|GEMINI\.md)$|\/\.(?:cursor|claude|gemini|windsurf)\//;

export class AgentsService {
  private byUri = new Map<string, AgentFinding[]>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly folders: Folders,
    private readonly publisher: Publisher,
  ) {}

  schedule(delayMs = 300): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), delayMs);
  }

  private async run(): Promise<void> {
    const read = textReader(this.documents);
    const next = new Map<string, AgentFinding[]>();
    for (const { path, project } of await this.folders.all()) {
      const disabled = new Set(project.loaded.config.disabledRules ?? []);
      const custom = project.loaded.config.exits;
      for (const f of await checkAgents(path, { kinds: project.secretFileKinds, read, ...(custom ? { custom } : {}) })) {
        if (disabled.has(f.code) || project.isAllowlisted(f.file)) continue;
        const uri = URI.file(f.reportOn).toString();
        next.set(uri, [...(next.get(uri) ?? []), f]);
      }
    }
    for (const uri of this.byUri.keys()) if (!next.has(uri)) this.publisher.set(uri, 'agents', []);
    this.byUri = next;
    for (const [uri, findings] of next) this.publisher.set(uri, 'agents', findings.map(diagnosticOf));
  }

  /** The fix of one finding: the file added in the agent's own syntax, its exclusion file created when missing. */
  async fixes(document: TextDocument, diagnostic: Diagnostic): Promise<CodeAction[]> {
    const finding = (this.byUri.get(document.uri) ?? []).find(f => f.message === diagnostic.message);
    if (!finding) return [];
    const read = textReader(this.documents);
    const text = await read(finding.configFile);
    const edit = finding.fix.kind === 'claude-deny' ? claudeDenyEdit(text ?? '', finding.fix.rule) : addIgnorePattern(text ?? '', finding.fix.pattern);
    if (!edit) return [];
    const what =
      finding.fix.kind === 'claude-deny'
        ? `"${finding.fix.rule}" to permissions.deny in ${finding.agent.file}`
        : `${finding.fix.pattern} to ${basename(finding.configFile)}`;
    return [
      {
        title:
          finding.code === CUSTOM_EXIT_CODE
            ? `Keep ${finding.relativePath} out of ${finding.agent.name}: add ${what}`
            : `Keep ${finding.relativePath} from ${finding.agent.name}: add ${what}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: await toWorkspaceEdit([{ path: finding.configFile, create: text === undefined, edits: [edit] }], this.documents, read),
      },
    ];
  }
}

/** On the file's start: the finding is about the whole file. */
function diagnosticOf(f: AgentFinding): Diagnostic {
  return exitDiagnostic(f, { line: 0, startColumn: 0, endColumn: 0 });
}
