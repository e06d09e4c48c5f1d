import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { blankSourceMapMappings } from '../../src/node/scan/source-map';
import { fake } from '../helpers/fake-keys';
import { gitRepo } from '../helpers/git-repo';
import { DIST } from '../helpers/repo';
import { tempDir } from '../helpers/temp-dir';

// A source map's `mappings` is base64 VLQ a bundler wrote: read as blank, the rest of the map as it is.
const MAPPINGS = 'AAAA,SAASA,IAAIC;AACtB,EAAE,CAAC;;AAEH,eAAeA,KAAK,CAAC,GAAG';
const map = (fields: string): string => `{"version":3,"file":"app.js","sources":["app.ts"],"names":["key"],${fields}}`;

describe('source maps: the mappings value', () => {
  it('is blanked in place, and nothing else in the file changes', () => {
    const text = map(`"mappings":"${MAPPINGS}","sourcesContent":["const a = 1;\\n"]`);
    const bytes = Buffer.from(text);
    assert.equal(blankSourceMapMappings(bytes), true);
    const from = text.indexOf(MAPPINGS);
    assert.equal(bytes.length, text.length);
    assert.equal(bytes.toString('latin1', 0, from), text.slice(0, from));
    assert.equal(bytes.toString('latin1', from, from + MAPPINGS.length), ';'.repeat(MAPPINGS.length));
    assert.equal(bytes.toString('latin1', from + MAPPINGS.length), text.slice(from + MAPPINGS.length));
  });

  it('is found with JSON white space around its colon, wherever the key is', () => {
    const text = `{\n  "version": 3,\n  "sourcesContent": ["x"],\n  "mappings" :\t"${MAPPINGS}"\n}\n`;
    const bytes = Buffer.from(text);
    assert.equal(blankSourceMapMappings(bytes), true);
    assert.ok(!bytes.toString('latin1').includes(MAPPINGS));
  });

  it('is left as it is when it is not VLQ alone (an escape, an underscore), or when there is none', () => {
    for (const text of [
      map(`"mappings":"AAAA,${fake.github()};AACA"`),
      map(`"mappings":"AAAA\\u0041;AACA"`),
      map('"sections":[]'),
      map('"mappings":3'),
      '{"mappings":"AAAA',
    ]) {
      const bytes = Buffer.from(text);
      assert.equal(blankSourceMapMappings(bytes), false, text.slice(0, 60));
      assert.equal(bytes.toString('latin1'), text);
    }
  });

  it('does not hide a key elsewhere in the map: the CLI finds it in sourcesContent, at its own line and column', () => {
    const key = fake.anthropic();
    const github = fake.github();
    // Minified: one line, the mappings before the source that holds the key.
    const app = map(`"mappings":"${MAPPINGS}","sourcesContent":["const apiKey = '${key}';\\n"]`);
    const odd = map(`"mappings":"AAAA;${github};AACA"`);
    const dir = tempDir({
      'dist/app.js.map': `${app}\n`,
      // A mappings value that is no VLQ (a token's underscore): read as it is.
      'dist/odd.js.map': `${odd}\n`,
    });
    try {
      const r = spawnSync(process.execPath, [join(DIST, 'cli.js'), 'scan', '.', '--format', 'json', '--threads', '1'], { cwd: dir.path, encoding: 'utf8' });
      assert.equal(r.status, 1, r.stderr);
      const findings = JSON.parse(r.stdout) as Array<{ file: string; ruleId: string; line: number; column: number }>;
      assert.deepEqual(
        findings.map(f => [f.file, f.ruleId, f.line, f.column]),
        [
          ['dist/app.js.map', 'anthropic-api-key', 1, app.indexOf(key) + 1],
          ['dist/odd.js.map', 'github-pat', 1, odd.indexOf(github) + 1],
        ],
      );
    } finally {
      dir.dispose();
    }
  });

  it('is read as blank by the staged and the history scans too: all three report what the working tree scan does', () => {
    const key = fake.anthropic();
    // A key ID in the mappings, in VLQ's alphabet: blanked as the rest of them, in every scan.
    const app = map(`"mappings":"AAAA;${fake.awsKeyId()};AACA","sourcesContent":["const apiKey = '${key}';\\n"]`);
    const repo = gitRepo({ 'dist/app.js.map': `${app}\n` });
    try {
      repo.git('add', '-f', 'dist/app.js.map');
      const found = (...args: string[]): string[] => {
        const r = spawnSync(process.execPath, [join(DIST, 'cli.js'), 'scan', ...args, '--format', 'json'], { cwd: repo.path, encoding: 'utf8' });
        assert.equal(r.status, 1, r.stderr);
        return (JSON.parse(r.stdout) as Array<{ file: string; ruleId: string; line: number; column: number }>).map(
          f => `${f.file} ${f.ruleId} ${f.line}:${f.column}`,
        );
      };
      const tree = found('.');
      assert.deepEqual(tree, [`dist/app.js.map anthropic-api-key 1:${app.indexOf(key) + 1}`]);
      assert.deepEqual(found('--staged'), tree);
      repo.git('commit', '-q', '-m', 'the map');
      assert.deepEqual(found('--history', '--threads', '1'), tree);
      assert.deepEqual(found('--history'), tree, 'with the blobs scanned on a worker');
    } finally {
      repo.dispose();
    }
  });
});
