import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';

/**
 * Applies a WorkspaceEdit to files on disk, as a client would to its buffers: creations first
 * where listed, then each document's edits against its current text. `texts` stands in for
 * editors with unsaved text: their edits apply to that text, and the result is returned.
 */
export function applyWorkspaceEdit(edit: WorkspaceEdit, texts: Map<string, string> = new Map()): Map<string, string> {
  const results = new Map<string, string>();
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      if (change.kind !== 'create') throw new Error(`unexpected resource operation ${change.kind}`);
      const path = fileURLToPath(change.uri);
      if (!existsSync(path)) {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, '');
      }
      continue;
    }
    const uri = change.textDocument.uri;
    const path = fileURLToPath(uri);
    // Editors hide a BOM from positions and keep it on save; so does this.
    const disk = texts.has(uri) ? undefined : readFileSync(path, 'utf8');
    const bom = disk?.startsWith('\uFEFF') ? '\uFEFF' : '';
    const before = texts.get(uri) ?? disk!.slice(bom.length);
    const after = TextDocument.applyEdits(TextDocument.create(uri, 'plaintext', 0, before), change.edits as TextEdit[]);
    results.set(uri, after);
    if (!texts.has(uri)) {
      writeFileSync(path, bom + after);
    }
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    const path = fileURLToPath(uri);
    const before = texts.get(uri) ?? readFileSync(path, 'utf8');
    const after = TextDocument.applyEdits(TextDocument.create(uri, 'plaintext', 0, before), edits);
    results.set(uri, after);
    if (!texts.has(uri)) writeFileSync(path, after);
  }
  return results;
}
