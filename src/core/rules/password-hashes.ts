import type { KeyGen, Rule } from '../types';

/**
 * Password hashes: not the password, but a committed hash can be cracked offline at leisure, and
 * a Kerberos roast is made to be. Warnings with their own note: change the password the hash
 * protects, and keep the hash out of the repository.
 */
const NOTE = 'A password hash can be cracked offline: change the password it protects and keep the hash out of the repository.';
const CRYPT = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const c = (g: KeyGen, n: number): string => g.chars(CRYPT, n);

interface HashSpec {
  id: string;
  provider: string;
  description?: string;
  pattern: RegExp;
  keywords: string[];
  gen: (g: KeyGen) => string;
  /** The hash's scheme, shown unmasked (`$2b$12$`). */
  maskPrefix: RegExp;
}

function hashRule(spec: HashSpec): Rule {
  return {
    id: spec.id,
    provider: spec.provider,
    description: spec.description ?? 'password hash',
    pattern: spec.pattern,
    keywords: spec.keywords,
    prefilter: { anchored: true },
    minEntropy: 3.5,
    refine: () => ({ note: NOTE }),
    envVar: 'PASSWORD_HASH',
    severity: 'warning',
    confidence: 'high',
    maskPrefix: spec.maskPrefix,
    examples: {
      positive: g => [`admin:${spec.gen(g)}:19000:0:99999:7:::`, `  password_hash: "${spec.gen(g)}"`],
      negative: g => [spec.gen(g).slice(0, 12), `${spec.gen(g).slice(0, 12)}${'x'.repeat(40)}`],
    },
  };
}

const END = '(?![./A-Za-z0-9])';

export const passwordHashRules: Rule[] = [
  hashRule({
    id: 'bcrypt-hash',
    provider: 'bcrypt',
    pattern: new RegExp(`(?<![\\w$])\\$2[abxy]\\$\\d{2}\\$[./A-Za-z0-9]{53}${END}`),
    keywords: ['$2a$', '$2b$', '$2x$', '$2y$'],
    gen: g => `$2b$12$${c(g, 53)}`,
    maskPrefix: /^\$2[abxy]\$\d{2}\$/,
  }),
  hashRule({
    id: 'md5-crypt-hash',
    provider: 'MD5-crypt',
    description: 'password hash (also Cisco type 5)',
    pattern: new RegExp(`(?<![\\w$])\\$1\\$[./A-Za-z0-9]{1,8}\\$[./A-Za-z0-9]{22}${END}`),
    keywords: ['$1$'],
    gen: g => `$1$${c(g, 8)}$${c(g, 22)}`,
    maskPrefix: /^\$1\$/,
  }),
  hashRule({
    id: 'sha256-crypt-hash',
    provider: 'SHA-256-crypt',
    pattern: new RegExp(`(?<![\\w$])\\$5\\$(?:rounds=\\d{1,9}\\$)?[./A-Za-z0-9]{1,16}\\$[./A-Za-z0-9]{43}${END}`),
    keywords: ['$5$'],
    gen: g => `$5$${c(g, 16)}$${c(g, 43)}`,
    maskPrefix: /^\$5\$(?:rounds=\d+\$)?/,
  }),
  hashRule({
    id: 'sha512-crypt-hash',
    provider: 'SHA-512-crypt',
    pattern: new RegExp(`(?<![\\w$])\\$6\\$(?:rounds=\\d{1,9}\\$)?[./A-Za-z0-9]{1,16}\\$[./A-Za-z0-9]{86}${END}`),
    keywords: ['$6$'],
    gen: g => `$6$${c(g, 16)}$${c(g, 86)}`,
    maskPrefix: /^\$6\$(?:rounds=\d+\$)?/,
  }),
  hashRule({
    id: 'yescrypt-hash',
    provider: 'yescrypt',
    pattern: new RegExp(`(?<![\\w$])\\$y\\$[./A-Za-z0-9]{1,8}\\$[./A-Za-z0-9]{1,86}\\$[./A-Za-z0-9]{43}${END}`),
    keywords: ['$y$'],
    gen: g => `$y$j9T$${c(g, 22)}$${c(g, 43)}`,
    maskPrefix: /^\$y\$[./A-Za-z0-9]{1,8}\$/,
  }),
  hashRule({
    id: 'cisco-type8-hash',
    provider: 'Cisco',
    description: 'type 8 or 9 password hash',
    pattern: new RegExp(`(?<![\\w$])\\$[89]\\$[./A-Za-z0-9]{14}\\$[./A-Za-z0-9]{43}${END}`),
    keywords: ['$8$', '$9$'],
    gen: g => `$9$${c(g, 14)}$${c(g, 43)}`,
    maskPrefix: /^\$[89]\$/,
  }),
  hashRule({
    id: 'argon2-hash',
    provider: 'Argon2',
    pattern: /(?<![\w$])\$argon2(?:id|i|d)\$v=\d{1,3}\$m=\d{1,10},t=\d{1,5},p=\d{1,4}\$[A-Za-z0-9+/]{11,64}\$[A-Za-z0-9+/]{16,128}(?![A-Za-z0-9+/])/,
    keywords: ['$argon2'],
    gen: g => `$argon2id$v=19$m=65536,t=3,p=4$${g.base64(22).replace(/=/g, '')}$${g.base64(43).replace(/=/g, '')}`,
    maskPrefix: /^\$argon2(?:id|i|d)\$v=\d+\$m=\d+,t=\d+,p=\d+\$/,
  }),
  hashRule({
    id: 'kerberos-roast-hash',
    provider: 'Kerberos',
    description: 'AS-REP or TGS-REP roast hash',
    pattern:
      /(?<![\w$])\$krb5(?:asrep\$(?:17|18|23)\$[^\s:$]{1,200}:[a-f0-9]{24,32}|tgs\$(?:17|18|23)\$\*[^\s*]{1,300}\*\$[a-f0-9]{24,32})\$[a-f0-9]{64,8000}(?![a-f0-9])/,
    keywords: ['$krb5asrep$', '$krb5tgs$'],
    gen: g => `$krb5asrep$23$svc_sql@CORP.ACME.LOCAL:${g.hex(32)}$${g.hex(240)}`,
    maskPrefix: /^\$krb5(?:asrep|tgs)\$\d+\$/,
  }),
];
