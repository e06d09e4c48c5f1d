import { dirname, join, resolve } from 'node:path';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { CONFIG_FILE } from '../../core';
import type { FileChange } from '../../core/fix';
import type { ReadText } from '../../node/env/locations';
import type { LoadedConfig } from '../../node/project-config';
import { BaselineError, baselinePath, baselineText, parseBaseline, type BaselineData } from '../../node/scan/baseline';
import { baselineInsertion, configBaselineEdit } from '../../core';
import { keyedFingerprint, newSalt, secretHash } from '../../node/scan/fingerprint';
import type { LspRange } from '../../shared/protocol';
import type { Folders } from '../folders';
import type { Located } from './move-to-env';

/** The baseline "Accept in the baseline" starts when the project names none. */
export const DEFAULT_BASELINE = '.secret-safe-baseline.json';

/** What the action carries to its resolve. */
export interface BaselineActionData {
  uri: string;
  range: LspRange;
  ruleId: string;
}

/** The baseline a project's findings are accepted in: the one its config names, else the default beside the config. */
function baselineFile(loaded: LoadedConfig): { path: string; named: string; configured: boolean } {
  const named = loaded.config.baseline?.path ?? DEFAULT_BASELINE;
  return { path: resolve(loaded.root, named), named, configured: loaded.config.baseline !== undefined };
}

/** The baseline's text parsed, undefined when there is none yet (or it is blank); throws a BaselineError when it is malformed. */
function existing(text: string | undefined, named: string): BaselineData | undefined {
  return text === undefined || text.trim() === '' ? undefined : parseBaseline(text, named);
}

/**
 * "Accept in the baseline (.secret-safe-baseline.json)": for a file on disk in a workspace folder,
 * the finding is added to the baseline the project's config names, the same entry `secret-safe
 * scan --write-baseline` writes (so the CLI in CI accepts it too). A project without one gets
 * `.secret-safe-baseline.json` and `"baseline"` in `.secret-safe.json`. A baseline that cannot be
 * read, or one of unsalted fingerprints, makes the action say why it is unavailable.
 */
export async function acceptInBaselineAction(
  document: TextDocument,
  diagnostic: Diagnostic,
  ruleId: string,
  folders: Folders,
  read: ReadText,
): Promise<CodeAction | undefined> {
  if (URI.parse(document.uri).scheme !== 'file') return undefined;
  const scope = await folders.resolve(document.uri);
  if (scope.relativePath === undefined) return undefined;
  const { path, named } = baselineFile(scope.project.loaded);
  const action: CodeAction = {
    title: `Accept in the baseline (${named})`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    data: { baseline: { uri: document.uri, range: diagnostic.range, ruleId } satisfies BaselineActionData },
  };
  try {
    const data = existing(await read(path), named);
    if (data && !data.salt) {
      return { ...action, disabled: { reason: `${named} stores unsalted fingerprints (version 1): write it again with secret-safe scan --write-baseline` } };
    }
  } catch (error) {
    if (error instanceof BaselineError) return { ...action, disabled: { reason: error.message } };
    throw error;
  }
  return action;
}

/** The files the acceptance changes: the baseline (created, or one entry inserted in order) and, for a new one, the config. */
export async function acceptInBaselineChanges(located: Located, folders: Folders, read: ReadText): Promise<FileChange[] | undefined> {
  const scope = await folders.resolve(located.document.uri);
  const { loaded } = scope.project;
  const { path, named, configured } = baselineFile(loaded);
  const text = await read(path);
  let data: BaselineData | undefined;
  try {
    data = existing(text, named);
  } catch {
    return undefined;
  }
  if (data && !data.salt) return undefined;
  const { finding } = located;
  const salt = data?.salt ?? newSalt();
  const entry = {
    file: baselinePath(dirname(path), URI.parse(located.document.uri).fsPath),
    ruleId: finding.ruleId,
    fingerprint: keyedFingerprint(secretHash(finding.ruleId, located.document.getText().slice(finding.start, finding.end)), salt),
    masked: finding.masked,
  };
  const changes: FileChange[] = [
    data
      ? { path, create: false, edits: baselineInsertion(text!, entry) }
      : { path, create: text === undefined, edits: [{ start: 0, end: text?.length ?? 0, newText: baselineText([entry], salt) }] },
  ];
  if (!configured) {
    const config = loaded.file ?? join(loaded.root, CONFIG_FILE);
    const configText = await read(config);
    changes.push({ path: config, create: configText === undefined, edits: configBaselineEdit(configText, DEFAULT_BASELINE) });
  }
  return changes;
}
