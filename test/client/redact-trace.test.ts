import * as assert from 'node:assert/strict';
import { redactTrace } from '../../src/client/redact-trace';
import { fake } from '../helpers/fake-keys';

describe('trace redaction', () => {
  it('replaces document text in a didOpen trace with its length', () => {
    const key = fake.anthropic();
    const params = { textDocument: { uri: 'file:///a.ts', languageId: 'typescript', version: 1, text: `const k = "${key}";\n` } };
    const line = `[Trace] Sending notification 'textDocument/didOpen'.\nParams: ${JSON.stringify(params, null, 4)}`;
    const redacted = redactTrace(line);
    assert.ok(!redacted.includes(key));
    assert.match(redacted, /"text": "<\d+ characters redacted>"/);
    assert.match(redacted, /"uri": "file:\/\/\/a.ts"/);
  });

  it('redacts edit text and escaped quotes inside it', () => {
    const key = fake.github();
    const redacted = redactTrace(JSON.stringify({ range: {}, text: `a \\"quoted\\" ${key}`, newText: key }));
    assert.ok(!redacted.includes(key));
  });
});
