// The Keys view's data and actions: the key inventory of each workspace folder, recording a
// rotation in the template, and adding a key to it.
import { basename, dirname, join, relative } from 'node:path';
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { templateNamesFor } from '../core/dotenv';
import { appendVariable } from '../core/fix';
import { recordRotationEdit, type Place } from '../core/inventory';
import { envFilesIn } from '../node/env/locations';
import { inventoryOf } from '../node/inventory';
import { toPosix } from '../node/paths';
import type { KeyArgs, KeyPlace, KeyRow } from '../shared/protocol';
import { textReader, toWorkspaceEdit } from './code-actions/workspace-edit';
import { firstOf, isTemplate } from './dotenv-check';
import type { Folders } from './folders';
import { today } from './key-notes';

export class KeyInventory {
  private readonly read;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly folders: Folders,
  ) {
    this.read = textReader(documents);
  }

  /** Every workspace folder's keys, read from disk (the files' saved text). */
  async keys(): Promise<{ keys: KeyRow[] }> {
    const keys: KeyRow[] = [];
    for (const { path: folder, project } of await this.folders.all()) {
      const inventory = await inventoryOf([folder], { project, cwd: folder, today: today() });
      const place = (p: Place): KeyPlace => ({ uri: URI.file(join(folder, p.file)).toString(), relativePath: p.file, line: p.line - 1 });
      for (const k of inventory.keys) {
        keys.push({
          ...k,
          folder: URI.file(folder).toString(),
          definedIn: k.definedIn.map(place),
          readBy: k.readBy.map(place),
          documentedIn: k.documentedIn.map(place),
        });
      }
    }
    return { keys };
  }

  /** `@rotated` set to today above the key, in the template `uri` is or documents it. */
  async recordRotation({ uri, name }: KeyArgs): Promise<{ applied: boolean; reason?: string }> {
    const template = await this.templateFor(URI.parse(uri).fsPath, false);
    if (!template) return { applied: false, reason: `no .env.example beside ${basename(URI.parse(uri).fsPath)} to record it in` };
    const edit = recordRotationEdit(template.text, name, today());
    if (!edit) return { applied: false, reason: `${basename(template.path)} does not list ${name}: add it there first` };
    return this.apply(template.path, false, edit);
  }

  /** `NAME=` at the end of the template beside the env file `uri` (`.env.example`, created when there is none). */
  async addToExample({ uri, name }: KeyArgs): Promise<{ applied: boolean; reason?: string }> {
    const path = URI.parse(uri).fsPath;
    const template = await this.templateFor(path, true);
    if (!template) return { applied: false, reason: 'no template to add it to' };
    try {
      return await this.apply(template.path, template.create, appendVariable(template.text, name, ''));
    } catch (error) {
      return { applied: false, reason: (error as Error).message };
    }
  }

  /** The template for an env file (or the template itself), as the editor has it; a new `.env.example` when asked and there is none. */
  private async templateFor(path: string, orNew: boolean): Promise<{ path: string; text: string; create: boolean } | undefined> {
    if (isTemplate(path)) {
      const text = await this.read(path);
      return text === undefined ? undefined : { path, text, create: false };
    }
    const found = firstOf(await envFilesIn(dirname(path), this.read), templateNamesFor(basename(path)));
    if (found) return { path: found.path, text: found.text, create: false };
    return orNew ? { path: join(dirname(path), '.env.example'), text: '', create: true } : undefined;
  }

  private async apply(path: string, create: boolean, edit: { start: number; end: number; newText: string }): Promise<{ applied: boolean; reason?: string }> {
    const workspaceEdit = await toWorkspaceEdit([{ path, create, edits: [edit] }], this.documents, this.read);
    const result = await this.connection.workspace.applyEdit({ label: 'Secret Safe: key inventory', edit: workspaceEdit });
    const where = this.folders.folderOf(path);
    return result.applied
      ? { applied: true }
      : { applied: false, reason: result.failureReason ?? `the editor did not apply the edit to ${where ? toPosix(relative(where, path)) : path}` };
  }
}
