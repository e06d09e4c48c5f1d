import * as assert from 'node:assert/strict';
import { environmentOf } from '../../src/core/dotenv/checks';
import { clientSideReason } from '../../src/core/env-code/client-side';
import { isCredentialName, loggedEnvValues } from '../../src/core/env-code/logging';
import { envReadAt, envReadContext, envReads } from '../../src/core/env-code/reads';
import type { Lang } from '../../src/core/language';

describe('env reads in code', () => {
  const cases: Array<[string, string]> = [
    ['process.env.API_KEY', 'API_KEY'],
    ["process.env['API_KEY']", 'API_KEY'],
    ['import.meta.env.VITE_URL', 'VITE_URL'],
    ['Deno.env.get("API_KEY")', 'API_KEY'],
    ['os.environ["API_KEY"]', 'API_KEY'],
    ["os.environ.get('API_KEY', '')", 'API_KEY'],
    ['os.getenv("API_KEY")', 'API_KEY'],
    ['os.Getenv("API_KEY")', 'API_KEY'],
    ['ENV["API_KEY"]', 'API_KEY'],
    ["ENV.fetch('API_KEY')", 'API_KEY'],
    ['System.getenv("API_KEY")', 'API_KEY'],
    ['Environment.GetEnvironmentVariable("API_KEY")', 'API_KEY'],
    ['env::var("API_KEY")', 'API_KEY'],
    ["getenv('API_KEY')", 'API_KEY'],
    ["$_ENV['API_KEY']", 'API_KEY'],
  ];
  for (const [code, name] of cases) {
    it(`reads ${name} in ${code}`, () => {
      const reads = envReads(`x = ${code};`);
      assert.deepEqual(
        reads.map(r => r.name),
        [name],
      );
      assert.equal(`x = ${code};`.slice(reads[0].nameStart, reads[0].nameEnd), name);
    });
  }

  it('finds the read under the cursor on its line only', () => {
    const text = 'a = 1\nb = os.getenv("TOKEN")\n';
    assert.equal(envReadAt(text, text.indexOf('TOKEN') + 2)?.name, 'TOKEN');
    assert.equal(envReadAt(text, 2), undefined);
  });

  it('knows when a name is being typed into a read', () => {
    const at = (text: string) => envReadContext(text, text.length);
    assert.deepEqual(at('const k = process.env.AP'), { typed: 'AP', start: 22, property: true });
    assert.deepEqual(at("k = os.environ['"), { typed: '', start: 16, property: false });
    assert.deepEqual(at('ENV.fetch("DB'), { typed: 'DB', start: 11, property: false });
    assert.equal(at('const k = process.'), undefined);
    assert.equal(at('const k = environ["'), undefined);
  });
});

describe('logged env values', () => {
  const found = (lang: Lang, code: string): string[] => loggedEnvValues(code, lang).map(l => l.name ?? `all:${l.expression}`);
  const positives: Array<[Lang, string, string[]]> = [
    ['javascript', 'console.log(process.env)', ['all:process.env']],
    ['javascript', 'console.log(JSON.stringify(process.env, null, 2))', ['all:process.env']],
    ['typescript', 'logger.info({ key: process.env.OPENAI_API_KEY })', ['OPENAI_API_KEY']],
    ['typescript', 'console.debug(`token ${process.env["GITHUB_TOKEN"]}`)', ['GITHUB_TOKEN']],
    ['javascript', 'console.log(import.meta.env)', ['all:import.meta.env']],
    ['javascript', 'console.log(\n  "db",\n  process.env.DATABASE_URL,\n)', ['DATABASE_URL']],
    ['python', 'print(os.environ)', ['all:os.environ']],
    ['python', 'print(dict(os.environ))', ['all:os.environ']],
    ['python', 'logger.info(os.getenv("API_KEY"))', ['API_KEY']],
    ['python', 'logging.debug(f"pw={os.environ[\'DB_PASSWORD\']}")', ['DB_PASSWORD']],
    ['go', 'log.Println(os.Getenv("STRIPE_SECRET_KEY"))', ['STRIPE_SECRET_KEY']],
    ['go', 'fmt.Println(os.Environ())', ['all:os.Environ()']],
    ['ruby', 'puts ENV["AWS_SECRET_ACCESS_KEY"]', ['AWS_SECRET_ACCESS_KEY']],
    ['ruby', 'p ENV', ['all:ENV']],
    ['ruby', 'Rails.logger.debug(ENV.fetch("SESSION_SECRET"))', ['SESSION_SECRET']],
  ];
  for (const [lang, code, expected] of positives) {
    it(`flags ${code.replace(/\n\s*/g, ' ')} (${lang})`, () => assert.deepEqual(found(lang, code), expected));
  }
  const negatives: Array<[Lang, string]> = [
    ['javascript', 'console.log(process.env.PORT)'],
    ['javascript', 'console.log(process.env.NODE_ENV, process.env.AWS_ACCESS_KEY_ID)'],
    ['javascript', 'const key = process.env.API_KEY; console.log("started")'],
    ['javascript', 'console.log(Object.keys(process.env))'],
    ['python', 'print(sorted(os.environ.keys()))'],
    ['python', 'print(os.environ.get("HOME"))'],
    ['python', 'api_key = os.environ["API_KEY"]\nprint("loaded")'],
    ['go', 'key := os.Getenv("API_KEY")\nlog.Println("ready")'],
    ['ruby', 'puts ENV["RAILS_ENV"]'],
    ['ruby', 'p = ENV["API_KEY"]'],
    ['java', 'System.out.println(System.getenv("API_KEY"));'],
  ];
  for (const [lang, code] of negatives) {
    it(`leaves ${code.split('\n')[0]} (${lang}) alone`, () => assert.deepEqual(found(lang, code), []));
  }

  it('reads credential names the way people write them', () => {
    for (const name of ['API_KEY', 'apiKey', 'STRIPE_SECRET_KEY', 'DB_PASSWORD', 'GITHUB_TOKEN', 'DATABASE_URL', 'SENTRY_DSN', 'private-key'])
      assert.ok(isCredentialName(name), name);
    for (const name of ['PORT', 'NODE_ENV', 'AWS_ACCESS_KEY_ID', 'KEY_PATH', 'PUBLIC_KEY', 'TOKEN_TTL', 'MONKEY']) assert.ok(!isCredentialName(name), name);
  });
});

describe('code sent to the browser', () => {
  it('knows it by a directive, a .client file, a public folder, a component or a page', () => {
    assert.match(clientSideReason('app/chat.tsx', "// chat\n'use client'\nimport x from 'y'")!, /'use client'/);
    assert.match(clientSideReason('app/chat.tsx', '/* a */ "use client";')!, /'use client'/);
    assert.match(clientSideReason('app/root.client.tsx', '')!, /\.client file/);
    assert.match(clientSideReason('public/js/app.js', '')!, /public\//);
    assert.match(clientSideReason('src/lib/Chat.svelte', '')!, /Svelte component/);
    assert.match(clientSideReason('index.html', '')!, /HTML page/);
  });

  it('does not claim server code', () => {
    assert.equal(clientSideReason('app/route.ts', "import x from 'y';\nconst s = 'use client';"), undefined);
    assert.equal(clientSideReason('server/index.ts', ''), undefined);
    assert.equal(clientSideReason('node_modules/x/public/a.js', ''), undefined);
  });
});

describe('the environment an env file configures', () => {
  it('reads it from the file name', () => {
    assert.equal(environmentOf('.env'), 'development');
    assert.equal(environmentOf('.env.local'), 'development');
    assert.equal(environmentOf('.env.production'), 'production');
    assert.equal(environmentOf('.env.production.local'), 'production');
    assert.equal(environmentOf('.env.prod'), 'production');
    assert.equal(environmentOf('.env.staging'), 'staging');
    assert.equal(environmentOf('.env.example'), undefined);
    assert.equal(environmentOf('config.env'), undefined);
  });
});
