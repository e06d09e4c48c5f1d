import type { Rule } from '../../types';
import { aiTailRules } from './ai-tail';
import { businessRules } from './business';
import { dataApiRules } from './data-apis';
import { platformRules } from './platforms';
import { prefixedRules } from './prefixed';
import { webToolRules } from './web-tools';
import { workToolRules } from './work-tools';

/**
 * The long tail: providers whose key is a bare value recognised by the provider's name where it
 * is assigned, written as one table row each, and a few with prefixes of their own.
 */
export const keyedProviderRules: readonly Rule[] = [
  ...prefixedRules,
  ...aiTailRules,
  ...dataApiRules,
  ...webToolRules,
  ...businessRules,
  ...workToolRules,
  ...platformRules,
];
