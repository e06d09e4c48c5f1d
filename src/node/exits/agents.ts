import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import ignore from 'ignore';
import type { CustomExit } from '../../core';
import { type Agent, AGENTS, agentMessage, claudeReadDenials, claudeReadRule, customExitMessage, EXIT_BY_CODE } from '../../core/exits';
import { ignorePatternFor, SECRET_FILE_KINDS, type SecretFileKind } from '../../core/hygiene';
import { relativePosix } from '../paths';
import { candidates, type ExitCheckOptions, kindOf, readConfig } from './secret-files';

/**
 * AI coding agents as an exit: for each agent a workspace folder shows it uses, each secret file
 * the agent's own exclusions do not keep out (its ignore file, or Claude Code's `Read(…)` deny
 * rules). The agents' own state files are theirs to read, and left out.
 */

const CODE = 'secret-file-readable-by-agent';
const SEVERITY = EXIT_BY_CODE.get(CODE)!.severity;
/** Folders whose files show an agent is used, looked into one level. */
const AGENT_FOLDERS = new Set(['.cursor', '.claude', '.gemini', '.windsurf']);

export interface AgentFinding {
  code: string;
  severity: typeof SEVERITY;
  agent: Agent;
  folder: string;
  /** The file the finding is shown on: the agent's exclusion file when there is one, else a file that shows the agent is used. */
  reportOn: string;
  /** The agent's exclusion file (absolute), which the fix edits or creates. */
  configFile: string;
  file: string;
  relativePath: string;
  kind: SecretFileKind;
  fix: { kind: 'ignore-line'; pattern: string } | { kind: 'claude-deny'; rule: string };
  message: string;
}

export interface AgentOptions extends ExitCheckOptions {
  /** The project's own exits (`exits` in `.secret-safe.json`), checked alike: their ignore files are in `.gitignore` syntax. */
  custom?: readonly CustomExit[];
}

const CUSTOM_CODE = 'secret-file-in-custom-exit';

/** A project's own exit, as an agent: its ignore file, and the files that show it is used. */
function asAgent(exit: CustomExit): Agent & { custom: true } {
  const names = exit.configuredBy.map(p => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return { id: exit.id, name: exit.name, file: exit.ignoreFile, syntax: 'gitignore', signs: new RegExp(`^(?:${names})$`), custom: true };
}

export async function checkAgents(folder: string, options: AgentOptions = {}): Promise<AgentFinding[]> {
  const signs = await signsIn(folder);
  const used: Agent[] = AGENTS.filter(a => signs.some(s => a.signs.test(s.path)));
  // The project's own exits: a configuring file may sit in a subfolder, so each is looked for.
  for (const exit of options.custom ?? []) {
    for (const path of exit.configuredBy) {
      if (await exists(join(folder, path))) {
        used.push(asAgent(exit));
        if (!signs.some(s => s.path === path)) signs.push({ path, isFile: true });
        break;
      }
    }
  }
  if (used.length === 0) return [];
  const read = options.read ?? readConfig;
  const kinds = (options.kinds ?? SECRET_FILE_KINDS).filter(k => !k.id.startsWith('agent-'));
  const secrets: Array<{ file: string; relativePath: string; kind: SecretFileKind }> = [];
  for (const file of await (options.walk ?? candidates)(folder, options.kinds ?? SECRET_FILE_KINDS)) {
    const relativePath = relativePosix(folder, file);
    const kind = await (options.kindOf ?? kindOf)(file, relativePath, kinds);
    if (kind) secrets.push({ file, relativePath, kind });
  }
  const findings: AgentFinding[] = [];
  for (const agent of used) {
    const configFile = join(folder, agent.file);
    const text = await read(configFile);
    const rules = ignore().add(agent.syntax === 'gitignore' ? (text ?? '') : claudeReadDenials(text ?? ''));
    const sign = signs.find(s => s.isFile && agent.signs.test(s.path));
    const reportOn = text !== undefined ? configFile : sign ? join(folder, sign.path) : folder;
    for (const { file, relativePath, kind } of secrets) {
      if (rules.ignores(relativePath)) continue;
      const fix: AgentFinding['fix'] =
        agent.syntax === 'gitignore'
          ? { kind: 'ignore-line', pattern: ignorePatternFor(kind, relativePath) }
          : { kind: 'claude-deny', rule: claudeReadRule(relativePath) };
      const custom = 'custom' in agent;
      findings.push({
        code: custom ? CUSTOM_CODE : CODE,
        severity: SEVERITY,
        agent,
        folder,
        reportOn,
        configFile,
        file,
        relativePath,
        kind,
        fix,
        message:
          custom && fix.kind === 'ignore-line'
            ? customExitMessage({ name: agent.name, relativePath, description: kind.description, ignoreFile: agent.file, pattern: fix.pattern })
            : agentMessage({
                agent,
                relativePath,
                description: kind.description,
                fix: fix.kind === 'ignore-line' ? `Add ${fix.pattern} to ${agent.file}` : `Add "${fix.rule}" to permissions.deny`,
              }),
      });
    }
  }
  return findings;
}

/** The folder's own entries, and those of the agents' folders one level down. */
async function signsIn(folder: string): Promise<Array<{ path: string; isFile: boolean }>> {
  const list = async (dir: string): Promise<Dirent[]> => readdir(join(folder, dir), { withFileTypes: true }).catch(() => []);
  const signs: Array<{ path: string; isFile: boolean }> = [];
  for (const entry of await list('')) {
    if (entry.isDirectory() && AGENT_FOLDERS.has(entry.name)) {
      const inside = await list(entry.name);
      for (const child of inside) signs.push({ path: `${entry.name}/${child.name}`, isFile: child.isFile() });
    } else if (entry.isFile()) {
      signs.push({ path: entry.name, isFile: true });
    }
  }
  return signs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    s => s.isFile() || s.isDirectory(),
    () => false,
  );
}
