import { isAscii } from 'node:buffer';
import { readFile, stat } from 'node:fs';

/** Why a file was not scanned: binary, over the size limit, or gone or unreadable when its turn came. */
export type SkipReason = 'binary' | 'too-large' | 'unreadable';

/** How far into a file a NUL byte marks it as binary (git's heuristic). */
const BINARY_PROBE = 8000;

/**
 * Reads a file as UTF-8 text for scanning, or says why not: files over `maxBytes` and binary
 * files are skipped before they are decoded. A BOM is dropped, as editors do, so columns agree.
 */
export function readTextFile(path: string, maxBytes: number): Promise<string | SkipReason> {
  // The callback API: a scan reads thousands of files, and FileHandle promises cost several times more per file.
  return new Promise((resolve, reject) => {
    stat(path, (error, info) => {
      if (error) return reject(error);
      if (info.size > maxBytes) return resolve('too-large');
      readFile(path, (err, bytes) => {
        if (err) return reject(err);
        // The file may have grown since: the limit holds for what was read.
        resolve(bytes.length > maxBytes ? 'too-large' : decodeText(bytes));
      });
    });
  });
}

/** Bytes as text for scanning (a BOM dropped), or 'binary' when a NUL byte comes early, as git decides. */
export function decodeText(bytes: Buffer): string | 'binary' {
  if (bytes.subarray(0, BINARY_PROBE).includes(0)) {
    return 'binary';
  }
  // Most source files are ASCII, which reads as Latin-1 byte for byte, at twice the speed.
  if (isAscii(bytes)) return bytes.toString('latin1');
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
