const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE) of an ASCII string, as an unsigned integer. */
export function crc32(s: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < s.length; i++) {
    crc = CRC_TABLE[(crc ^ s.charCodeAt(i)) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `n` in base 62 (digits, then upper, then lower case), left-padded with `0` to `width`. */
export function base62(n: number, width: number): string {
  let out = '';
  while (n > 0) {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out.padStart(width, '0');
}

/**
 * GitHub's and npm's token checksum: the last 6 characters are the base62 CRC-32 of the random
 * part between the prefix and the checksum (github.blog, "Behind GitHub's new authentication
 * token formats", 2021).
 */
export function hasBase62Crc32(token: string, prefixLength: number): boolean {
  const body = token.slice(prefixLength, -6);
  return body.length > 0 && base62(crc32(body), 6) === token.slice(-6);
}

/**
 * GitLab's routable tokens end in `.LL` + 7 characters: LL is the base64 payload's length in base
 * 36, and the 7 characters are the base-36 CRC-32 of everything before them, zero-padded
 * (gitlab.com/gitlab-org/gitlab, Authn::TokenField::Generator::RoutableToken).
 */
export function isValidGitlabRoutable(token: string, prefixLength: number): boolean {
  const crc = token.slice(-7);
  const checked = token.slice(0, -7);
  const dot = checked.lastIndexOf('.');
  if (dot < 0 || checked.length - dot !== 3) {
    return false;
  }
  const payloadLength = parseInt(checked.slice(dot + 1), 36);
  return payloadLength === dot - prefixLength && crc32(checked).toString(36).padStart(7, '0') === crc;
}
