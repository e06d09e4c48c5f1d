import type { KeyGen, Rule } from '../types';

/** PEM body lines, as they appear in a key file. */
function pemBody(g: KeyGen, lines: number, eol: string): string {
  return Array.from({ length: lines }, () => g.base64(64)).join(eol);
}

/** Private keys in PEM armour, raw or inside a string literal with `\n` escapes. */
export const privateKeyRules: Rule[] = [
  {
    id: 'private-key',
    provider: 'PEM',
    description: 'private key',
    // The body class admits the escapes and quotes of keys pasted into code; it is bounded, and the
    // lazy quantifier stops at the first matching END line.
    pattern:
      /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?)PRIVATE KEY-----[A-Za-z0-9+/=\s\\"',:;.-]{40,16384}?-----END \1PRIVATE KEY-----/,
    keywords: ['private key-----'],
    minEntropy: 4,
    envVar: 'PRIVATE_KEY',
    severity: 'error',
    maskPrefix: /^-----BEGIN [A-Z ]*PRIVATE KEY-----/,
    maskTail: false,
    examples: {
      positive: g => [
        `-----BEGIN RSA PRIVATE KEY-----\n${pemBody(g, 8, '\n')}\n-----END RSA PRIVATE KEY-----\n`,
        `key = "-----BEGIN PRIVATE KEY-----\\n${pemBody(g, 4, '\\n')}\\n-----END PRIVATE KEY-----\\n"`,
      ],
      negative: () => [
        '-----BEGIN RSA PRIVATE KEY-----\n<paste your key here>\n-----END RSA PRIVATE KEY-----',
        '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----',
      ],
    },
  },
];
