import { open } from 'node:fs/promises';

/** Why a file was not scanned. */
export type SkipReason = 'binary' | 'too-large';

/** How far into a file a NUL byte marks it as binary (git's heuristic). */
const BINARY_PROBE = 8000;

/**
 * Reads a file as UTF-8 text for scanning, or says why not: files over `maxBytes` and binary
 * files are skipped before they are decoded. A BOM is dropped, as editors do, so columns agree.
 */
export async function readTextFile(path: string, maxBytes: number): Promise<string | SkipReason> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) {
      return 'too-large';
    }
    const buffer = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const { bytesRead } = await handle.read(buffer, read, size - read, read);
      if (bytesRead === 0) {
        break;
      }
      read += bytesRead;
    }
    return decodeText(buffer.subarray(0, read));
  } finally {
    await handle.close();
  }
}

/** Bytes as text for scanning (a BOM dropped), or 'binary' when a NUL byte comes early, as git decides. */
export function decodeText(bytes: Buffer): string | 'binary' {
  if (bytes.subarray(0, BINARY_PROBE).includes(0)) {
    return 'binary';
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
