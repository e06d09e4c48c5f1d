import type { Rule } from '../../types';
import { tokenRule } from '../build';
import { type KeyedRow, keyedRules } from './keyed';

/**
 * AI and agent platforms beyond the big model providers (src/core/rules/ai-providers.ts): model
 * hosts, search for agents, sandboxes, observability. Prefixed tokens first, then keys that are
 * known by the name they are assigned to.
 */
const prefixed = (id: string, provider: string, description: string, envVar: string, prefix: string, body: string, chars: string, n: number): Rule =>
  tokenRule({ id, provider, description, envVar, prefix, body, gen: g => g.chars(chars, n) });

const HEX = '0123456789abcdef';
const LOWALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const PREFIXED: readonly Rule[] = [
  prefixed('e2b-api-key', 'E2B', 'API key', 'E2B_API_KEY', 'e2b_', '[a-f0-9]{40}', HEX, 40),
  prefixed('cerebras-api-key', 'Cerebras', 'API key', 'CEREBRAS_API_KEY', 'csk-', '[a-z0-9]{48}', LOWALNUM, 48),
  prefixed('render-api-key', 'Render', 'API key', 'RENDER_API_KEY', 'rnd_', '[A-Za-z0-9]{32}', ALNUM, 32),
  prefixed('neon-api-key', 'Neon', 'API key', 'NEON_API_KEY', 'napi_', '[a-z0-9]{64}', LOWALNUM, 64),
  prefixed('promptlayer-api-key', 'PromptLayer', 'API key', 'PROMPTLAYER_API_KEY', 'pl_', '[a-f0-9]{32}', HEX, 32),
  prefixed('llamacloud-api-key', 'LlamaIndex', 'LlamaCloud API key', 'LLAMA_CLOUD_API_KEY', 'llx-', '[A-Za-z0-9]{48}', ALNUM, 48),
  prefixed('daytona-api-key', 'Daytona', 'API key', 'DAYTONA_API_KEY', 'dtn_', '[a-f0-9]{64}', HEX, 64),
  prefixed('mem0-api-key', 'Mem0', 'API key', 'MEM0_API_KEY', 'm0-', '[A-Za-z0-9]{40}', ALNUM, 40),
  prefixed('modal-token-secret', 'Modal', 'token secret', 'MODAL_TOKEN_SECRET', 'as-', '[A-Za-z0-9]{22}', ALNUM, 22),
  prefixed('settlemint-personal-access-token', 'SettleMint', 'personal access token', 'SETTLEMINT_ACCESS_TOKEN', 'sm_pat_', '[A-Za-z0-9]{16}', ALNUM, 16),
  prefixed(
    'settlemint-application-access-token',
    'SettleMint',
    'application access token',
    'SETTLEMINT_APPLICATION_TOKEN',
    'sm_aat_',
    '[A-Za-z0-9]{16}',
    ALNUM,
    16,
  ),
  prefixed('settlemint-service-access-token', 'SettleMint', 'service access token', 'SETTLEMINT_SERVICE_TOKEN', 'sm_sat_', '[A-Za-z0-9]{16}', ALNUM, 16),
];

// [provider, context words, value shape, env var, what it is]
const ROWS: readonly KeyedRow[] = [
  ['Serper', 'serper', 'hex:40', 'SERPER_API_KEY'],
  ['SerpApi', 'serpapi', 'hex:64', 'SERPAPI_API_KEY'],
  ['Exa', 'exa_api|exaai|exa_key', 'uuid', 'EXA_API_KEY'],
  ['Clarifai', 'clarifai', 'hex:32', 'CLARIFAI_PAT', 'personal access token'],
  ['Alibaba Cloud Model Studio', 'dashscope', 'sk-{hex:32}', 'DASHSCOPE_API_KEY'],
  ['Moonshot AI', 'moonshot|kimi_api', 'sk-{alnum:48}', 'MOONSHOT_API_KEY'],
  ['Zhipu AI', 'zhipu|bigmodel', '{hex:32}.{alnum:16}', 'ZHIPUAI_API_KEY'],
  ['AI21 Labs', 'ai21', 'alnum:32', 'AI21_API_KEY'],
  ['Leonardo.Ai', 'leonardo', 'uuid', 'LEONARDO_API_KEY'],
  ['Gladia', 'gladia', 'uuid', 'GLADIA_API_KEY'],
  ['Speechmatics', 'speechmatics', 'alnum:32', 'SPEECHMATICS_API_KEY'],
  ['SambaNova', 'sambanova', 'uuid', 'SAMBANOVA_API_KEY'],
  ['Baseten', 'baseten', '{alnum:8}.{alnum:32}', 'BASETEN_API_KEY'],
  ['fal', 'fal_key|falai|fal_api', '{hex:8}-{hex:4}-{hex:4}-{hex:4}-{hex:12}:{hex:32}', 'FAL_KEY'],
  ['AgentOps', 'agentops', 'uuid', 'AGENTOPS_API_KEY'],
  ['Vapi', 'vapi_api|vapi_key|vapi_private|vapiai', 'uuid', 'VAPI_API_KEY'],
  ['PlayHT', 'playht|play_ht', 'hex:32 | alnum:32', 'PLAYHT_API_KEY'],
  ['Braintrust', 'braintrust', 'sk-{alnum:48}', 'BRAINTRUST_API_KEY'],
  ['RunPod', 'runpod', 'rpa_{alnum:40-50} | upalnum:32', 'RUNPOD_API_KEY'],
];

export const aiTailRules: readonly Rule[] = [...PREFIXED, ...keyedRules(ROWS)];
