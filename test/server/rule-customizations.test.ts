import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { fake, gen } from '../helpers/fake-keys';
import { ServerUnderTest } from '../helpers/lsp-server';

// Issue 21: per-rule severity and enablement in the editor's settings, as eslint's
// `rules.customizations`, besides `.secret-safe.json`.
describe('language server over stdio: secretSafe.rules.customizations', () => {
  let server: ServerUnderTest | undefined;
  afterEach(async () => server?.stop());

  // A password built at test time: the repository holds none (its own scan checks).
  const text = () => `const client = new Anthropic({ apiKey: "${fake.anthropic()}" });\nconst password = "${gen.alnum(7)}-${gen.chars('0123456789', 4)}!";\n`;
  const shown = (ds: Array<{ code?: unknown; severity?: number }>) => ds.map(d => [d.code, d.severity]);

  it('changes a severity, turns a pattern of rules off, and lets a later entry win; settings changes apply at once', async () => {
    let customizations: unknown[] = [];
    server = await ServerUnderTest.start({ settings: () => ({ rules: { customizations } }) });
    const uri = 'file:///p/a.ts';
    await server.open(uri, text());
    assert.deepEqual(shown(await server.diagnostics(uri, ds => ds.length === 2)), [
      ['anthropic-api-key', DiagnosticSeverity.Error],
      ['generic-secret', DiagnosticSeverity.Warning],
    ]);
    customizations = [
      { rule: 'generic-*', severity: 'off' },
      { rule: 'anthropic-*', severity: 'info' },
    ];
    await server.settingsChanged();
    assert.deepEqual(shown(await server.diagnostics(uri, ds => ds.length === 1)), [['anthropic-api-key', DiagnosticSeverity.Information]]);
    // The last entry that names a rule decides; "!" names the rules the pattern does not.
    customizations = [
      { rule: 'generic-*', severity: 'off' },
      { rule: 'generic-secret', severity: 'error' },
      { rule: '!generic-*', severity: 'warning' },
    ];
    await server.settingsChanged();
    assert.deepEqual(shown(await server.diagnostics(uri, ds => ds.length === 2 && ds[0].severity === DiagnosticSeverity.Warning)), [
      ['anthropic-api-key', DiagnosticSeverity.Warning],
      ['generic-secret', DiagnosticSeverity.Error],
    ]);
  });

  it('takes them pushed with didChangeConfiguration from a client that cannot be asked, and ignores malformed entries', async () => {
    server = await ServerUnderTest.start({ configuration: false });
    const uri = 'file:///p/a.ts';
    await server.open(uri, text());
    await server.diagnostics(uri, ds => ds.length === 2);
    await server.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: {
        secretSafe: { rules: { customizations: [{ rule: 'generic-secret', severity: 'off' }, { rule: 'anthropic-api-key', severity: 'loud' }, 'nonsense'] } },
      },
    });
    assert.deepEqual(shown(await server.diagnostics(uri, ds => ds.length === 1)), [['anthropic-api-key', DiagnosticSeverity.Error]]);
  });
});
