import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_RULES } from '../../src/core';
import { renderRuleDocs } from '../../src/core/rule-docs';
import { documentedExamples } from '../formats/table';
import { REPO_ROOT } from '../helpers/repo';

describe('rule documentation', () => {
  it('docs/rules.md is what the rules generate (run npm run docs after changing a rule)', () => {
    assert.equal(readFileSync(join(REPO_ROOT, 'docs/rules.md'), 'utf8'), renderRuleDocs(BUILTIN_RULES, documentedExamples()));
  });

  it('has a section whose anchor is each rule id, the target of the diagnostic links', () => {
    const markdown = renderRuleDocs(BUILTIN_RULES);
    for (const rule of BUILTIN_RULES) {
      assert.ok(markdown.includes(`\n## ${rule.id}\n`), rule.id);
    }
  });

  it('shows each rule with a literal example in its documented format', () => {
    const markdown = renderRuleDocs(BUILTIN_RULES, documentedExamples());
    for (const rule of BUILTIN_RULES) {
      const section = markdown.slice(markdown.indexOf(`\n## ${rule.id}\n`)).split('\n## ')[1];
      assert.match(section, /- Example, fake, in \[the documented format\]\(https:\/\/[^)]+\)/, rule.id);
    }
  });
});
