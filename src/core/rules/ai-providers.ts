import type { Rule } from '../types';

/** Keys for AI model APIs: the keys developers paste most often "just for a minute". */
export const aiProviderRules: Rule[] = [
  {
    id: 'anthropic-api-key',
    provider: 'Anthropic',
    description: 'API key',
    pattern: /(?<![\w-])sk-ant-api03-[\w-]{93}AA(?![\w-])/,
    keywords: ['sk-ant-api03-'],
    minEntropy: 4,
    envVar: 'ANTHROPIC_API_KEY',
    severity: 'error',
    maskPrefix: /^sk-ant-api03-/,
    examples: {
      positive: g => [
        `const apiKey = 'sk-ant-api03-${g.base64url(93)}AA';`,
        `ANTHROPIC_API_KEY=sk-ant-api03-${g.base64url(93)}AA`,
      ],
      negative: g => [
        `const apiKey = 'sk-ant-api03-your-key-here';`,
        `truncated: sk-ant-api03-${g.base64url(40)}`,
      ],
    },
  },
  {
    id: 'openai-api-key',
    provider: 'OpenAI',
    description: 'API key',
    // Legacy user keys and project keys both carry "T3BlbkFJ" ("OpenAI" in base64) in the middle.
    pattern:
      /(?<![\w-])sk-(?:(?:proj|svcacct|admin)-[\w-]{58,74}T3BlbkFJ[\w-]{58,74}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})(?![\w-])/,
    keywords: ['t3blbkfj'],
    minEntropy: 3.5,
    envVar: 'OPENAI_API_KEY',
    severity: 'error',
    maskPrefix: /^sk-(?:proj-|svcacct-|admin-)?/,
    examples: {
      positive: g => [
        `client = OpenAI(api_key="sk-${g.alnum(20)}T3BlbkFJ${g.alnum(20)}")`,
        `OPENAI_API_KEY: sk-proj-${g.base64url(74)}T3BlbkFJ${g.base64url(74)}`,
      ],
      negative: g => [
        `const key = "sk-${g.alnum(20)}";`,
        `openai_api_key = os.environ["OPENAI_API_KEY"]`,
      ],
    },
  },
];
