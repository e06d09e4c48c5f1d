import { base62, crc32, hasBase62Crc32 } from '../checksum';
import type { Rule } from '../types';

/** Code hosting and package registry tokens. */
export const codeHostingRules: Rule[] = [
  {
    id: 'github-classic-token',
    provider: 'GitHub',
    description: 'token',
    // Personal (ghp_), OAuth (gho_), user-to-server (ghu_), server-to-server (ghs_), refresh (ghr_).
    pattern: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/,
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    minEntropy: 3.5,
    validate: token => hasBase62Crc32(token, 4),
    envVar: 'GITHUB_TOKEN',
    severity: 'error',
    maskPrefix: /^gh[pousr]_/,
    examples: {
      positive: g => {
        const body = g.alnum(30);
        return [`GITHUB_TOKEN=ghp_${body}${base62(crc32(body), 6)}`];
      },
      // Built at run time: a placeholder token spelled out trips other scanners (vsce's among them).
      negative: () => [`token: ghp_${'x'.repeat(36)}`, 'see ghp_ for personal tokens'],
    },
  },
];
