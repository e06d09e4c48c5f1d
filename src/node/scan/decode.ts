import { isAscii } from 'node:buffer';

/**
 * Bytes as text for scanning. UTF-8 (a BOM dropped, as editors do, so columns agree), and the
 * wide encodings editors and Windows tools write: UTF-16 LE/BE and UTF-32 LE/BE, with a BOM or
 * recognised without one (PowerShell 5 writes UTF-16 LE with a BOM; `reg export` and many Windows
 * tools, without). Anything else with a NUL byte near its start is binary, as git decides.
 */
export function decodeText(bytes: Buffer): string | 'binary' {
  const bom = bomEncoding(bytes);
  if (bom) return decodeWide(bytes.subarray(bom === 'utf-16le' || bom === 'utf-16be' ? 2 : 4), bom);
  const probe = bytes.subarray(0, BINARY_PROBE);
  if (probe.includes(0)) {
    const wide = sniffWide(probe);
    return wide ? decodeWide(bytes, wide) : 'binary';
  }
  // Most source files are ASCII, which reads as Latin-1 byte for byte, at twice the speed.
  if (isAscii(bytes)) return bytes.toString('latin1');
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** How far into a file a NUL byte marks it as binary (git's heuristic), and how much is sniffed for an encoding. */
export const BINARY_PROBE = 8000;

export type WideEncoding = 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

export function bomEncoding(b: Buffer): WideEncoding | undefined {
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return 'utf-32le';
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return 'utf-32be';
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * A wide encoding recognised without a BOM, from where its zero bytes fall: text in UTF-16 LE has
 * a zero high byte in most code units (any Latin-script text), and never a whole zero unit; UTF-32
 * has two zero high bytes in every unit. Binary formats have zeros in no such order.
 */
function sniffWide(probe: Buffer): WideEncoding | undefined {
  const units4 = probe.length >> 2;
  if (units4 >= 2) {
    let le = 0;
    let be = 0;
    for (let i = 0; i < units4 * 4; i += 4) {
      if (probe[i + 3] === 0 && probe[i + 2] <= 0x10 && (probe[i] | probe[i + 1]) !== 0) le++;
      if (probe[i] === 0 && probe[i + 1] <= 0x10 && (probe[i + 2] | probe[i + 3]) !== 0) be++;
    }
    if (le === units4) return 'utf-32le';
    if (be === units4) return 'utf-32be';
  }
  const units2 = probe.length >> 1;
  if (units2 < 2) return undefined;
  let zeroHighLe = 0;
  let zeroHighBe = 0;
  for (let i = 0; i < units2 * 2; i += 2) {
    const lo = probe[i];
    const hi = probe[i + 1];
    if (lo === 0 && hi === 0) return undefined; // a NUL character: not text
    if (hi === 0) zeroHighLe++;
    if (lo === 0) zeroHighBe++;
  }
  // Mostly one side zero, the other hardly ever: text, in that byte order.
  if (zeroHighLe >= units2 * 0.5 && zeroHighBe <= units2 * 0.02) return 'utf-16le';
  if (zeroHighBe >= units2 * 0.5 && zeroHighLe <= units2 * 0.02) return 'utf-16be';
  return undefined;
}

/** Decodes wide text (no BOM); 'binary' when it holds NUL characters or invalid code units near its start. */
function decodeWide(bytes: Buffer, encoding: WideEncoding): string | 'binary' {
  let text: string;
  if (encoding === 'utf-16le') {
    text = bytes.toString('utf16le', 0, bytes.length & ~1);
  } else if (encoding === 'utf-16be') {
    const swapped = Buffer.from(bytes.subarray(0, bytes.length & ~1));
    text = swapped.swap16().toString('utf16le');
  } else {
    const decoded = decodeUtf32(bytes, encoding === 'utf-32le');
    if (decoded === undefined) return 'binary';
    text = decoded;
  }
  return looksLikeText(text) ? text : 'binary';
}

function decodeUtf32(bytes: Buffer, littleEndian: boolean): string | undefined {
  const parts: string[] = [];
  const codes: number[] = [];
  for (let i = 0; i + 4 <= bytes.length; i += 4) {
    const cp = littleEndian ? bytes.readUInt32LE(i) : bytes.readUInt32BE(i);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
    codes.push(cp);
    if (codes.length === 4096) {
      parts.push(String.fromCodePoint(...codes));
      codes.length = 0;
    }
  }
  parts.push(String.fromCodePoint(...codes));
  return parts.join('');
}

/** No NUL character, and hardly any other control character, near the start: text. */
function looksLikeText(text: string): boolean {
  const probe = text.slice(0, BINARY_PROBE);
  let controls = 0;
  for (let i = 0; i < probe.length; i++) {
    const c = probe.charCodeAt(i);
    if (c === 0) return false;
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 12 && c !== 13 && c !== 27) controls++;
  }
  return controls <= probe.length * 0.01;
}
