import { BUILTIN_RULES, createScanner, type ProjectConfig, type Scanner } from '../../core';
import { writeUtf16 } from './utf16';

/**
 * The scanner a project's config asks for: its own rules first (a team's format wins where it
 * overlaps a built-in one), then the built-in rules minus the disabled ones.
 */
export function scannerFor(config: ProjectConfig): Scanner {
  const disabled = new Set(config.disabledRules);
  const rules = [...config.rules, ...BUILTIN_RULES].filter(r => !disabled.has(r.id));
  return createScanner(rules, { allowlistValues: config.allowlistValues, writeUtf16, ...ruleBudget() });
}

/** SECRET_SAFE_RULE_BUDGET_MS: the time a config rule may take on one file (default 250 ms). */
function ruleBudget(): { ruleBudgetMs?: number } {
  const value = Number(process.env.SECRET_SAFE_RULE_BUDGET_MS);
  return process.env.SECRET_SAFE_RULE_BUDGET_MS !== undefined && Number.isFinite(value) && value >= 0 ? { ruleBudgetMs: value } : {};
}
