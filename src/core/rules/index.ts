import type { Rule } from '../types';
import { aiProviderRules } from './ai-providers';
import { cloudRules } from './cloud';
import { codeHostingRules } from './code-hosting';
import { privateKeyRules } from './private-keys';

/** Every built-in rule, in the order their findings are preferred when two overlap. */
export const BUILTIN_RULES: readonly Rule[] = [
  ...aiProviderRules,
  ...cloudRules,
  ...codeHostingRules,
  ...privateKeyRules,
];
