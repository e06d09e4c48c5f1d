// The notation of test/formats/formats.json, kept apart from src/core: a format is literal text
// with fields in braces.
//   {set:n}       n characters of a set (below)
//   {uuid}        a lowercase UUID v4
//   {basic:user}  base64 of "user:<18 random letters and digits>" (HTTP Basic, Docker auths)
//   {pem64:n}     base64 of a PKCS#8 PEM private key of n body lines (a Kubernetes tls.key)
//   {^}           where a checksummed part starts (nothing is written)
//   {crc62}       6 characters: the CRC-32 of the text since {^}, in base 62 (GitHub, npm)
//   {len36}       2 characters: the length of the text since {^}, in base 36 (GitLab routable)
//   {crc36}       7 characters: the CRC-32 of the whole value so far, in base 36 (GitLab routable)
// The checksums use Node's own zlib.crc32, not the product's implementation.
import { crc32 } from 'node:zlib';

export const SETS: Record<string, string> = {
  hex: '0123456789abcdef',
  HEX: '0123456789ABCDEF',
  digits: '0123456789',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  letters: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  lowalnum: 'abcdefghijklmnopqrstuvwxyz0123456789',
  upalnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  b64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  b64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
  // The last character before one "=" of padding: its low 4 bits are zero.
  b64tail: 'AEIMQUYcgkosw048',
  base32: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  lowbase32: 'abcdefghijklmnopqrstuvwxyz234567',
  BECH32: 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L',
  // crypt(3)'s alphabet: bcrypt, MD5-, SHA-crypt, yescrypt, Cisco type 8 and 9.
  crypt: './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
};

const FIELD = /\{([^{}]*)\}/g;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function inBase(n: number, digits: string, width: number): string {
  let out = '';
  do {
    out = digits[n % digits.length] + out;
    n = Math.floor(n / digits.length);
  } while (n > 0);
  return out.padStart(width, '0');
}

/** Renders `format` with `random` (uniform in [0, 1)). */
export function render(format: string, random: () => number): string {
  const pick = (set: string, n: number): string => Array.from({ length: n }, () => set[Math.floor(random() * set.length)]).join('');
  let out = '';
  let checked = -1;
  let last = 0;
  for (const m of format.matchAll(FIELD)) {
    out += format.slice(last, m.index);
    last = m.index + m[0].length;
    const [kind, arg] = m[1].split(':');
    if (kind === '^') checked = out.length;
    else if (kind === 'uuid')
      out += `${pick(SETS.hex, 8)}-${pick(SETS.hex, 4)}-4${pick(SETS.hex, 3)}-${pick('89ab', 1)}${pick(SETS.hex, 3)}-${pick(SETS.hex, 12)}`;
    else if (kind === 'basic') out += Buffer.from(`${arg}:${pick(SETS.alnum, 18)}`).toString('base64');
    else if (kind === 'pem64') {
      const body = Array.from({ length: Number(arg) }, () => pick(SETS.b64, 64)).join('\n');
      out += Buffer.from(`-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`).toString('base64');
    } else if (kind === 'crc62') out += inBase(crc32(out.slice(checked)), BASE62, 6);
    else if (kind === 'len36') out += inBase(out.length - checked - 1, '0123456789abcdefghijklmnopqrstuvwxyz', 2);
    else if (kind === 'crc36') out += inBase(crc32(out), '0123456789abcdefghijklmnopqrstuvwxyz', 7);
    else if (SETS[kind] && /^\d+$/.test(arg ?? '')) out += pick(SETS[kind], Number(arg));
    else throw new Error(`unknown field {${m[1]}} in ${format}`);
  }
  return out + format.slice(last);
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const charClass = (set: string): string => `[${set.replace(/[\]\\^-]/g, '\\$&')}]`;

/**
 * A regex of everything `format` can render (checksums as their alphabet), to check that a
 * committed example still fits its format. Not used to find anything.
 */
export function formatRegex(format: string): RegExp {
  let source = '';
  let last = 0;
  for (const m of format.matchAll(FIELD)) {
    source += escapeRegExp(format.slice(last, m.index));
    last = m.index + m[0].length;
    const [kind, arg] = m[1].split(':');
    if (kind === '^') continue;
    if (kind === 'uuid') source += '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';
    else if (kind === 'basic') source += '[A-Za-z0-9+/]+={0,2}';
    else if (kind === 'pem64') source += 'LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t[A-Za-z0-9+/]+={0,2}';
    else if (kind === 'crc62') source += '[0-9A-Za-z]{6}';
    else if (kind === 'len36') source += '[0-9a-z]{2}';
    else if (kind === 'crc36') source += '[0-9a-z]{7}';
    else source += `${charClass(SETS[kind])}{${arg}}`;
  }
  return new RegExp(`^${source}${escapeRegExp(format.slice(last))}$`);
}

export interface FormatEntry {
  rule: string;
  provider: string;
  doc: string;
  /** A value, rendered into many syntaxes by the tests. */
  format?: string;
  /** A snippet, scanned as it stands. */
  text?: string;
  /** What the value is assigned to, where the issuer's name for it is part of the format. */
  name?: string;
  examples: string[];
}
