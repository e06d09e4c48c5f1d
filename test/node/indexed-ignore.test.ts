import * as assert from 'node:assert/strict';
import ignore from 'ignore';
import { IndexedIgnore } from '../../src/node/git/indexed-ignore';
import { CASES } from './ignore-agreement.test';

// Issue 17, item 3: a large ignore file is tested through an index of its rules. The answers
// must be the `ignore` library's own (which the agreement suite holds to git's) on every path.
const PATTERNS = [
  '.env',
  '.env*',
  '!.env.example',
  '*.log',
  '!important.log',
  'build/',
  '/dist',
  'docs/**/*.pdf',
  '**/secrets',
  'a/**/b',
  'config/*.key',
  '[Dd]ebug/',
  'foo\\#bar',
  '\\!literal',
  'trailing   ',
  'node_modules',
  '?.tmp',
  'cache/**',
  '!cache/keep/',
  'x',
  '*.pem',
  '!public.pem',
  'deep/nested/path/file.txt',
  '#comment',
  '',
];
const PATHS = [
  '.env',
  '.env.local',
  '.env.example',
  'app/.env',
  'server.log',
  'important.log',
  'logs/important.log',
  'build/',
  'build/out.js',
  'src/build/x.js',
  'dist',
  'dist/',
  'src/dist',
  'docs/a/b/c.pdf',
  'docs/c.pdf',
  'secrets',
  'x/secrets/',
  'a/b',
  'a/x/y/b',
  'config/id.key',
  'config/sub/id.key',
  'Debug/',
  'debug/',
  'foo#bar',
  '!literal',
  'trailing',
  'node_modules/',
  'pkg/node_modules/x.js',
  'a.tmp',
  'ab.tmp',
  'cache/x',
  'cache/keep/',
  'cache/keep/y',
  'x',
  'y/x',
  'key.pem',
  'public.pem',
  'deep/nested/path/file.txt',
  'DEEP/nested/path/file.txt',
];

describe('a large ignore file through an index of its rules', () => {
  for (const ignorecase of [false, true]) {
    it(`answers as the ignore library does, rule by rule, ${ignorecase ? 'ignoring' : 'minding'} case`, () => {
      // Each pattern alone, then all of them, then in reverse order (the last match wins).
      const sets = [...PATTERNS.map(p => [p]), PATTERNS, [...PATTERNS].reverse()];
      for (const set of sets) {
        const text = set.join('\n');
        const indexed = new IndexedIgnore(text, ignorecase);
        const reference = ignore({ ignorecase }).add(text);
        for (const path of PATHS) {
          const { ignored, unignored } = reference.test(path);
          assert.deepEqual(indexed.test(path), { ignored, unignored }, `${JSON.stringify(set.length === 1 ? set[0] : `${set.length} rules`)} on ${path}`);
        }
      }
    });
  }

  it("answers as the ignore library does on the agreement suite's repositories", () => {
    for (const c of CASES) {
      for (const [file, text] of Object.entries(c.files)) {
        if (!file.endsWith('.gitignore')) continue;
        const indexed = new IndexedIgnore(text, false);
        const reference = ignore({ ignorecase: false }).add(text);
        for (const path of [...c.ignored, ...c.kept]) {
          const { ignored, unignored } = reference.test(path);
          assert.deepEqual(indexed.test(path), { ignored, unignored }, `${c.name}: ${path}`);
        }
      }
    }
  });

  it('still finds the one rule among 100,000 that applies, and the last one of two', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => (i % 2 === 0 ? `build-${i}/` : `*.tmp${i}`));
    lines.push('secret.key', '!secret.key', 'secret.key');
    const indexed = new IndexedIgnore(lines.join('\n'), false);
    assert.equal(indexed.test('build-500/').ignored, true);
    assert.equal(indexed.test('build-501/').ignored, false);
    assert.equal(indexed.test('x.tmp99').ignored, true);
    assert.equal(indexed.test('x.tmp98').ignored, false);
    assert.equal(indexed.test('a/secret.key').ignored, true, 'the last of three lines wins');
  });
});
