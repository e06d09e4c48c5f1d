import type { Rule } from '../types';
import { blockVeto } from './blocks';

/** The PEM footer a header calls for: `-----BEGIN RSA PRIVATE KEY-----` wants `-----END RSA PRIVATE KEY-----`. */
const pemFooter = (text: string, keywordEnd: number): string | undefined => {
  const m = /^((?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?)PRIVATE KEY-----/.exec(text.slice(keywordEnd, keywordEnd + 40));
  return m ? `-----END ${m[1]}PRIVATE KEY-----` : undefined;
};

/** Private keys in their armoured text forms, raw or inside a string literal with `\n` escapes. */
export const privateKeyRules: Rule[] = [
  {
    id: 'private-key',
    provider: 'PEM',
    description: 'private key',
    // RSA, EC, DSA, OpenSSH, PKCS#8 and encrypted PKCS#8. The body class admits the escapes and
    // quotes of keys pasted into code and the headers of encrypted PEM; it is bounded, and the
    // lazy quantifier stops at the first matching END line.
    pattern: /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?)PRIVATE KEY-----[A-Za-z0-9+/=\s\\"',:;.-]{40,16384}?-----END \1PRIVATE KEY-----/,
    keywords: ['-----begin '],
    prefilter: { anchored: true, vetoAt: blockVeto('-----BEGIN ', 'A-Za-z0-9+/=\\s\\\\"\',:;.-', 16384, pemFooter) },
    minEntropy: 4,
    envVar: 'PRIVATE_KEY',
    severity: 'error',
    confidence: 'high',
    maskPrefix: /^-----BEGIN [A-Z ]*PRIVATE KEY-----/,
    maskTail: false,
    examples: {
      positive: g => [
        `-----BEGIN RSA PRIVATE KEY-----\n${g.pemBody(8, '\n')}\n-----END RSA PRIVATE KEY-----\n`,
        `key = "-----BEGIN PRIVATE KEY-----\\n${g.pemBody(4, '\\n')}\\n-----END PRIVATE KEY-----\\n"`,
        `-----BEGIN OPENSSH PRIVATE KEY-----\r\n${g.pemBody(5, '\r\n')}\r\n-----END OPENSSH PRIVATE KEY-----`,
        `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,${g.hex(32).toUpperCase()}\n\n${g.pemBody(6, '\n')}\n-----END RSA PRIVATE KEY-----`,
      ],
      negative: () => [
        '-----BEGIN RSA PRIVATE KEY-----\n<paste your key here>\n-----END RSA PRIVATE KEY-----',
        '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----',
        'const header = "-----BEGIN PRIVATE KEY-----";',
      ],
    },
  },
  {
    id: 'pgp-private-key',
    provider: 'PGP',
    description: 'private key block',
    pattern: /-----BEGIN PGP PRIVATE KEY BLOCK-----[A-Za-z0-9+/=\s\\:.,()'"-]{64,65536}?-----END PGP PRIVATE KEY BLOCK-----/,
    keywords: ['-----begin pgp private key block-----'],
    prefilter: {
      anchored: true,
      vetoAt: blockVeto('-----BEGIN PGP PRIVATE KEY BLOCK-----', 'A-Za-z0-9+/=\\s\\\\:.,()\'"-', 65536, () => '-----END PGP PRIVATE KEY BLOCK-----'),
    },
    minEntropy: 4,
    envVar: 'PGP_PRIVATE_KEY',
    severity: 'error',
    confidence: 'high',
    maskPrefix: /^-----BEGIN PGP PRIVATE KEY BLOCK-----/,
    maskTail: false,
    examples: {
      positive: g => [`-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${g.pemBody(10, '\n')}\n=${g.base64(4)}\n-----END PGP PRIVATE KEY BLOCK-----`],
      negative: () => ['-----BEGIN PGP PUBLIC KEY BLOCK-----\nmQINBGB\n-----END PGP PUBLIC KEY BLOCK-----'],
    },
  },
  {
    id: 'putty-private-key',
    provider: 'PuTTY',
    description: 'private key',
    pattern:
      /PuTTY-User-Key-File-[23]: [\w-]{3,30}\r?\nEncryption: [\w-]{3,30}\r?\nComment: [^\r\n]{0,200}\r?\nPublic-Lines: \d{1,3}\r?\n[A-Za-z0-9+/=\r\n]{40,8192}?Private-Lines: \d{1,3}\r?\n[A-Za-z0-9+/=\r\n]{40,8192}?Private-MAC: [a-f0-9]{40,64}/,
    keywords: ['putty-user-key-file-'],
    prefilter: { anchored: true },
    minEntropy: 4,
    envVar: 'PUTTY_PRIVATE_KEY',
    severity: 'error',
    confidence: 'high',
    maskPrefix: /^PuTTY-User-Key-File-[23]: /,
    maskTail: false,
    examples: {
      positive: g => [
        `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy\nPublic-Lines: 2\n${g.pemBody(2, '\n')}\nPrivate-Lines: 1\n${g.base64(64)}\nPrivate-MAC: ${g.hex(64)}`,
      ],
      negative: () => ['PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none'],
    },
  },
];
