import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';

/**
 * Reading with a size cap. A path may name something endless: `/dev/zero`, `/dev/urandom`, a FIFO
 * a program keeps writing to, or a `.env` symlinked to one of them. Reading such a thing whole
 * takes all memory or never ends, so every read of a file the repository chose goes through here.
 */

/** Larger than the cap: not read (or read only up to the cap, and dropped). */
export class TooLargeError extends Error {
  constructor(
    readonly path: string,
    readonly max: number,
  ) {
    super(`${path} is larger than ${sizeText(max)} (or endless); not read`);
  }
}

/** `10 MiB`, `512 KiB`, `900 bytes`. */
export function sizeText(bytes: number): string {
  if (bytes >= 1 << 20 && bytes % (1 << 20) === 0) return `${bytes >> 20} MiB`;
  if (bytes >= 1 << 10 && bytes % (1 << 10) === 0) return `${bytes >> 10} KiB`;
  return `${bytes} bytes`;
}

/** Chunks for things with no size: devices and pipes. */
const CHUNK = 1 << 16;

/**
 * The bytes at `path`, at most `max` of them; throws TooLargeError past that. A regular file is
 * judged by its size first, and read at most to `max + 1` bytes, so a file that grows meanwhile
 * is caught too. `regularOnly`: refuse devices, FIFOs and sockets outright (a process that must
 * never block, the language server, reading a file the workspace names).
 */
export async function readBounded(path: string, max: number, { regularOnly = false } = {}): Promise<Buffer> {
  // Looked at before it is opened: opening a FIFO waits for a writer, which may never come.
  if (regularOnly && !(await stat(path)).isFile()) throw notRegular(path);
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (regularOnly && !info.isFile()) throw notRegular(path);
    if (info.isFile() && info.size > max) throw new TooLargeError(path, max);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(info.isFile() ? Math.max(info.size - total, 0) + 1 : CHUNK, max + 1 - total);
      const buffer = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(buffer, 0, want, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > max) throw new TooLargeError(path, max);
      chunks.push(bytesRead === want ? buffer : buffer.subarray(0, bytesRead));
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

/** readBounded's text, as UTF-8 without a BOM. */
export async function readBoundedText(path: string, max: number, options?: { regularOnly?: boolean }): Promise<string> {
  return stripBom((await readBounded(path, max, options)).toString('utf8'));
}

/**
 * The same, synchronously: for a process with nothing else to serve meanwhile (the CLI, a worker).
 * With `regularOnly`, where the system has it, the file is opened without waiting (`O_NONBLOCK`:
 * a FIFO opens at once, then is refused as not regular) instead of looked at first: a CLI run
 * judges hundreds of candidate key files after a scan, and each call on a file is a system call
 * (12 us where the machine is virtualised).
 */
export function readBoundedSync(path: string, max: number, { regularOnly = false } = {}): Buffer {
  const nonBlocking = regularOnly ? constants.O_NONBLOCK : undefined;
  if (regularOnly && nonBlocking === undefined && !statSync(path).isFile()) throw notRegular(path);
  const fd = openForReading(path, nonBlocking);
  try {
    const info = fstatSync(fd);
    if (regularOnly && !info.isFile()) throw notRegular(path);
    if (info.isFile() && info.size > max) throw new TooLargeError(path, max);
    return readRestSync(fd, path, max, info.isFile() ? info.size : -1);
  } finally {
    closeSync(fd);
  }
}

/** Opens `path` to read, without waiting where `nonBlocking` is the system's flag for it. */
function openForReading(path: string, nonBlocking: number | undefined): number {
  if (nonBlocking === undefined) return openSync(path, 'r');
  try {
    return openSync(path, constants.O_RDONLY | nonBlocking);
  } catch (error) {
    // A socket cannot be opened at all (ENXIO): as not regular, as a look first would have said.
    if ((error as NodeJS.ErrnoException).code === 'ENXIO') throw notRegular(path);
    throw error;
  }
}

/** readBoundedSync's text, as UTF-8 without a BOM. */
export function readBoundedTextSync(path: string, max: number, options?: { regularOnly?: boolean }): string {
  return stripBom(readBoundedSync(path, max, options).toString('utf8'));
}

/**
 * Reads an open descriptor from where it stands to its end, at most `max` bytes in all (`already`
 * of them read before); throws TooLargeError past that. `size`: a regular file's size, else -1.
 */
export function readRestSync(fd: number, path: string, max: number, size: number, already: Buffer[] = []): Buffer {
  const chunks = [...already];
  let total = already.reduce((n, b) => n + b.length, 0);
  for (;;) {
    const want = Math.min(size >= 0 ? Math.max(size - total, 0) + 1 : CHUNK, max + 1 - total);
    const buffer = Buffer.allocUnsafe(want);
    const n = readSync(fd, buffer, 0, want, null);
    if (n === 0) break;
    total += n;
    if (total > max) throw new TooLargeError(path, max);
    chunks.push(n === want ? buffer : buffer.subarray(0, n));
    // A regular file's read comes back short only at its end: no read more to be told so.
    if (size >= 0 && n < want) break;
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}

function notRegular(path: string): Error {
  return Object.assign(new Error(`${path} is not a regular file (a device, pipe or socket); not read`), { code: 'ENOTREG' });
}

const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
