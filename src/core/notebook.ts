import { findNodeAtLocation, type Node, parseTree } from 'jsonc-parser';

/**
 * A Jupyter notebook's text as its cells hold it. The `.ipynb` file is JSON: each line of a cell's
 * source, and of its saved outputs, is a JSON string with `\"` and `\n` escaped, so a scan of the
 * raw file reads `password = \"…\"` and misses what the cell says. Each piece here is one cell's
 * source, or one output's text, decoded, with the way back to the raw file's offsets.
 */
export interface NotebookPiece {
  /** Zero-based cell index. */
  cell: number;
  kind: 'source' | 'output';
  text: string;
  /** The raw offset of each decoded character (and of the end, at `text.length`). */
  rawOffsets: Int32Array;
}

/** Output data read as text; images and other binary data are left out. */
const TEXT_MIME = /^(?:text\/|application\/(?:json|javascript|x-python|xml))/;

export function notebookPieces(raw: string): NotebookPiece[] | undefined {
  const tree = parseTree(raw);
  const cells = tree && findNodeAtLocation(tree, ['cells']);
  if (cells?.type !== 'array') return undefined;
  const pieces: NotebookPiece[] = [];
  (cells.children ?? []).forEach((cell, index) => {
    const source = findNodeAtLocation(cell, ['source']);
    if (source) pieces.push({ cell: index, kind: 'source', ...decode(raw, strings(source)) });
    const outputs = findNodeAtLocation(cell, ['outputs']);
    for (const output of outputs?.type === 'array' ? (outputs.children ?? []) : []) {
      const parts: Node[] = [];
      for (const key of ['text', 'traceback']) {
        const node = findNodeAtLocation(output, [key]);
        if (node) parts.push(...strings(node));
      }
      const data = findNodeAtLocation(output, ['data']);
      for (const property of data?.type === 'object' ? (data.children ?? []) : []) {
        const [mime, value] = property.children ?? [];
        if (typeof mime?.value === 'string' && TEXT_MIME.test(mime.value) && value) parts.push(...strings(value));
      }
      if (parts.length > 0) pieces.push({ cell: index, kind: 'output', ...decode(raw, parts) });
    }
  });
  return pieces;
}

/** The string nodes of a value: itself, or an array's (one per line, as nbformat writes them), or an object's, deeply. */
function strings(node: Node): Node[] {
  if (node.type === 'string') return [node];
  if (node.type === 'array' || node.type === 'object')
    return (node.children ?? []).flatMap(c => (c.type === 'property' ? strings(c.children![1]) : strings(c)));
  return [];
}

/** The JSON strings decoded end to end, with each character's raw offset. */
function decode(raw: string, nodes: Node[]): { text: string; rawOffsets: Int32Array } {
  let text = '';
  const offsets: number[] = [];
  for (const node of nodes) {
    const end = node.offset + node.length - 1;
    for (let i = node.offset + 1; i < end; ) {
      const c = raw[i];
      if (c !== '\\') {
        offsets.push(i);
        text += c;
        i++;
        continue;
      }
      const e = raw[i + 1];
      if (e === 'u') {
        offsets.push(i);
        text += String.fromCharCode(Number.parseInt(raw.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      offsets.push(i);
      text += ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e;
      i += 2;
    }
    // A line's end in the raw file: the closing quote (each source line is its own string).
    if (!text.endsWith('\n') && nodes.length > 1) {
      offsets.push(end);
      text += '\n';
    }
  }
  offsets.push(nodes.length > 0 ? nodes[nodes.length - 1].offset + nodes[nodes.length - 1].length - 1 : 0);
  return { text, rawOffsets: Int32Array.from(offsets) };
}
