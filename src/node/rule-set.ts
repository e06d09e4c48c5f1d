import { BUILTIN_RULES, createScanner, type ProjectConfig, type Scanner } from '../core';

/** The scanner a project's config asks for: the built-in rules minus the disabled ones. */
export function scannerFor(config: ProjectConfig): Scanner {
  const disabled = new Set(config.disabledRules);
  return createScanner(BUILTIN_RULES.filter(r => !disabled.has(r.id)));
}
