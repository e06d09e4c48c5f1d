import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/repo';

/** Runs vscode-tmgrammar-test (vscode-textmate and Oniguruma, as VS Code tokenizes) over test/grammar. */
function grammarTest(grammar: string, cases: string): { status: number | null; output: string } {
  const tool = require.resolve('vscode-tmgrammar-test/dist/unit.js');
  const r = spawnSync(process.execPath, [tool, '--compact', '-g', grammar, cases], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('the dotenv grammar', () => {
  it('scopes keys, values, quotes, escapes, interpolation, comments and skipped lines as dotenv reads them', () => {
    const r = grammarTest('syntaxes/dotenv.tmLanguage.json', 'test/grammar/*.dotenv-test');
    assert.equal(r.status, 0, r.output);
    assert.match(r.output, /lines\.dotenv-test/);
    assert.match(r.output, /quotes\.dotenv-test/);
  });

  it('is contributed for the dotenv language, which covers .env, .env.* and *.env', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    const language = manifest.contributes.languages.find((l: { id: string }) => l.id === 'dotenv');
    assert.deepEqual([language.filenames, language.filenamePatterns], [['.env'], ['.env.*', '*.env']]);
    const grammar = manifest.contributes.grammars.find((g: { language: string }) => g.language === 'dotenv');
    assert.equal(grammar.scopeName, JSON.parse(readFileSync(join(REPO_ROOT, grammar.path), 'utf8')).scopeName);
  });
});
