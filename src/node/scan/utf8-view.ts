import { isAscii, isUtf8 } from 'node:buffer';
import { type TextView, WINDOWED_FROM } from '../../core';
import { BINARY_PROBE, bomEncoding } from './decode';

/**
 * The scanner's view of a file's bytes, where it has one: a long ASCII text as it is (read in
 * windows, never whole), UTF-8 that is not all ASCII as `textView` makes it. Undefined for
 * binary, a wide encoding, a short ASCII text (its string costs no more than a view), and what
 * `textView` leaves to decoding. Valid while `bytes` and until the next call.
 */
export function viewOf(bytes: Buffer): TextView | undefined {
  if (bomEncoding(bytes) !== undefined || bytes.subarray(0, BINARY_PROBE).includes(0)) return undefined;
  if (!isAscii(bytes)) return textView(bytes);
  if (bytes.length < WINDOWED_FROM) return undefined;
  return { length: bytes.length, bytes, slice: (start, end) => bytes.toString('latin1', start, end), replacedBetween: () => false };
}

/** The stretch of bytes looked at at once: most of a mostly-ASCII file is copied a stretch at a time. */
const STRETCH = 4096;
/** Past one non-ASCII character in this many bytes, decoding costs less than the view. */
const DENSEST = 16;
/** Reused for every view: a buffer per file costs more than the copy (fresh pages, and the collector). */
let scratch = Buffer.allocUnsafe(1 << 20);

/**
 * What a reused buffer grows to when it must: the default file size limit and more. A buffer's
 * memory is mapped page by page as it is first written, so the part no file reaches costs nothing,
 * while growing by doubling wrote 2, 4 and 8 MB buffers on the way, each page of them a page fault
 * (3.5 ms a MB where memory is virtualised: 2,300 faults of a scan of npm packages).
 */
export const RESERVE = 16 << 20;
let marks: Int32Array = new Int32Array(1024);

/**
 * The scanner's view of UTF-8 bytes that are not all ASCII (see TextView): what `decodeText` would
 * give, a UTF-16 code unit for a character, with each non-ASCII character replaced. Undefined where
 * the text is better decoded: bytes that are not valid UTF-8 (their replacement characters), a line
 * or paragraph separator (U+2028, U+2029: a line end to some patterns), or non-ASCII text all
 * through. The view's string and bytes are valid until the next call.
 */
export function textView(bytes: Buffer): TextView | undefined {
  if (!isUtf8(bytes)) return undefined;
  // decodeText drops a UTF-8 BOM, as editors do.
  const from = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const n = bytes.length;
  if (scratch.length < n) scratch = Buffer.allocUnsafe(Math.max(n, RESERVE));
  const limit = Math.ceil((n - from) / DENSEST);
  let out = 0; // where the next byte of the view goes
  let copied = from; // the bytes before this are in the view
  let count = 0; // replaced characters
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
      out += bytes.copy(scratch, out, copied, i);
      const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      const code =
        length === 2 ? ((b & 0x1f) << 6) | (bytes[i + 1] & 0x3f) : length === 3 ? ((b & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f) : 0;
      if (code === 0x2028 || code === 0x2029) return undefined;
      if (count + 2 > marks.length) marks = growInts(marks);
      if (count >= limit) return undefined;
      // Outside the BMP: a surrogate pair, two code units. One loop for both (a branch taken only
      // for emoji threw the optimised code away the first time one came).
      for (let unit = length === 4 ? 2 : 1, space = isUnicodeSpace(code); unit > 0; unit--, space = false) {
        marks[count++] = out;
        scratch[out++] = space ? 0xa0 : 0x80;
      }
      i += length - 1;
      copied = i + 1;
    }
  }
  out += bytes.copy(scratch, out, copied, n);
  const replaced = marks.subarray(0, count);
  const view = scratch;
  return {
    length: out,
    bytes: view.subarray(0, out),
    slice: (start, end) => view.toString('latin1', start, end),
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

/** Non-ASCII characters JavaScript's `\s` matches (U+2028 and U+2029 never reach here). */
function isUnicodeSpace(code: number): boolean {
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

function growInts(a: Int32Array): Int32Array {
  const grown = new Int32Array(a.length * 2);
  grown.set(a);
  return grown;
}
