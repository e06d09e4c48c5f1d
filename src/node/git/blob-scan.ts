import type { Scanner } from '../../core';
import { ENV_FILE_NAME, isEnvTemplateName, readDotenv } from '../../core/dotenv';
import { decodeText } from '../scan/decode';
import { type FingerprintedFinding, scanText } from '../scan/scan-batch';
import { blankIfSourceMap } from '../scan/source-map';
import { viewOf } from '../scan/utf8-view';

/**
 * One blob of the git history scanned: decoded as a file would be (a binary one read for its runs
 * of printable text), its findings with their secrets' hashes, and for an env file the names of
 * the variables they are in. Pure work on bytes, run on the main thread or on a worker.
 */

/** What one blob gave: its findings, and for an env file the names of the keys they are in. */
export interface BlobResult {
  findings: FingerprintedFinding[];
  envNames?: string[];
}

/** A blob with nothing in it, shared by every such entry of a cache. */
export const EMPTY_BLOB: BlobResult = { findings: [] };

/** Printable ASCII runs this long are what a binary blob is read as. */
const MIN_RUN = 12;

/** `name`: the file name the blob was met at (its last path segment). `bytes` may be changed: a source map's mappings blanked. */
export function scanBlob(scanner: Scanner, bytes: Buffer, name: string): BlobResult {
  // As a file is: a source map's mappings read as blank, then a long one, or UTF-8 that is not
  // all ASCII, judged from a view first.
  blankIfSourceMap(name, bytes);
  if (!name.endsWith('.ipynb')) {
    const view = viewOf(bytes);
    if (view && scanner.clearOfSecrets(view, { checkedText: true })) return EMPTY_BLOB;
  }
  const decoded = decodeText(bytes);
  const text = decoded === 'binary' ? printableRuns(bytes) : decoded;
  const findings = scanText(scanner, text, true, undefined, true, name);
  if (findings.length === 0) return EMPTY_BLOB;
  const blob: BlobResult = { findings };
  if (ENV_FILE_NAME.test(name) && !isEnvTemplateName(name)) {
    const names = readDotenv(text)
      .entries.filter(e => findings.some(f => f.start < e.valueEnd && e.valueStart < f.end))
      .map(e => e.name);
    if (names.length > 0) blob.envNames = [...new Set(names)];
  }
  return blob;
}

/** A binary blob as text: its runs of printable ASCII, one a line (a key in a compiled file or a database). */
function printableRuns(bytes: Buffer): string {
  const runs: string[] = [];
  let start = -1;
  for (let i = 0; i <= bytes.length; i++) {
    const c = i < bytes.length ? bytes[i] : 0;
    const printable = c >= 0x20 && c < 0x7f;
    if (printable && start < 0) start = i;
    else if (!printable && start >= 0) {
      if (i - start >= MIN_RUN) runs.push(bytes.toString('latin1', start, i));
      start = -1;
    }
  }
  return runs.join('\n');
}

/**
 * Blobs as they cross to a worker: their bytes end to end in one buffer (moved, not copied), where
 * each ends, and each one's file name.
 */
export interface BlobBatch {
  bytes: ArrayBuffer;
  ends: number[];
  names: string[];
}

export function scanBlobBatch(scanner: Scanner, batch: BlobBatch): BlobResult[] {
  const all = Buffer.from(batch.bytes);
  return batch.ends.map((end, i) => scanBlob(scanner, all.subarray(i === 0 ? 0 : batch.ends[i - 1], end), batch.names[i]));
}
