import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit } from '../helpers/apply-edit';
import { fake, gen, hiddenPart } from '../helpers/fake-keys';
import { ServerUnderTest } from '../helpers/lsp-server';
import { tempDir } from '../helpers/temp-dir';

/** A JWT as Supabase hands out for browsers, signed with random bytes. */
const jwt = (payload: object): string =>
  `${[{ alg: 'HS256', typ: 'JWT' }, payload].map(p => Buffer.from(JSON.stringify(p)).toString('base64url')).join('.')}.${gen.base64url(43)}`;

describe('language server over stdio: .env health', () => {
  let server: ServerUnderTest;
  let dir: ReturnType<typeof tempDir>;
  afterEach(async () => {
    await server?.stop();
    dir?.dispose();
  });
  const uri = (rel: string): string => pathToFileURL(join(dir.path, rel)).href;
  const open = async (rel: string): Promise<void> => server.open(uri(rel), readFileSync(join(dir.path, rel), 'utf8'), 'dotenv');
  const byCode = (ds: Diagnostic[], code: string): Diagnostic[] => ds.filter(d => d.code === code);
  /** The diagnostics of `code` on a file, once that check has published them: another check (git hygiene) may publish first. */
  const withCode = async (rel: string, code: string): Promise<Diagnostic[]> =>
    byCode(await server.diagnostics(uri(rel), d => d.some(x => x.code === code)), code);

  it('flags a name set twice and a line dotenv skips, and never reports the .env values themselves', async () => {
    dir = tempDir({ '.env': `API_KEY=${fake.anthropic()}\nPORT=3000\nPORT=4000\nLOG_LEVEL : debug\n` });
    server = await ServerUnderTest.start({ folder: dir.path });
    await open('.env');
    const ds = await server.diagnostics(uri('.env'), d => d.length >= 3);
    assert.deepEqual(ds.map(d => [d.code, d.range.start.line, d.severity]).sort(), [
      ['env-duplicate-key', 1, DiagnosticSeverity.Warning],
      ['env-ignored-line', 3, DiagnosticSeverity.Warning],
      ['env-vague-name', 0, DiagnosticSeverity.Information],
    ]);
    assert.match(byCode(ds, 'env-duplicate-key')[0].message as string, /^PORT is set again further down; dotenv keeps the last value/);
    assert.equal(
      byCode(ds, 'env-ignored-line')[0].codeDescription?.href,
      'https://github.com/secret-safe/secret-safe/blob/main/docs/env-files.md#env-ignored-line',
    );
  });

  it('fixes a name set twice by removing the line dotenv never uses, and a skipped NAME : value line by rewriting it', async () => {
    dir = tempDir({ '.env': 'PORT=3000\r\nexport LOG_LEVEL : debug # verbose\r\nPORT=4000\r\nURL:http://localhost' });
    server = await ServerUnderTest.start({ folder: dir.path });
    await open('.env');
    const ds = await server.diagnostics(uri('.env'), d => d.length >= 3);
    const fix = async (d: Diagnostic): Promise<CodeAction> =>
      (
        (await server.connection.sendRequest(CodeActionRequest.type, {
          textDocument: { uri: uri('.env') },
          range: d.range,
          context: { diagnostics: [d] },
        })) as CodeAction[]
      )[0];
    const [duplicate] = byCode(ds, 'env-duplicate-key');
    const remove = await fix(duplicate);
    assert.equal(remove.title, 'Remove this line (dotenv uses the PORT further down)');
    const skipped = byCode(ds, 'env-ignored-line').sort((a, b) => a.range.start.line - b.range.start.line);
    const rewrites = await Promise.all(skipped.map(fix));
    assert.deepEqual(
      rewrites.map(a => a.title),
      ['Write as LOG_LEVEL=value', 'Write as URL=value'],
    );
    // Each fix on its own, as the user applies one: the rest of the file stays byte for byte.
    const text = readFileSync(join(dir.path, '.env'), 'utf8');
    const applied = (a: CodeAction): string => applyWorkspaceEdit(a.edit!, new Map([[uri('.env'), text]])).get(uri('.env'))!;
    assert.equal(applied(remove), 'export LOG_LEVEL : debug # verbose\r\nPORT=4000\r\nURL:http://localhost');
    assert.equal(applied(rewrites[0]), 'PORT=3000\r\nexport LOG_LEVEL=debug # verbose\r\nPORT=4000\r\nURL:http://localhost');
    assert.equal(applied(rewrites[1]), 'PORT=3000\r\nexport LOG_LEVEL : debug # verbose\r\nPORT=4000\r\nURL=http://localhost');
    const dotenv = await import('dotenv');
    assert.deepEqual(dotenv.parse(applied(rewrites[0])), { PORT: '4000', LOG_LEVEL: 'debug' }, 'dotenv reads the rewritten line');
  });

  it('reports drift both ways, and adds the missing name to .env.example with a placeholder, keeping its CRLF and missing final newline', async () => {
    const key = fake.openai();
    dir = tempDir({ '.env': `DATABASE_HOST=localhost\nOPENAI_API_KEY=${key}\n`, '.env.example': '# copy to .env\r\nDATABASE_HOST=\r\nSENTRY_DSN=' });
    server = await ServerUnderTest.start({ folder: dir.path });
    await open('.env');
    const [missing] = await withCode('.env', 'env-missing-in-example');
    assert.equal(missing.range.start.line, 1);
    assert.match(missing.message as string, /^OPENAI_API_KEY is not in \.env\.example/);
    const actions = (await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri('.env') },
      range: missing.range,
      context: { diagnostics: [missing] },
    })) as CodeAction[];
    const add = actions.find(a => a.title === 'Add OPENAI_API_KEY to .env.example')!;
    assert.ok(add?.isPreferred);
    const after = applyWorkspaceEdit(add.edit!);
    assert.equal(after.get(uri('.env.example')), '# copy to .env\r\nDATABASE_HOST=\r\nSENTRY_DSN=\r\nOPENAI_API_KEY=your-openai-api-key-here');
    assert.ok(![...after.values()].some(t => t.includes(key)), 'the value never goes to the example');

    await open('.env.example');
    const [unset] = await withCode('.env.example', 'env-missing-in-env');
    assert.equal(unset.severity, DiagnosticSeverity.Information);
    assert.equal(unset.range.start.line, 2);
    assert.equal(unset.message, 'SENTRY_DSN is documented here but not set in .env.');
  });

  it('flags a secret behind a public prefix, by its value or its name, and leaves keys meant for browsers alone', async () => {
    const stripe = `sk_live_${gen.alnum(24)}`;
    dir = tempDir({
      '.env.local': [
        `NEXT_PUBLIC_STRIPE_KEY=${stripe}`,
        'VITE_DB_PASSWORD=correct-horse',
        `NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=pk_live_${gen.alnum(24)}`,
        `NEXT_PUBLIC_SUPABASE_ANON_KEY=${jwt({ iss: 'supabase', role: 'anon' })}`,
        'NEXT_PUBLIC_API_URL=https://api.example.com',
        `STRIPE_SECRET_KEY=${stripe}`,
      ].join('\n'),
    });
    server = await ServerUnderTest.start({ folder: dir.path });
    await open('.env.local');
    const ds = byCode(await server.diagnostics(uri('.env.local'), d => d.some(x => x.code === 'env-public-secret')), 'env-public-secret');
    assert.deepEqual(
      ds.map(d => d.range.start.line),
      [0, 1],
    );
    assert.equal(ds[0].severity, DiagnosticSeverity.Error);
    assert.match(
      ds[0].message as string,
      /^NEXT_PUBLIC_STRIPE_KEY is sent to every browser \(the NEXT_PUBLIC_ prefix puts it in the client bundle\), and its value is a Stripe/,
    );
    assert.match(ds[1].message as string, /VITE_DB_PASSWORD .* and its name says it is secret/);
    assert.ok(!ds.some(d => (d.message as string).includes(stripe.slice(8))), 'masked: no value in messages');
  });

  it('makes a real key in a committed .env.example an error; the fix leaves a placeholder there and moves the value into a new, git-ignored .env', async () => {
    const key = fake.anthropic();
    dir = tempDir({ '.env.example': `# copy me to .env\r\nPORT=3000\r\nANTHROPIC_API_KEY="${key}"\r\n`, '.gitignore': 'node_modules/\n' });
    server = await ServerUnderTest.start({ folder: dir.path });
    await open('.env.example');
    const ds = await server.diagnostics(uri('.env.example'), d => d.some(x => x.code === 'anthropic-api-key'));
    const [secret] = ds.filter(d => d.code === 'anthropic-api-key');
    assert.equal(secret.severity, DiagnosticSeverity.Error);
    assert.equal(secret.range.start.line, 2);
    assert.match(secret.message as string, /\.env\.example is a template meant to be committed: put a placeholder here and the real value in \.env\./);
    assert.ok(!(secret.message as string).includes(hiddenPart(key)));
    const actions = (await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri('.env.example') },
      range: secret.range,
      context: { diagnostics: [secret] },
    })) as CodeAction[];
    const fix = actions.find(a => a.title === 'Replace with a placeholder, and move the value to .env')!;
    assert.ok(fix?.isPreferred, `actions: ${actions.map(a => a.title).join(' | ')}`);
    assert.ok(!actions.some(a => a.title.startsWith('Move to .env')), 'no "Move to .env" inside an env file');
    applyWorkspaceEdit(fix.edit!);
    assert.equal(readFileSync(join(dir.path, '.env.example'), 'utf8'), '# copy me to .env\r\nPORT=3000\r\nANTHROPIC_API_KEY=your-anthropic-api-key-here\r\n');
    assert.equal(readFileSync(join(dir.path, '.env'), 'utf8'), `ANTHROPIC_API_KEY='${key}'\n`);
    assert.equal(readFileSync(join(dir.path, '.gitignore'), 'utf8'), 'node_modules/\n.env\n');
  });

  it("treats an environment's own template as a template: .env.production.example pairs with .env.production, and a real key there moves into .env.production", async () => {
    const key = fake.anthropic();
    dir = tempDir({
      '.env.production.example': `ANTHROPIC_API_KEY=${key}\nSENTRY_DSN=\n`,
      '.env.production': 'SENTRY_DSN=https://sentry.example/1\nPORT=8080\n',
      '.env.example': 'PORT=\nSENTRY_DSN=\n',
      '.gitignore': '.env\n',
    });
    server = await ServerUnderTest.start({ folder: dir.path });
    // The real file drifts from its own template, not from the project's .env.example.
    await open('.env.production');
    const missing = await withCode('.env.production', 'env-missing-in-example');
    assert.deepEqual(
      missing.map(d => (d.message as string).split(':')[0]),
      ['PORT is not in .env.production.example'],
    );
    // A real key in it is an error, and its fix writes to .env.production, which .env does not ignore.
    await open('.env.production.example');
    const [secret] = byCode(await server.diagnostics(uri('.env.production.example'), d => d.some(x => x.code === 'anthropic-api-key')), 'anthropic-api-key');
    assert.equal(secret.severity, DiagnosticSeverity.Error);
    assert.match(secret.message as string, /put a placeholder here and the real value in \.env\.production\.$/);
    const actions = (await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri('.env.production.example') },
      range: secret.range,
      context: { diagnostics: [secret] },
    })) as CodeAction[];
    const fix = actions.find(a => a.title === 'Replace with a placeholder, and move the value to .env.production')!;
    assert.ok(fix, `actions: ${actions.map(a => a.title).join(' | ')}`);
    applyWorkspaceEdit(fix.edit!);
    assert.equal(readFileSync(join(dir.path, '.env.production.example'), 'utf8'), 'ANTHROPIC_API_KEY=your-anthropic-api-key-here\nSENTRY_DSN=\n');
    assert.equal(readFileSync(join(dir.path, '.env.production'), 'utf8'), `SENTRY_DSN=https://sentry.example/1\nPORT=8080\nANTHROPIC_API_KEY='${key}'\n`);
    assert.equal(readFileSync(join(dir.path, '.env.example'), 'utf8'), 'PORT=\nSENTRY_DSN=\n');
    assert.equal(readFileSync(join(dir.path, '.gitignore'), 'utf8'), '.env\n.env.production\n');
  });

  it('keeps the .env value when .env already sets the name: the example only gets its placeholder', async () => {
    const key = fake.openai();
    const mine = fake.openai();
    dir = tempDir({ '.env.sample': `OPENAI_API_KEY=${key}`, '.env': `OPENAI_API_KEY=${mine}\n`, '.gitignore': '.env\n' });
    server = await ServerUnderTest.start({ folder: dir.path });
    await open('.env.sample');
    const [secret] = (await server.diagnostics(uri('.env.sample'), d => d.some(x => x.code === 'openai-api-key'))).filter(d => d.code === 'openai-api-key');
    const actions = (await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri('.env.sample') },
      range: secret.range,
      context: { diagnostics: [secret] },
    })) as CodeAction[];
    const fix = actions.find(a => a.title === 'Replace with a placeholder (.env keeps its own OPENAI_API_KEY)')!;
    assert.ok(fix, `actions: ${actions.map(a => a.title).join(' | ')}`);
    applyWorkspaceEdit(fix.edit!);
    assert.equal(readFileSync(join(dir.path, '.env.sample'), 'utf8'), 'OPENAI_API_KEY=your-openai-api-key-here');
    assert.equal(readFileSync(join(dir.path, '.env'), 'utf8'), `OPENAI_API_KEY=${mine}\n`);
  });

  it('warns when development and production share a secret (one key per environment), not when each has its own', async () => {
    const shared = fake.anthropic();
    const password = `pw-${gen.alnum(20)}`;
    dir = tempDir({
      '.env.development': `ANTHROPIC_API_KEY=${shared}\nDB_PASSWORD=${password}\nSTRIPE_KEY=sk_test_${gen.alnum(24)}\nPORT=3000\nLOG_LEVEL=debug-verbose\n`,
      '.env.production': `ANTHROPIC_API_KEY=${shared}\nPROD_DB_PASSWORD=${password}\nSTRIPE_KEY=sk_live_${gen.alnum(24)}\nPORT=3000\nLOG_LEVEL=debug-verbose\n`,
      '.env.development.local': `ANTHROPIC_API_KEY=${shared}\n`,
    });
    server = await ServerUnderTest.start({ folder: dir.path });
    await open('.env.development');
    const ds = byCode(await server.diagnostics(uri('.env.development'), d => d.filter(x => x.code === 'env-shared-secret').length >= 2), 'env-shared-secret');
    assert.deepEqual(
      ds.map(d => d.range.start.line),
      [0, 1],
      'the key and the password; not PORT, LOG_LEVEL or the distinct Stripe keys',
    );
    assert.equal(ds[0].severity, DiagnosticSeverity.Warning);
    assert.equal(
      ds[0].message,
      'ANTHROPIC_API_KEY has the same secret value in .env.production (development and production). Use one key per environment: a leaked development key should not open production, and each can then be rotated alone.',
    );
    assert.match(ds[1].message as string, /^DB_PASSWORD has the same secret value as PROD_DB_PASSWORD in \.env\.production/);
    // .env.development.local is the same environment: sharing with it is fine.
    await open('.env.development.local');
    const local = await server.diagnostics(uri('.env.development.local'), d => d.some(x => x.code === 'env-shared-secret'));
    assert.deepEqual(
      byCode(local, 'env-shared-secret').map(d => d.message),
      [
        'ANTHROPIC_API_KEY has the same secret value in .env.production (development and production). Use one key per environment: a leaked development key should not open production, and each can then be rotated alone.',
      ],
    );
    // Production gets its own key, unsaved: the open development file is checked again.
    await open('.env.production');
    await server.change(uri('.env.production'), readFileSync(join(dir.path, '.env.production'), 'utf8').replace(shared, fake.anthropic()));
    const after = await server.diagnostics(uri('.env.development'), d => byCode(d, 'env-shared-secret').length === 1);
    assert.match(byCode(after, 'env-shared-secret')[0].message as string, /^DB_PASSWORD /);
  });
});
