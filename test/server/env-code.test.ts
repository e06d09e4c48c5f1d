import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import {
  CodeActionRequest,
  CompletionRequest,
  DiagnosticSeverity,
  HoverRequest,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type MarkupContent,
  type TextEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fake, hiddenPart } from '../helpers/fake-keys';
import { ServerUnderTest } from '../helpers/lsp-server';
import { tempDir } from '../helpers/temp-dir';

describe('language server over stdio: env values in code', () => {
  let server: ServerUnderTest;
  let dir: ReturnType<typeof tempDir>;
  afterEach(async () => {
    await server?.stop();
    dir?.dispose();
  });
  const uri = (rel: string): string => pathToFileURL(join(dir.path, rel)).href;
  const open = async (rel: string, languageId: string): Promise<void> => server.open(uri(rel), readFileSync(join(dir.path, rel), 'utf8'), languageId);
  const logged = (ds: Diagnostic[]): Diagnostic[] => ds.filter(d => d.code === 'env-logged-value');

  it('warns on code that logs secret env values or the whole environment, in JS, Python, Go and Ruby', async () => {
    dir = tempDir({
      'server.ts': [
        "console.log('env', process.env);",
        'console.log(`key: ${process.env.STRIPE_SECRET_KEY}`);',
        'console.log(process.env.PORT);',
        'const key = process.env.OPENAI_API_KEY;',
      ].join('\n'),
      'app.py': ['import os, logging', 'print(os.environ)', 'logging.info(f"token={os.getenv(\'GITHUB_TOKEN\')}")', 'print(os.environ["HOME"])'].join('\n'),
      'main.go': ['package main', 'func main() {', '\tlog.Printf("db: %s", os.Getenv("DB_PASSWORD"))', '\tfmt.Println(os.Getenv("PORT"))', '}'].join('\n'),
      'boot.rb': ['puts ENV["SECRET_KEY_BASE"]', 'Rails.logger.info(ENV.to_h)', 'puts ENV["RAILS_ENV"]'].join('\n'),
    });
    server = await ServerUnderTest.start({ folder: dir.path });
    const cases: Array<[string, string, Array<[number, RegExp]>]> = [
      [
        'server.ts',
        'typescript',
        [
          [0, /whole environment \(process\.env\)/],
          [1, /value of STRIPE_SECRET_KEY/],
        ],
      ],
      [
        'app.py',
        'python',
        [
          [1, /whole environment \(os\.environ\)/],
          [2, /value of GITHUB_TOKEN/],
        ],
      ],
      ['main.go', 'go', [[2, /value of DB_PASSWORD/]]],
      [
        'boot.rb',
        'ruby',
        [
          [0, /value of SECRET_KEY_BASE/],
          [1, /whole environment \(ENV\)/],
        ],
      ],
    ];
    for (const [file, languageId, expected] of cases) {
      await open(file, languageId);
      const ds = logged(await server.diagnostics(uri(file), d => logged(d).length >= expected.length));
      assert.equal(ds.length, expected.length, `${file}: ${ds.map(d => d.message).join(' | ')}`);
      expected.forEach(([line, message], i) => {
        assert.equal(ds[i].range.start.line, line, file);
        assert.match(ds[i].message as string, message, file);
        assert.equal(ds[i].severity, DiagnosticSeverity.Warning);
        assert.equal(ds[i].codeDescription?.href, 'https://github.com/secret-safe/secret-safe/blob/main/docs/env-files.md#env-logged-value');
      });
    }
  });

  it('fixes logging: the programs then print whether a key is set, or the names, and never the key', async function () {
    this.timeout(60_000);
    const secret = `s3cr3t-${fake.github().slice(4, 24)}`;
    const env = {
      ...process.env,
      STRIPE_SECRET_KEY: secret,
      GITHUB_TOKEN: secret,
      DB_PASSWORD: secret,
      SECRET_KEY_BASE: secret,
      GOCACHE: mkdtempSync(join(tmpdir(), 'gocache-')),
      GOPATH: mkdtempSync(join(tmpdir(), 'gopath-')),
    };
    const programs: Array<[string, string, string, string[], string[]]> = [
      [
        'log.js',
        'javascript',
        "console.log('key', process.env.STRIPE_SECRET_KEY);\nconsole.log(JSON.stringify(process.env));\n",
        ['node'],
        ['key true', '"STRIPE_SECRET_KEY"'],
      ],
      ['log.py', 'python', 'import os\nprint(os.getenv("GITHUB_TOKEN"))\nprint(os.environ)\n', ['python3'], ['True', "'GITHUB_TOKEN'"]],
      ['log.go', 'go', 'package main\n\nimport (\n\t"fmt"\n\t"os"\n)\n\nfunc main() { fmt.Println(os.Getenv("DB_PASSWORD")) }\n', ['go', 'run'], ['true']],
      ['log.rb', 'ruby', 'puts ENV["SECRET_KEY_BASE"]\np ENV\n', ['ruby'], ['true', '"SECRET_KEY_BASE"']],
    ];
    dir = tempDir(Object.fromEntries(programs.map(([file, , code]) => [file, code])));
    server = await ServerUnderTest.start({ folder: dir.path });
    for (const [file, languageId, code, command, expected] of programs) {
      const run = (): string => {
        const r = spawnSync(command[0], [...command.slice(1), file], { cwd: dir.path, env, encoding: 'utf8', timeout: 50_000 });
        if (r.error) throw r.error;
        assert.equal(r.status, 0, `${file}: ${r.stderr}`);
        return r.stdout;
      };
      if (spawnSync(command[0], ['--version']).error && spawnSync(command[0], ['version']).error) continue; // .ci/run installs every toolchain
      assert.ok(run().includes(secret), `${file} logs the secret before the fix`);
      await open(file, languageId);
      const ds = logged(await server.diagnostics(uri(file), d => logged(d).length >= expected.length));
      const edits: TextEdit[] = [];
      for (const d of ds) {
        const [action] = (await server.connection.sendRequest(CodeActionRequest.type, {
          textDocument: { uri: uri(file) },
          range: d.range,
          context: { diagnostics: [d] },
        })) as CodeAction[];
        assert.ok(action?.isPreferred, `${file}: a fix for ${d.message}`);
        edits.push(...action.edit!.changes![uri(file)]);
      }
      writeFileSync(join(dir.path, file), TextDocument.applyEdits(TextDocument.create(uri(file), languageId, 1, code), edits));
      const out = run();
      assert.ok(!out.includes(secret), `${file} no longer logs the secret`);
      for (const e of expected) assert.ok(out.includes(e), `${file} prints ${e}`);
    }
  });

  it("says so when a key sits in code sent to the browser (a 'use client' file, public/)", async () => {
    const key = fake.openai();
    dir = tempDir({
      'app/chat.tsx': `'use client';\nconst client = new OpenAI({ apiKey: '${key}' });\n`,
      'app/route.ts': `const client = new OpenAI({ apiKey: '${key}' });\n`,
      'public/config.js': `window.KEY = '${key}';\n`,
    });
    server = await ServerUnderTest.start({ folder: dir.path });
    for (const [file, browser] of [
      ['app/chat.tsx', "a 'use client' file"],
      ['app/route.ts', undefined],
      ['public/config.js', 'in public/'],
    ] as const) {
      await open(file, file.endsWith('.js') ? 'javascript' : 'typescriptreact');
      const [d] = (await server.diagnostics(uri(file), x => x.some(y => y.code === 'openai-api-key'))).filter(x => x.code === 'openai-api-key');
      if (browser) assert.ok((d.message as string).includes(`This code is sent to the browser (${browser}`), `${file}: ${d.message}`);
      else assert.ok(!(d.message as string).includes('browser'), `${file}: ${d.message}`);
      assert.ok(!(d.message as string).includes(hiddenPart(key)));
    }
  });

  it('completes env var names from the env files in process.env., os.environ[" and os.Getenv(", never showing values', async () => {
    const key = fake.anthropic();
    dir = tempDir({
      '.env': `ANTHROPIC_API_KEY=${key}\nDATABASE_URL=postgres://localhost/dev\n`,
      '.env.example': 'ANTHROPIC_API_KEY=\nSENTRY_DSN=\n',
      'api/.env.local': 'API_ONLY=1\n',
      'api/index.ts': 'const k = process.env.\n',
      'worker.py': 'import os\nk = os.environ["AN\n',
      'main.go': 'package main\nvar k = os.Getenv("\n',
      'plain.ts': 'const k = process.\n',
    });
    server = await ServerUnderTest.start({ folder: dir.path });
    const complete = async (file: string, languageId: string, line: number, character: number): Promise<CompletionItem[]> => {
      await open(file, languageId);
      const result = await server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri(file) }, position: { line, character } });
      return (Array.isArray(result) ? result : (result?.items ?? [])).sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
    };
    const ts = await complete('api/index.ts', 'typescript', 0, 22);
    assert.deepEqual(
      ts.map(i => i.label),
      ['ANTHROPIC_API_KEY', 'API_ONLY', 'DATABASE_URL', 'SENTRY_DSN'],
      'the package folder and the root; names set in real files first',
    );
    assert.equal(ts.find(i => i.label === 'ANTHROPIC_API_KEY')!.detail, 'in .env, .env.example');
    assert.equal(ts.find(i => i.label === 'API_ONLY')!.detail, 'in api/.env.local');
    const py = await complete('worker.py', 'python', 1, 18);
    const item = py.find(i => i.label === 'ANTHROPIC_API_KEY')!;
    assert.deepEqual(item.textEdit, { range: { start: { line: 1, character: 16 }, end: { line: 1, character: 18 } }, newText: 'ANTHROPIC_API_KEY' });
    assert.deepEqual(
      (await complete('main.go', 'go', 1, 19)).map(i => i.label),
      ['ANTHROPIC_API_KEY', 'DATABASE_URL', 'SENTRY_DSN'],
    );
    assert.deepEqual(await complete('plain.ts', 'typescript', 0, 18), [], 'nothing outside an env read');
    const everything = JSON.stringify([ts, py]);
    assert.ok(!everything.includes(hiddenPart(key)) && !everything.includes('postgres://'), 'values never in completions');
  });

  it('shows on hover which env files set the variable a read names, values masked', async () => {
    const key = fake.anthropic();
    dir = tempDir({
      '.env': `ANTHROPIC_API_KEY=${key}\n`,
      '.env.example': 'ANTHROPIC_API_KEY=\n',
      'index.ts': "const a = process.env.ANTHROPIC_API_KEY;\nconst b = process.env['MISSING_ONE'];\n",
    });
    server = await ServerUnderTest.start({ folder: dir.path });
    await open('index.ts', 'typescript');
    const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri('index.ts') }, position: { line: 0, character: 25 } });
    const text = (hover!.contents as MarkupContent).value;
    assert.equal(text, `**ANTHROPIC_API_KEY** is set in:\n\n- \`.env\`: \`****${key.slice(-4)}\`\n- \`.env.example\`: *(empty)*`);
    assert.deepEqual(hover!.range, { start: { line: 0, character: 22 }, end: { line: 0, character: 39 } });
    const missing = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri('index.ts') }, position: { line: 1, character: 10 } });
    assert.equal((missing!.contents as MarkupContent).value, '**MISSING_ONE** is not set in any env file beside this code.');
    assert.equal(await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri('index.ts') }, position: { line: 0, character: 3 } }), null);
  });

  it('reads the env file secretSafe.envFile names, where Move to .env writes, for hover and completion', async () => {
    const key = fake.openai();
    dir = tempDir({
      'config/app.env': `OPENAI_API_KEY=${key}\n`,
      'src/index.ts': 'const a = process.env.OPENAI_API_KEY;\nprocess.env.\n',
    });
    server = await ServerUnderTest.start({ folder: dir.path, settings: () => ({ envFile: 'config/app.env' }) });
    await open('src/index.ts', 'typescript');
    const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri('src/index.ts') }, position: { line: 0, character: 25 } });
    assert.equal((hover!.contents as MarkupContent).value, `**OPENAI_API_KEY** is set in:\n\n- \`config/app.env\`: \`****${key.slice(-4)}\``);
    const items = (await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: uri('src/index.ts') },
      position: { line: 1, character: 12 },
    })) as CompletionItem[];
    assert.deepEqual(
      items.map(i => i.label),
      ['OPENAI_API_KEY'],
    );
    assert.ok(!JSON.stringify(items).includes(hiddenPart(key)), 'no value in completions');
  });
});
