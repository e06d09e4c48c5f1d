import type { Rule } from '../../types';
import { contextRule } from '../build';
import { lowEntropyShape, shapeGen, shapeSource } from './shape';

/**
 * One provider whose key has no prefix of its own: found where a name holding one of the context
 * words is assigned a value of the shape (`IPSTACK_API_KEY=…`, `"ipstack": { "key": "…" }`).
 * Context words are lowercase and distinctive: a word that is also common English or code
 * (`front`, `float`, `shortcut`) would put the provider's name on other values.
 */
export type KeyedRow = readonly [provider: string, context: string, shape: string, envVar: string, description?: string];

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Rules from rows: the id is the first context word and the description (`ipstack-api-key`). */
export function keyedRules(rows: readonly KeyedRow[]): Rule[] {
  return rows.map(([provider, context, shape, envVar, description = 'API key']) => {
    const words = context.split('|');
    return contextRule({
      id: `${slug(words[0].replace(/_(?:client_secret|api_secret|app_secret|secret|api|key)$/, ''))}-${slug(description)}`,
      provider,
      description,
      envVar,
      context: words,
      value: () => shapeSource(shape),
      gen: g => shapeGen(shape, g),
      // Hex and short values fall under 3 bits a character by chance (a random 20-digit hex value 3%
      // of the time): the provider's name and the exact shape carry the rule there.
      ...(lowEntropyShape(shape) ? { minEntropy: 2.5 } : {}),
    });
  });
}
