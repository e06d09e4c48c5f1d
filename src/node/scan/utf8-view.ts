import { isAscii, isUtf8 } from 'node:buffer';
import { type TextView, WINDOWED_FROM } from '../../core';
import { BINARY_PROBE, bomEncoding } from './decode';

/** A file's view (see viewOf), and whether making it rewrote the file's bytes. */
export type FileView = TextView & { rewritten: boolean };

/**
 * The scanner's view of a file's bytes, where it has one: a long ASCII text as it is (read in
 * windows, never whole), UTF-8 that is not all ASCII as `textView` makes it. Undefined for
 * binary, a wide encoding, a short ASCII text (its string costs no more than a view), and what
 * `textView` leaves to decoding. Valid while `bytes` and until the next call. `inPlace`: the view
 * of UTF-8 that is not all ASCII may be made in `bytes` itself (`rewritten`), for a caller that can
 * read the file again if it needs its text; undefined leaves the bytes as they were.
 */
export function viewOf(bytes: Buffer, inPlace = false): FileView | undefined {
  if (bomEncoding(bytes) !== undefined || bytes.subarray(0, BINARY_PROBE).includes(0)) return undefined;
  if (!isAscii(bytes)) {
    const view = textView(bytes, inPlace);
    return view && { ...view, rewritten: inPlace };
  }
  if (bytes.length < WINDOWED_FROM) return undefined;
  return { length: bytes.length, bytes, slice: (start, end) => bytes.toString('latin1', start, end), replacedBetween: () => false, rewritten: false };
}

/** The stretch of bytes looked at at once: most of a mostly-ASCII file is copied a stretch at a time. */
const STRETCH = 4096;
/** Past one non-ASCII character in this many bytes, decoding costs less than the view. */
const DENSEST = 16;
/** Reused for every view not made in place: a buffer per file costs more than the copy (fresh pages, and the collector). */
let scratch = Buffer.allocUnsafe(1 << 20);

/**
 * What a reused buffer grows to when it must: the default file size limit and more. A buffer's
 * memory is mapped page by page as it is first written, so the part no file reaches costs nothing,
 * while growing by doubling wrote 2, 4 and 8 MB buffers on the way, each page of them a page fault
 * (3.5 ms a MB where memory is virtualised: 2,300 faults of a scan of npm packages).
 */
export const RESERVE = 16 << 20;
/**
 * Where each non-ASCII character starts, and where each replaced code unit is in the view: room
 * for the most a view of `RESERVE` bytes can hold (one in `DENSEST`), so that no file within the
 * default size limit makes them grow. Growing them was a call the optimised code had never seen
 * and threw itself away at, mid-scan. Their pages are mapped as they are first written.
 */
let leads: Int32Array = new Int32Array(RESERVE / DENSEST + 2);
let marks: Int32Array = new Int32Array(RESERVE / DENSEST + 2);

/**
 * The scanner's view of UTF-8 bytes that are not all ASCII (see TextView): what `decodeText` would
 * give, a UTF-16 code unit for a character, with each non-ASCII character replaced. Undefined where
 * the text is better decoded: bytes that are not valid UTF-8 (their replacement characters), a line
 * or paragraph separator (U+2028, U+2029: a line end to some patterns), or non-ASCII text all
 * through. The view's string and bytes are valid until the next call.
 *
 * `inPlace`: made in `bytes` itself, which then hold the view (never longer than the UTF-8 it
 * replaces), not in a buffer of its own: in a scan of npm packages a third of all bytes were in
 * such files, and the other buffer's first touch of each page was a page fault. Whether there is a
 * view is settled before anything is written: undefined leaves the bytes as they were.
 */
export function textView(bytes: Buffer, inPlace = false): TextView | undefined {
  if (!isUtf8(bytes)) return undefined;
  // decodeText drops a UTF-8 BOM, as editors do.
  const from = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const n = bytes.length;
  const limit = Math.ceil((n - from) / DENSEST);
  // Room for every character the view may replace (`limit`, and one more looked at): only a file
  // past `RESERVE` needs more.
  if (leads.length < limit + 2) {
    leads = new Int32Array(limit + 2);
    marks = new Int32Array(limit + 2);
  }
  // Where each non-ASCII character starts, or no view: the bytes are only read.
  let chars = 0;
  let units = 0; // the code units they take in the view (two for a character outside the BMP)
  let i = from;
  while (i < n) {
    const end = Math.min(n, i + STRETCH);
    if (isAscii(bytes.subarray(i, end))) {
      i = end;
      continue;
    }
    for (; i < end; i++) {
      const b = bytes[i];
      if (b < 0x80) continue;
      // Valid UTF-8 (checked above): a lead byte, then its continuation bytes.
      const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (length === 3 && b === 0xe2 && bytes[i + 1] === 0x80 && (bytes[i + 2] === 0xa8 || bytes[i + 2] === 0xa9)) return undefined; // U+2028, U+2029
      if (units >= limit) return undefined;
      leads[chars++] = i;
      units += length === 4 ? 2 : 1;
      i += length - 1;
    }
  }
  // The view: the ASCII between them as it is, each of them replaced.
  if (!inPlace && scratch.length < n) scratch = Buffer.allocUnsafe(Math.max(n, RESERVE));
  const target = inPlace ? bytes : scratch;
  let out = 0; // where the next byte of the view goes
  let copied = from; // the bytes before this are in the view
  let count = 0; // replaced code units
  for (let k = 0; k < chars; k++) {
    const at = leads[k];
    out += moveAscii(bytes, target, out, copied, at);
    // Read before anything is written: in place, the view may overwrite the character's bytes.
    const b = bytes[at];
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    const code =
      length === 2
        ? ((b & 0x1f) << 6) | (bytes[at + 1] & 0x3f)
        : length === 3
          ? ((b & 0x0f) << 12) | ((bytes[at + 1] & 0x3f) << 6) | (bytes[at + 2] & 0x3f)
          : 0;
    // Outside the BMP: a surrogate pair, two code units. One loop for both (a branch taken only
    // for emoji threw the optimised code away the first time one came).
    for (let unit = length === 4 ? 2 : 1, space = isUnicodeSpace(code); unit > 0; unit--, space = false) {
      marks[count++] = out;
      target[out++] = space ? 0xa0 : 0x80;
    }
    copied = at + length;
  }
  out += moveAscii(bytes, target, out, copied, n);
  const replaced = marks.subarray(0, count);
  return {
    length: out,
    bytes: target.subarray(0, out),
    slice: (start, end) => target.toString('latin1', start, end),
    replacedBetween: (start, stop) => {
      // The first replaced character at or after `start`, by binary search.
      let lo = 0;
      let hi = replaced.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (replaced[mid] < start) lo = mid + 1;
        else hi = mid;
      }
      return lo < replaced.length && replaced[lo] < stop;
    },
  };
}

/** Copies `bytes[from, to)` to `target` at `at` (which is never past `from` when they are the same buffer); returns the count. */
function moveAscii(bytes: Buffer, target: Buffer, at: number, from: number, to: number): number {
  if (target !== bytes) return bytes.copy(target, at, from, to);
  if (at !== from) bytes.copyWithin(at, from, to);
  return to - from;
}

/** Non-ASCII characters JavaScript's `\s` matches (U+2028 and U+2029 never reach here). */
function isUnicodeSpace(code: number): boolean {
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}
