import type { Rule } from '../types';
import { contextRule, tokenRule } from './build';


/** OpenAI's newer keys: a kind, then two halves around "T3BlbkFJ" ("OpenAI" in base64). */
function openAiKind(id: string, kind: string, description: string): Rule {
  return tokenRule({
    id,
    provider: 'OpenAI',
    description,
    envVar: 'OPENAI_API_KEY',
    prefix: `sk-${kind}-`,
    body: '[\\w-]{58,74}T3BlbkFJ[\\w-]{58,74}',
    gen: g => `${g.base64url(74)}T3BlbkFJ${g.base64url(74)}`,
    minEntropy: 4,
  });
}

/** Keys for AI model APIs: the keys developers paste most often "just for a minute". */
export const aiProviderRules: Rule[] = [
  tokenRule({
    id: 'anthropic-api-key',
    provider: 'Anthropic',
    description: 'API key',
    envVar: 'ANTHROPIC_API_KEY',
    prefix: 'sk-ant-api03-',
    body: '[\\w-]{93}AA',
    gen: g => `${g.base64url(93)}AA`,
    minEntropy: 4,
    extraNegative: g => [`const apiKey = 'sk-ant-api03-your-key-here';`, `truncated: sk-ant-api03-${g.base64url(40)}`],
  }),
  tokenRule({
    id: 'anthropic-admin-key',
    provider: 'Anthropic',
    description: 'Admin API key',
    envVar: 'ANTHROPIC_ADMIN_KEY',
    prefix: 'sk-ant-admin01-',
    body: '[\\w-]{93}AA',
    gen: g => `${g.base64url(93)}AA`,
    minEntropy: 4,
  }),
  tokenRule({
    id: 'openai-api-key',
    provider: 'OpenAI',
    description: 'API key',
    envVar: 'OPENAI_API_KEY',
    prefix: 'sk-',
    // Legacy user keys, and project keys.
    body: '[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|proj-[\\w-]{58,74}T3BlbkFJ[\\w-]{58,74}',
    gen: g => (g.hex(1) < '8' ? `${g.alnum(20)}T3BlbkFJ${g.alnum(20)}` : `proj-${g.base64url(74)}T3BlbkFJ${g.base64url(74)}`),
    minEntropy: 3.5,
    extraNegative: g => [`const key = "sk-${g.alnum(20)}";`, `openai_api_key = os.environ["OPENAI_API_KEY"]`],
  }),
  openAiKind('openai-service-account-key', 'svcacct', 'service account key'),
  openAiKind('openai-admin-key', 'admin', 'Admin API key'),
  tokenRule({
    id: 'google-api-key',
    provider: 'Google',
    description: 'API key (Gemini, Maps, Cloud)',
    envVar: 'GOOGLE_API_KEY',
    prefix: 'AIza',
    body: '[\\w-]{35}',
    gen: g => g.base64url(35),
    // A Firebase web config's key identifies the project to browsers; it is not a credential.
    refine: ({ text, start }) => {
      const around = text.slice(Math.max(0, start - 400), start + 400);
      return /authDomain|firebaseapp\.com|messagingSenderId|firebaseConfig/.test(around)
        ? {
            severity: 'info',
            confidence: 'low',
            note: 'It sits in a Firebase web config, where the key is public by design; restrict it to your app in the Google Cloud console.',
          }
        : {};
    },
  }),
  tokenRule({ id: 'groq-api-key', provider: 'Groq', description: 'API key', envVar: 'GROQ_API_KEY', prefix: 'gsk_', body: '[A-Za-z0-9]{52}', gen: g => g.alnum(52) }),
  tokenRule({ id: 'xai-api-key', provider: 'xAI', description: 'API key', envVar: 'XAI_API_KEY', prefix: 'xai-', body: '[A-Za-z0-9]{80}', gen: g => g.alnum(80) }),
  tokenRule({ id: 'replicate-api-token', provider: 'Replicate', description: 'API token', envVar: 'REPLICATE_API_TOKEN', prefix: 'r8_', body: '[A-Za-z0-9]{37}', gen: g => g.alnum(37) }),
  tokenRule({
    id: 'huggingface-token',
    provider: 'Hugging Face',
    description: 'access token',
    envVar: 'HF_TOKEN',
    prefix: 'hf_',
    body: '[A-Za-z]{34}',
    gen: g => g.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34),
  }),
  tokenRule({
    id: 'huggingface-org-token',
    provider: 'Hugging Face',
    description: 'organization API token',
    envVar: 'HF_ORG_TOKEN',
    prefix: 'api_org_',
    body: '[A-Za-z]{34}',
    gen: g => g.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34),
  }),
  tokenRule({ id: 'perplexity-api-key', provider: 'Perplexity', description: 'API key', envVar: 'PERPLEXITY_API_KEY', prefix: 'pplx-', body: '[A-Za-z0-9]{48}', gen: g => g.alnum(48) }),
  tokenRule({ id: 'openrouter-api-key', provider: 'OpenRouter', description: 'API key', envVar: 'OPENROUTER_API_KEY', prefix: 'sk-or-v1-', body: '[a-f0-9]{64}', gen: g => g.hex(64) }),
  tokenRule({
    id: 'langsmith-api-key',
    provider: 'LangSmith',
    description: 'API key',
    envVar: 'LANGSMITH_API_KEY',
    prefix: 'lsv2_',
    body: '(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}',
    gen: g => `pt_${g.hex(32)}_${g.hex(10)}`,
  }),
  tokenRule({ id: 'langfuse-secret-key', provider: 'Langfuse', description: 'secret key', envVar: 'LANGFUSE_SECRET_KEY', prefix: 'sk-lf-', body: '[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}', gen: g => g.uuid() }),
  tokenRule({ id: 'nvidia-api-key', provider: 'NVIDIA', description: 'API key', envVar: 'NVIDIA_API_KEY', prefix: 'nvapi-', body: '[\\w-]{64}', gen: g => g.base64url(64) }),
  {
    id: 'deepl-api-key',
    provider: 'DeepL',
    description: 'API key',
    // A UUID ending in ":fx"; anchored on ":fx", the UUID captured behind it.
    pattern: /(?<=(?<![\w-])([a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12})):fx(?![\w-])/,
    keywords: [':fx'],
    prefilter: { anchored: true },
    minEntropy: 3,
    envVar: 'DEEPL_API_KEY',
    severity: 'error',
    confidence: 'high',
    examples: {
      positive: g => [`DEEPL_API_KEY=${g.uuid()}:fx`, `translator = deepl.Translator("${g.uuid()}:fx")`],
      negative: g => [`id = "${g.uuid()}"`, 'ratio = 3:fx'],
    },
  },
  contextRule({ id: 'mistral-api-key', provider: 'Mistral', description: 'API key', envVar: 'MISTRAL_API_KEY', context: ['mistral'], value: '[A-Za-z0-9]{32}', gen: g => g.alnum(32) }),
  contextRule({ id: 'cohere-api-key', provider: 'Cohere', description: 'API key', envVar: 'COHERE_API_KEY', context: ['cohere', 'co_api_key'], value: '[A-Za-z0-9]{40}', gen: g => g.alnum(40) }),
  contextRule({ id: 'deepseek-api-key', provider: 'DeepSeek', description: 'API key', envVar: 'DEEPSEEK_API_KEY', context: ['deepseek'], value: 'sk-[a-f0-9]{32}', gen: g => `sk-${g.hex(32)}` }),
  contextRule({
    id: 'together-api-key',
    provider: 'Together AI',
    description: 'API key',
    envVar: 'TOGETHER_API_KEY',
    context: ['together'],
    value: '[a-f0-9]{64}|tgp_v1_[\\w-]{30,64}',
    gen: g => g.hex(64),
  }),
  contextRule({
    id: 'fireworks-api-key',
    provider: 'Fireworks AI',
    description: 'API key',
    envVar: 'FIREWORKS_API_KEY',
    context: ['fireworks'],
    value: '(?:fw_)?[A-Za-z0-9]{24,48}',
    gen: g => `fw_${g.alnum(24)}`,
  }),
  contextRule({
    id: 'elevenlabs-api-key',
    provider: 'ElevenLabs',
    description: 'API key',
    envVar: 'ELEVENLABS_API_KEY',
    context: ['elevenlabs', 'xi-api-key', 'xi_api_key'],
    value: '(?:sk_)?[a-f0-9]{32,48}',
    gen: g => `sk_${g.hex(48)}`,
  }),
  contextRule({
    id: 'azure-openai-api-key',
    provider: 'Azure OpenAI',
    description: 'API key',
    envVar: 'AZURE_OPENAI_API_KEY',
    context: ['azure_openai', 'azure-openai', 'azureopenai'],
    value: '[a-f0-9]{32}|[A-Za-z0-9]{84}',
    gen: g => g.hex(32),
  }),
  contextRule({ id: 'stability-api-key', provider: 'Stability AI', description: 'API key', envVar: 'STABILITY_API_KEY', context: ['stability'], value: 'sk-[A-Za-z0-9]{48}', gen: g => `sk-${g.alnum(48)}` }),
  contextRule({ id: 'assemblyai-api-key', provider: 'AssemblyAI', description: 'API key', envVar: 'ASSEMBLYAI_API_KEY', context: ['assemblyai', 'assembly_ai'], value: '[a-f0-9]{32}', gen: g => g.hex(32) }),
  contextRule({
    id: 'pinecone-api-key',
    provider: 'Pinecone',
    description: 'API key',
    envVar: 'PINECONE_API_KEY',
    context: ['pinecone'],
    value: 'pcsk_[A-Za-z0-9_]{40,100}|[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}',
    gen: g => `pcsk_${g.alnum(6)}_${g.alnum(60)}`,
  }),
  contextRule({ id: 'voyage-api-key', provider: 'Voyage AI', description: 'API key', envVar: 'VOYAGE_API_KEY', context: ['voyage'], value: 'pa-[\\w-]{30,60}', gen: g => `pa-${g.base64url(43)}` }),
  contextRule({ id: 'wandb-api-key', provider: 'Weights & Biases', description: 'API key', envVar: 'WANDB_API_KEY', context: ['wandb'], value: '[a-f0-9]{40}', gen: g => g.hex(40) }),
];
