import { CodeActionKind, type CodeAction, type CodeActionParams, type Connection, type Diagnostic, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isConnectionString } from '../../core/fix';
import {
  ApplyIgnoreCommand,
  ApplyMoveToEnvCommand,
  DIAGNOSTIC_SOURCE,
  DOTENV_CODE_PREFIX,
  HYGIENE_CODE_PREFIX,
  MOVE_ALL_KIND,
  MoveToEnvAsCommand,
  type MoveToEnvArgs,
} from '../../shared/protocol';
import type { Commands } from '../commands';
import type { Folders } from '../folders';
import type { DotenvCheck } from '../dotenv-check';
import type { EnvLoadingCheck } from '../env-loading';
import { DOTENV_CODES } from '../../core/dotenv';
import { AGENT_CODE, type AgentsService, CUSTOM_EXIT_CODE } from '../agents';
import { EXIT_CODES, type ExitsService } from '../exits';
import type { HygieneService } from '../hygiene';
import { hygieneFixes } from './hygiene-fixes';
import { acceptInBaselineAction, acceptInBaselineChanges, type BaselineActionData } from './baseline-entry';
import { ignoreActions, ignoreEdit } from './ignore';
import type { MoveToEnv } from './move-to-env';
import { mcpAction } from './mcp-actions';
import { textReader, toWorkspaceEdit } from './workspace-edit';

/** What a "Move" or "Accept" action carries to its resolve: enough to find the finding again. */
type ActionData = { move: MoveToEnvArgs } | { moveAll: { uri: string } } | { baseline: BaselineActionData };

/** A secret's own diagnostic: not git hygiene's, not a `.env` check's, not the config's. */
function isSecretCode(code: string): boolean {
  return code !== 'config' && !code.startsWith(HYGIENE_CODE_PREFIX) && !code.startsWith(DOTENV_CODE_PREFIX);
}

/**
 * Code actions for Secret Safe diagnostics: "Move to .env as NAME" (preferred), "Move only the
 * password…" for connection strings, "Move to .env as…", "Ignore this secret on this line" and "in this file", the
 * source action "Move all secrets in this file to .env", and the git-hygiene fixes. Titles are computed up front (they
 * name the variable); edits are computed in `codeAction/resolve` when the client supports it.
 */
export interface CodeActionServices {
  connection: Connection;
  commands: Commands;
  documents: TextDocuments<TextDocument>;
  move: MoveToEnv;
  hygiene: HygieneService;
  dotenv: DotenvCheck;
  envLoading: EnvLoadingCheck;
  exits: ExitsService;
  agents: AgentsService;
  /** The client resolves code actions' edits lazily. */
  canResolve: () => boolean;
  /** The client registers our client commands (Move to .env as…, Ignore…). */
  clientCommands: () => boolean;
  folders: Folders;
}

export function registerCodeActions(services: CodeActionServices): void {
  const { connection, commands, documents, move, hygiene, dotenv, envLoading, exits, agents, canResolve } = services;
  connection.onCodeAction(async (params: CodeActionParams) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) {
      return [];
    }
    const actions: CodeAction[] = [];
    const only = params.context.only;
    const wants = (kind: string): boolean => !only || only.some(k => kind === k || kind.startsWith(`${k}.`));
    if (wants(CodeActionKind.QuickFix)) {
      for (const diagnostic of params.context.diagnostics.filter(d => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string' && d.code !== 'config')) {
        const code = diagnostic.code as string;
        actions.push(
          ...(code === AGENT_CODE || code === CUSTOM_EXIT_CODE
            ? await agents.fixes(document, diagnostic)
            : EXIT_CODES.has(code)
              ? await exits.fixes(document, diagnostic)
              : code.startsWith(HYGIENE_CODE_PREFIX)
                ? await hygieneFixes(document, diagnostic, hygiene, documents)
                : code === DOTENV_CODES.notLoaded
                  ? await envLoading.fixes(document, diagnostic)
                  : code.startsWith(DOTENV_CODE_PREFIX)
                    ? await dotenv.fixes(document, diagnostic)
                    : await quickFixes(document, diagnostic, code, services)),
        );
      }
    }
    const movable = wants(MOVE_ALL_KIND) || wants(CodeActionKind.QuickFix) ? (await move.findings(document)).length : 0;
    // In the Ctrl+. menu too, where users look, when a secret's diagnostic is there and it has company.
    const onSecret = params.context.diagnostics.some(d => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string' && isSecretCode(d.code));
    if (wants(CodeActionKind.QuickFix) && onSecret && movable > 1) {
      actions.push({
        title: `Move all ${movable} secrets in this file to .env`,
        kind: CodeActionKind.QuickFix,
        data: { moveAll: { uri: document.uri } } satisfies ActionData,
      });
    }
    if (wants(MOVE_ALL_KIND) && movable > 0) {
      actions.push({ title: 'Move all secrets in this file to .env', kind: MOVE_ALL_KIND, data: { moveAll: { uri: document.uri } } satisfies ActionData });
    }
    return canResolve() ? actions : Promise.all(actions.map(a => resolve(a, services)));
  });

  connection.onCodeActionResolve(action => resolve(action, services));

  commands.register(ApplyMoveToEnvCommand, async args => {
    const located = await move.locate(args.uri, args.range, args.ruleId);
    const plan = located && (await move.plan(located, args));
    if (!plan) {
      void connection.window.showWarningMessage('Secret Safe: the secret is no longer where it was; nothing was moved.');
      return { applied: false };
    }
    if (plan.kind === 'disabled') {
      void connection.window.showWarningMessage(`Secret Safe: cannot move to .env: ${plan.reason}.`);
      return { applied: false };
    }
    const edit = await toWorkspaceEdit(plan.changes, documents, textReader(documents));
    const result = await connection.workspace.applyEdit({ label: plan.title, edit });
    return { applied: result.applied };
  });

  commands.register(ApplyIgnoreCommand, async args => {
    // Asking for the reason took a while: the finding must still be where it was.
    const located = await move.locate(args.uri, args.range, args.ruleId);
    const edit = located && ignoreEdit(located.document, args);
    if (!located || !edit) {
      void connection.window.showWarningMessage('Secret Safe: the secret is no longer where it was; nothing was ignored.');
      return { applied: false };
    }
    const label = args.scope === 'file' ? `Ignore ${args.ruleId} in this file` : 'Ignore this secret on this line';
    const result = await connection.workspace.applyEdit({ label, edit: { changes: { [args.uri]: [edit] } } });
    return { applied: result.applied };
  });
}

async function quickFixes(document: TextDocument, diagnostic: Diagnostic, ruleId: string, services: CodeActionServices): Promise<CodeAction[]> {
  const { move, dotenv, documents } = services;
  const accept = await acceptInBaselineAction(document, diagnostic, ruleId, services.folders, textReader(documents));
  const ignore = [...ignoreActions(document, diagnostic, ruleId, services.clientCommands()), ...(accept ? [accept] : [])];
  // A secret in a committed .env.example: a placeholder there, the value into .env.
  const actions: CodeAction[] = await dotenv.exampleSecretFix(document, diagnostic, ruleId);
  const located = actions.length === 0 ? await move.locate(document.uri, diagnostic.range, ruleId) : undefined;
  // A key in an MCP config: the client's own way to keep it out of the file, where it has one.
  const mcp = located && (await mcpAction(located.document, located.finding, diagnostic, documents, services.folders));
  if (mcp) return [mcp, ...ignore];
  if (located) {
    const parts: Array<MoveToEnvArgs['part']> = isConnectionString(ruleId) ? ['whole', 'password'] : [undefined];
    for (const part of parts) {
      const args: MoveToEnvArgs = { uri: document.uri, range: diagnostic.range, ruleId, ...(part ? { part } : {}) };
      const plan = await move.plan(located, args);
      if (!plan) continue;
      actions.push({
        title: plan.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: part !== 'password' && plan.kind === 'plan',
        ...(plan.kind === 'disabled' ? { disabled: { reason: plan.reason } } : { data: { move: args } satisfies ActionData }),
      });
      if (plan.kind === 'plan' && part !== 'password' && services.clientCommands()) {
        actions.push({
          title: 'Move to .env as…',
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          command: { title: 'Move to .env as…', command: MoveToEnvAsCommand.command, arguments: [{ ...args, name: plan.name, candidates: plan.candidates }] },
        });
      }
    }
  }
  actions.push(...ignore);
  return actions;
}

async function resolve(action: CodeAction, services: CodeActionServices): Promise<CodeAction> {
  const { documents, move } = services;
  const data = action.data as ActionData | undefined;
  if (!data || action.edit || action.disabled) {
    return action;
  }
  const read = textReader(documents);
  if ('move' in data) {
    const located = await move.locate(data.move.uri, data.move.range, data.move.ruleId);
    const plan = located && (await move.plan(located, data.move));
    if (plan?.kind === 'plan') {
      action.edit = await toWorkspaceEdit(plan.changes, documents, read);
    }
  } else if ('baseline' in data) {
    const located = await move.locate(data.baseline.uri, data.baseline.range, data.baseline.ruleId);
    const changes = located && (await acceptInBaselineChanges(located, services.folders, read));
    if (changes) action.edit = await toWorkspaceEdit(changes, documents, read);
  } else {
    const document = documents.get(data.moveAll.uri);
    const all = document && (await move.planAll(document));
    if (all) {
      action.edit = await toWorkspaceEdit(all.changes, documents, read);
    }
  }
  return action;
}
