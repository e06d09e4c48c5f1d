import type { Finding } from '../core';
import type { RuleCustomization } from '../shared/settings';

const patterns = new Map<string, RegExp>();

/** Whether `rule` (`generic-*`, `!generic-*`, `anthropic-api-key`) names the rule id. */
function names(rule: string, id: string): boolean {
  const negated = rule.startsWith('!');
  const body = negated ? rule.slice(1) : rule;
  let re = patterns.get(body);
  if (!re) {
    re = new RegExp(`^${body.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    patterns.set(body, re);
  }
  return re.test(id) !== negated;
}

/**
 * The findings with `secretSafe.rules.customizations` applied, as eslint applies its own: the last
 * entry that names a rule decides; `off` drops its findings, `default` keeps the rule's severity.
 * The CLI and `.secret-safe.json` are not affected: this is how one editor shows them.
 */
export function customizeRules<T extends Finding>(findings: T[], customizations: readonly RuleCustomization[]): T[] {
  if (customizations.length === 0) return findings;
  const out: T[] = [];
  for (const f of findings) {
    let severity: RuleCustomization['severity'] = 'default';
    for (const c of customizations) if (names(c.rule, f.ruleId)) severity = c.severity;
    if (severity === 'off') continue;
    out.push(severity === 'default' ? f : { ...f, severity });
  }
  return out;
}
