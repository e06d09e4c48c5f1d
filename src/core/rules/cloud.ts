import type { Rule } from '../types';

/** Cloud provider credentials. */
export const cloudRules: Rule[] = [
  {
    id: 'aws-access-key-id',
    provider: 'AWS',
    description: 'access key ID',
    pattern: /(?<![A-Z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])/,
    keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'],
    minEntropy: 3,
    // AWS's documentation uses AKIAIOSFODNN7EXAMPLE; such keys are examples, not secrets.
    allowlist: [/EXAMPLE$/],
    envVar: 'AWS_ACCESS_KEY_ID',
    severity: 'error',
    maskPrefix: /^[A-Z0-9]{4}/,
    examples: {
      positive: g => [
        `aws_access_key_id = AKIA${g.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
        `"accessKeyId": "ASIA${g.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}"`,
      ],
      negative: () => [
        'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
        'const region = "ASIA_PACIFIC";',
        'AKIAAAAAAAAAAAAAAAAA',
      ],
    },
  },
];
