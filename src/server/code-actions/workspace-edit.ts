import { readBoundedText } from '../../node/read-bounded';
import type { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CreateFile, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import type { FileChange } from '../../core/fix';
import type { ReadText } from '../../node/env/locations';

/** The largest file the server reads from disk for a fix, hover or completion. */
const MAX_READ_BYTES = 10 << 20;

/**
 * Reads files as the editor has them: an open document's text, unsaved changes included, else
 * the disk's, without a BOM (editors hide it, and positions count without it).
 */
export function textReader(documents: TextDocuments<TextDocument>): ReadText {
  return async path => {
    const open = documents.get(URI.file(path).toString());
    if (open) {
      return open.getText();
    }
    try {
      // A regular file, up to a size no real one reaches: a `.env` symlinked to /dev/zero or a FIFO
      // must not stall the server (or fill its memory) on every hover.
      return await readBoundedText(path, MAX_READ_BYTES, { regularOnly: true });
    } catch {
      return undefined;
    }
  };
}

/**
 * One WorkspaceEdit for a plan: file creations, then text edits, each against the text the plan
 * read. Open documents are edited at their current version, so unsaved changes are kept and a
 * stale edit is refused; the editor records it all as one undoable step.
 */
export async function toWorkspaceEdit(changes: readonly FileChange[], documents: TextDocuments<TextDocument>, read: ReadText): Promise<WorkspaceEdit> {
  // Creations first, then all the text edits together: editors undo such an edit as one step.
  const documentChanges: Array<CreateFile | TextDocumentEdit> = [];
  for (const change of changes) {
    const uri = URI.file(change.path).toString();
    if (change.create && !documents.get(uri)) {
      documentChanges.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
    }
  }
  for (const change of changes) {
    const uri = URI.file(change.path).toString();
    const open = documents.get(uri);
    const text = open ? open.getText() : change.create ? '' : ((await read(change.path)) ?? '');
    const model = open ?? TextDocument.create(uri, 'plaintext', 0, text);
    documentChanges.push({
      textDocument: { uri, version: open ? open.version : null },
      edits: change.edits.map(e => ({ range: { start: model.positionAt(e.start), end: model.positionAt(e.end) }, newText: e.newText })),
    });
  }
  return { documentChanges };
}
