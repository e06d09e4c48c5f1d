import type { Rule } from '../types';
import { aiProviderRules } from './ai-providers';
import { cloudRules } from './cloud';
import { codeHostingRules } from './code-hosting';
import { connectionStringRules } from './connection-strings';
import { devtoolsRules } from './devtools';
import { genericRules } from './generic';
import { infrastructureRules } from './infrastructure';
import { keyedProviderRules } from './keyed';
import { packagesAndDevopsRules } from './packages-and-devops';
import { passwordHashRules } from './password-hashes';
import { privateKeyRules } from './private-keys';
import { saasRules } from './saas';
import { servicesRules } from './services';
import { structureRules } from './structures';
import { tokenRules } from './tokens';

/**
 * Every built-in rule. Order is priority where two rules claim the same text: provider formats
 * first (a GCP service account key before the plain PEM rule), then tokens by shape, connection
 * strings, and the generic rules last.
 */
export const BUILTIN_RULES: readonly Rule[] = [
  ...aiProviderRules,
  ...cloudRules,
  ...codeHostingRules,
  ...packagesAndDevopsRules,
  ...saasRules,
  ...devtoolsRules,
  ...servicesRules,
  ...infrastructureRules,
  ...keyedProviderRules,
  ...privateKeyRules,
  ...structureRules,
  ...passwordHashRules,
  ...tokenRules,
  ...connectionStringRules,
  ...genericRules,
];
