// Reading and scanning a batch of files, synchronously: what a scan worker does with each job.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { type Finding, languageOf, notebookPieces, PositionCursor, type Scanner } from '../../core';
import { noteExits } from '../../core/exits';
import { judgeByContent, type SecretFileKind } from '../../core/hygiene';
import { secretHash } from './fingerprint';
import { decodeText, unreadable, type Skip } from './read-text';
import { nearPath, workingPrefix } from './near-path';
import { blankIfSourceMap } from './source-map';
import { RESERVE, viewOf } from './utf8-view';

/**
 * What scanning one file gave. `judged`: what its text says of the secret-file kinds known by
 * content, where the scan was asked (see judgeByContent).
 */
export type FileResult = { file: string; findings: FingerprintedFinding[]; stopped?: string[]; judged?: Judgments } | ({ file: string } & Skip);

/** A file's judgeByContent: kinds by their index in the list the scan was given, each with whether the text matches it. */
export type Judgments = Array<[index: number, matches: boolean]>;

/** A finding with its secret's in-memory hash (rule and secret), from which the fingerprints baselines and SARIF match on are made. */
export type FingerprintedFinding = Finding & { secretHash: string };

/**
 * What a batch gave: only the files with something to say, by their index in the batch. Most
 * files have no finding, and a reply that names none of them costs far less to copy between threads.
 */
export type BatchResults = Array<[index: number, outcome: Skip | { findings: FingerprintedFinding[]; stopped?: string[]; judged?: Judgments }]>;

/**
 * Scans text (a file, a staged blob, standard input) and hashes each finding's secret. `checkedText`:
 * it came through `decodeText`, which ruled out binary already. `hashes` false: the scan has no
 * baseline to match and writes none, so no hash is made (`secretHash` is empty): a SHA-256 a
 * finding was a third of the time of a file packed with keys.
 */
export function scanText(
  scanner: Scanner,
  text: string,
  checkedText = false,
  stopped?: string[],
  hashes = true,
  path?: string,
  bytes?: Uint8Array,
): FingerprintedFinding[] {
  if (path?.endsWith('.ipynb')) {
    const cells = scanNotebook(scanner, text, checkedText, stopped, hashes);
    if (cells) return cells;
  }
  // One shape of options for every call (absent ones undefined): the scan's optimised code saw one
  // map, where three made it throw that code away and compile it again mid-scan.
  const found = scanner.scan(text, { checkedText, stopped, bytes }) as FingerprintedFinding[];
  for (const f of found) f.secretHash = hashes ? secretHash(f.ruleId, text.slice(f.start, f.end)) : '';
  if (path && found.length > 0) noteExits(found, text, path, languageOf(path));
  return found;
}

/**
 * A notebook: the raw JSON scanned as before, and each cell's source and each output's text scanned
 * as the cell holds it (`password = "…"`, not `password = \\"…\\"`), each finding placed back at
 * its offset in the file; a secret both find is reported once. Undefined when it is no notebook.
 */
function scanNotebook(scanner: Scanner, raw: string, checkedText: boolean, stopped: string[] | undefined, hashes: boolean): FingerprintedFinding[] | undefined {
  const pieces = notebookPieces(raw);
  if (!pieces) return undefined;
  const all = scanText(scanner, raw, checkedText, stopped, hashes);
  const taken = all.map(f => [f.start, f.end] as const);
  for (const piece of pieces) {
    for (const f of scanText(scanner, piece.text, true, stopped, hashes)) {
      const start = piece.rawOffsets[f.start];
      const end = piece.rawOffsets[f.end - 1] + 1;
      if (taken.some(([s, e]) => s < end && start < e)) continue;
      taken.push([start, end]);
      const { literal: _, ...rest } = f;
      all.push({ ...rest, start, end, match: { start: piece.rawOffsets[f.match.start], end: piece.rawOffsets[Math.max(f.match.end - 1, f.match.start)] + 1 } });
    }
  }
  all.sort((a, b) => a.start - b.start);
  const cursor = new PositionCursor(raw);
  for (const f of all) {
    const at = cursor.at(f.start);
    f.line = at.line;
    f.column = at.column;
  }
  const ends = new PositionCursor(raw);
  for (const f of [...all].sort((a, b) => a.end - b.end)) {
    const at = ends.at(f.end);
    f.endLine = at.line;
    f.endColumn = at.column;
  }
  return all;
}

/** A batch's results for every file, in order: `outcomes` name only those with findings or skipped. */
export function everyFile(files: readonly string[], outcomes: BatchResults): FileResult[] {
  const results: FileResult[] = files.map(file => ({ file, findings: [] }));
  for (const [index, outcome] of outcomes) results[index] = { file: files[index], ...outcome };
  return results;
}

/**
 * Reads and scans each file in turn. `keyFiles`: the secret-file kinds to judge each decoded file
 * by (judgeByContent) while its text is at hand, for the checks after the scan.
 */
export function scanBatch(scanner: Scanner, files: readonly string[], maxFileBytes: number, hashes = true, keyFiles?: readonly SecretFileKind[]): BatchResults {
  const results: BatchResults = [];
  const prefix = workingPrefix();
  const read = (file: string): Buffer | Skip => {
    const bytes = readUpTo(nearPath(file, prefix), maxFileBytes);
    if (Buffer.isBuffer(bytes)) blankIfSourceMap(file, bytes);
    return bytes;
  };
  files.forEach((file, index) => {
    let bytes = read(file);
    if (!Buffer.isBuffer(bytes)) {
      results.push([index, bytes]);
      return;
    }
    // A long file, or UTF-8 that is not all ASCII, is judged from a view first: most need no
    // string of their whole text (see viewOf). The view is made in the bytes read; the few files
    // it cannot clear are read again for their text.
    if (!file.endsWith('.ipynb')) {
      const view = viewOf(bytes, true);
      if (view && scanner.clearOfSecrets(view, { checkedText: true })) {
        // A view not rewritten is the text as it is (ASCII): judged from it, as a decoded file is.
        const judged = keyFiles && !view.rewritten ? judgeByContent(basename(file), () => view.slice(0, view.length), view.length, keyFiles) : [];
        if (judged.length > 0) results.push([index, { findings: [], judged }]);
        return;
      }
      if (view?.rewritten) {
        bytes = read(file);
        if (!Buffer.isBuffer(bytes)) {
          results.push([index, bytes]);
          return;
        }
      }
    }
    const text = decodeText(bytes);
    if (text === 'binary') {
      results.push([index, { skipped: 'binary' }]);
      return;
    }
    const stopped: string[] = [];
    // An ASCII file reads as Latin-1, a character a byte: its bytes go to the keyword pass as they are.
    const findings = scanText(scanner, text, true, stopped, hashes, file, text.length === bytes.length ? bytes : undefined);
    const judged = keyFiles ? judgeByContent(basename(file), () => text, bytes.length, keyFiles) : [];
    if (findings.length > 0 || stopped.length > 0 || judged.length > 0) {
      results.push([index, { findings, ...(stopped.length > 0 ? { stopped } : {}), ...(judged.length > 0 ? { judged } : {}) }]);
    }
  });
  return results;
}

/**
 * Reused for every file: a buffer per file costs more than its read. It starts at 1 MiB and grows
 * to the largest file read (within the size limit), so a large file is read straight into it, not
 * in pieces joined after (which took a twelfth of a worker's time on a tree of npm packages).
 */
let shared = Buffer.allocUnsafe(1 << 20);

/**
 * A file's bytes, read synchronously (a scanning thread does nothing else meanwhile, and that
 * costs far less per file) through one descriptor, into the shared buffer: the bytes are a view
 * of it, valid until the next call. Larger than `max`: not read.
 */
function readUpTo(file: string, max: number): Buffer | Skip {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    return unreadable(error); // removed or locked since the walk listed it
  }
  try {
    let length = readSync(fd, shared, 0, Math.min(shared.length, max + 1), null);
    // A regular file's read comes back short only at its end. (The walk lists regular files only;
    // a pipe or device named on the command line is read on the main thread, by readTextFile.)
    while (length === shared.length && length <= max) {
      const info = fstatSync(fd);
      if (info.isFile() && info.size > max) return { skipped: 'too-large' };
      // Room for the rest and one byte more (the file may have grown since), within the limit: at
      // once as much as most limits allow (see RESERVE).
      const grown = Buffer.allocUnsafe(Math.min(max + 1, Math.max(RESERVE, info.size + 1)));
      shared.copy(grown, 0, 0, length);
      shared = grown;
      length += readSync(fd, shared, length, shared.length - length, null);
    }
    return length > max ? { skipped: 'too-large' } : shared.subarray(0, length);
  } catch (error) {
    return unreadable(error);
  } finally {
    closeSync(fd);
  }
}
