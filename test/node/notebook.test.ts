import * as assert from 'node:assert/strict';
import { BUILTIN_RULES, createScanner } from '../../src/core';
import { notebookPieces } from '../../src/core/notebook';
import { scanText } from '../../src/node/scan/scan-batch';
import { fake, gen } from '../helpers/fake-keys';

/** A notebook as Jupyter saves it: one JSON string per source line, outputs saved beside. */
function notebook(key: string, password: string): string {
  return JSON.stringify(
    {
      cells: [
        { cell_type: 'markdown', metadata: {}, source: ['# Calls the model\n'] },
        {
          cell_type: 'code',
          execution_count: 1,
          metadata: {},
          source: ['import os\n', `db_password = "${password}"\n`, `client = Anthropic(api_key="${key}")\n`],
          outputs: [],
        },
        {
          cell_type: 'code',
          execution_count: 2,
          metadata: {},
          source: ['print(settings)\n'],
          outputs: [
            { name: 'stdout', output_type: 'stream', text: ['connecting\n', `{'password': '${password}'}\n`] },
            { output_type: 'execute_result', execution_count: 2, metadata: {}, data: { 'text/plain': [`'${key}'`], 'image/png': gen.base64(120) } },
          ],
        },
      ],
      metadata: { kernelspec: { name: 'python3' } },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
}

describe('Jupyter notebooks: secrets in cells and in saved outputs', () => {
  const scanner = createScanner(BUILTIN_RULES);

  it('reads each cell and output as the cell holds it, with the way back to the file', () => {
    const raw = notebook(fake.anthropic(), `Qz8${gen.alnum(14)}`);
    const pieces = notebookPieces(raw)!;
    assert.deepEqual(
      pieces.map(p => [p.cell, p.kind]),
      [
        [0, 'source'],
        [1, 'source'],
        [2, 'source'],
        [2, 'output'],
        [2, 'output'],
      ],
    );
    const [, code] = pieces;
    assert.match(code.text, /^import os\ndb_password = "Qz8\w{14}"\nclient = Anthropic\(api_key="sk-ant-api03-/);
    // Every character maps to the raw character it came from (an escaped quote to its backslash).
    const quote = code.text.indexOf('"');
    assert.equal(raw.slice(code.rawOffsets[quote], code.rawOffsets[quote] + 2), '\\"');
    const d = code.text.indexOf('db_password');
    assert.equal(raw.slice(code.rawOffsets[d], code.rawOffsets[d] + 11), 'db_password');
    assert.equal(notebookPieces('{"not": "a notebook"}'), undefined);
  });

  it('finds the password behind escaped quotes and every key in outputs, once each, at its line in the file', () => {
    const key = fake.anthropic();
    const password = `Qz8${gen.alnum(14)}`;
    const raw = notebook(key, password);
    const lines = raw.split('\n');
    const lineOf = (needle: string, from = 0) => lines.findIndex((l, i) => i >= from && l.includes(needle));
    const found = scanText(scanner, raw, true, undefined, true, 'analysis.ipynb');
    assert.deepEqual(
      found.map(f => [f.ruleId, f.line]),
      [
        ['generic-secret', lineOf('db_password')],
        ['anthropic-api-key', lineOf('api_key=')],
        ['generic-secret', lineOf("'password'")],
        ['anthropic-api-key', lineOf(`'${key.slice(0, 20)}`)],
      ],
    );
    for (const f of found)
      assert.ok(
        raw
          .slice(f.start, f.end)
          .replace(/\\"/g, '"')
          .includes(f.ruleId.startsWith('generic') ? password : key),
        f.ruleId,
      );
    // The same text under another name is plain JSON: the escaped password is not seen.
    assert.ok(!scanText(scanner, raw, true, undefined, true, 'analysis.json').some(f => f.line === lineOf('db_password')));
  });
});
