/** Where each rule is documented: `docs/rules.md` in the repository, one heading per rule id. */
export const DOCS_BASE_URL = 'https://github.com/secret-safe/secret-safe/blob/main/docs/rules.md';

/** The documentation link for a rule: the diagnostic's `codeDescription.href` and SARIF's `helpUri`. */
export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}#${ruleId}`;
}
