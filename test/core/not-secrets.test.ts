import * as assert from 'node:assert/strict';
import { BUILTIN_RULES, createScanner } from '../../src/core';
import { fake, gen } from '../helpers/fake-keys';

const scanner = createScanner(BUILTIN_RULES);
const report = (text: string): string[] => scanner.scan(text).map(f => `${f.ruleId}@${f.severity}`);

/** Each case is text a real project holds, in which there is no secret to report. */
const CASES: Array<[string, () => string]> = [
  ['a your-api-key-here placeholder', () => 'OPENAI_API_KEY=your-api-key-here'],
  ['an angle-bracket placeholder', () => 'api_key: <YOUR_KEY>'],
  ['x-ed out keys', () => `const token = "ghp_${'x'.repeat(36)}";\nSTRIPE_SECRET_KEY=sk_live_${'X'.repeat(30)}`],
  ['starred out values', () => 'password: "************"'],
  ['changeme', () => 'DB_PASSWORD=changeme'],
  ['a ${VAR} template', () => 'password: ${DB_PASSWORD}'],
  ['a {{ var }} template', () => 'api_key: "{{ vault_api_key }}"'],
  ['a %(var)s format', () => 'password = "%(db_password)s"'],
  ['a $VAR reference', () => 'export API_TOKEN=$CI_API_TOKEN'],
  ['process.env reads', () => 'const apiKey = process.env.OPENAI_API_KEY;\nconst secret = process.env["JWT_SECRET"];'],
  ['os.environ and getenv reads', () => 'API_KEY = os.environ["API_KEY"]\ntoken = os.getenv("GITHUB_TOKEN")'],
  [
    'Go, Java, Ruby and C# env reads',
    () =>
      'token := os.Getenv("TOKEN")\nString password = System.getenv("DB_PASSWORD");\napi_key = ENV.fetch("API_KEY")\nvar secret = Environment.GetEnvironmentVariable("SECRET");',
  ],
  ['a GitHub Actions secret reference', () => 'token: ${{ secrets.GITHUB_TOKEN }}'],
  [
    'values marked as examples',
    () => `api_key = "example-${gen.alnum(20)}"\npassword = "dummy_${gen.alnum(10)}"\ntoken = "fake-${gen.alnum(24)}"\nsecret = "sample${gen.alnum(20)}"`,
  ],
  ['values marked as tests', () => `STRIPE_SECRET_KEY=sk_test_${gen.alnum(24)}\napi_key = "test_${gen.alnum(24)}"`],
  ["AWS's documented example keys", () => 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
  [
    'a public key',
    () =>
      `-----BEGIN PUBLIC KEY-----\n${gen.base64(64)}\n${gen.base64(64)}\n-----END PUBLIC KEY-----\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${gen.base64(43)} deploy@ci`,
  ],
  [
    'ignore-file lines held in code: a negation and globs beside a secret-sounding word',
    () => "const IGNORE = ['.env', 'secrets', '!secrets/.env', '*.pem'];\nconst patterns = ['tokens', '**/*.pem', 'password', '!keys/dev.key'];",
  ],
  ['hex digests', () => `sha256 = "${gen.hex(64)}"\nchecksum: ${gen.hex(40)}\nmd5: "${gen.hex(32)}"`],
  ['SRI integrity strings', () => `"integrity": "sha512-${gen.base64(86)}=="\n<script integrity="sha384-${gen.base64(64)}"></script>`],
  ['git SHAs', () => `commit ${gen.hex(40)}\n"resolved": "git+https://github.com/acme/lib.git#${gen.hex(40)}"`],
  [
    'UUIDs',
    () =>
      `request_id = "${gen.hex(8)}-${gen.hex(4)}-4${gen.hex(3)}-a${gen.hex(3)}-${gen.hex(12)}"\ntoken_id: ${gen.hex(8)}-${gen.hex(4)}-4${gen.hex(3)}-a${gen.hex(3)}-${gen.hex(12)}`,
  ],
  ['a base64 data URI', () => `const icon = "data:image/png;base64,${gen.base64(400)}";\nsecret_image = "data:image/svg+xml;base64,${gen.base64(200)}"`],
  ['camelCase identifiers', () => 'const token = "accessTokenStorageKey";\nconst secret = "clientSecretOrAuthorizationCode";'],
  ['repeated and sequential characters', () => 'password = "aaaaaaaaaaaa"\napi_key = "abcdefghijklmnop"\ntoken = "1234567890123456"'],
  ['UI labels', () => '"password": "Passwort",\n"forgot_password": "Forgot your password?",\n"token_label": "Access token"'],
  [
    'settings about secrets',
    () => 'token_ttl = "3600s"\npassword_min_length: 12\nsecret_name: "prod-db-credentials"\nTOKEN_URL=https://auth.acme.io/oauth/token',
  ],
  ['LLM token counts', () => 'max_tokens: 1024\n"prompt_tokens": 31,'],
  [
    'an npm lockfile entry',
    () =>
      `"node_modules/secret-handshake": {\n  "version": "1.1.21",\n  "resolved": "https://registry.npmjs.org/secret-handshake/-/secret-handshake-1.1.21.tgz",\n  "integrity": "sha512-${gen.base64(86)}=="\n}`,
  ],
  ['local dev database defaults', () => 'DATABASE_URL=postgres://postgres:postgres@localhost:5432/app\nREDIS_URL=redis://:password@localhost:6379'],
  ['credentials for documentation domains', () => 'const u = new URL("https://user:hunter22@example.com/path");'],
  ['a JWT header alone', () => 'token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"'],
  [
    'a provider keyword followed by an identifier, not a literal',
    () =>
      'exports.FIREWORKS_API_KEY = fireworksApiKeyFromSettings;\nconst OPENAI_API_KEY = openAiKeyFromTheVaultClient;\nDEEPSEEK_API_KEY: DeepseekKeyFromConfig',
  ],
  [
    'values redacted with an ellipsis (U+2026) or three dots',
    () => `api_key = "sk-proj-${gen.alnum(4)}\u2026"\npassword: "${gen.alnum(4)}\u2026${gen.alnum(3)}"\ntoken = "${gen.alnum(6)}..."`,
  ],
  [
    'HTML-escaped placeholders in documentation pages',
    () => 'password: "&lt;your-password&gt;"\napi_key = "&lt;API_KEY&gt;"\n<code>DB_PASSWORD=&quot;&lt;password&gt;&quot;</code>',
  ],
  [
    'minified code that copies a password field into a URL',
    () =>
      'var u=n.protocol+"//"+n.username+":"+n.password+"@"+n.host;function f(s,r){s.password=r.password,s.host=r.host}\nx={password:r.password,uri:"mongodb://u:"+s.password+"@h"}\n' +
      // A URL parser's state machine, as a polyfill bundles it: a host= before a ; reads like a connection string.
      'if(r.host){s.host=r.host,s.port=r.port,c=wg;continue}s.username=r.username,s.password=r.password,s.host=r.host,s.port=r.port,s.query=r.query,s.fragment="",c=Og}',
  ],
  ['a PEM key cut short in a doc comment', () => `/**\n * -----BEGIN PRIVATE KEY-----\n * ${gen.base64(64)}\n * ...\n * -----END PRIVATE KEY-----\n */`],
  // Seen in published npm packages (pdfjs, @babel/parser, firebase, next, @angular/core, aws-sdk).
  [
    "a source map's list of names",
    () =>
      '{"version":3,"names":["afterNext","readToken_lt","readToken_gt","signInWithIdp","_N_E_STYLE_LOAD","PasswordCredential","Path2D","#decodeUserPassword","halfAMinute2"]}\n' +
      'builtinFunctions: ["DECRYPTBYKEY","DECRYPTBYPASSPHRASE","ENCRYPTBYASYMKEY","ENCRYPTBYCERT"],',
  ],
  [
    "an API's paths held by constants named for what they do",
    () => "  RESET_PASSWORD = '/v1/accounts:resetPassword',\n  SIGN_IN_WITH_PASSWORD = '/v1/accounts:signInWithPassword',",
  ],
  ['names of types that hold a secret word', () => '  VerifyPassword = "identitytoolkit#VerifyPasswordResponse",'],
  [
    'internal and private names as values',
    () => 'const HYDRATION_INFO_KEY = \'__ngDebugHydrationInfo__\';\nexport type CriterionKey = "EC2_INSTANCE_ARN"|"SCAN_ID";',
  ],
  ["a paginator's result key", () => '"DescribeDBProxyEndpoints": { "input_token": "Marker", "output_token": "Marker", "result_key": "DBProxyEndpoints" },'],
  [
    'minified code after a message that ends in a secret word',
    () =>
      'catch(e){this.log_("Failed to get token: "+e),o||(this.repoInfo_.nodeAdmin&&warn(e),closeFn())}}}interrupt(e){log("Interrupting connection")}\n' +
      'throw new TypeError("Request cannot be constructed from a URL that includes credentials: "+e)}i=makeRequest({urlList:[t]});l="cors"}\n' +
      'r.push(this.algorithm+" Credential="+e.accessKeyId+"/"+a),r.push("SignedHeaders="+this.signedHeaders())\n' +
      'e={DefaultRestParameter:"Unexpected token =",DuplicateBinding:"Duplicate binding %0"}',
  ],
  ['words in base64, as a documentation example', () => ' * For example: "rawKey": "SGVsbG8gZnJvbSBHb29nbGUgQ2xvdWQgUGxhdGZvcm0="'],
  ['a run of letters and digits that starts with EAA inside a base64 blob', () => `const wasm = "${gen.base64(60)}+EAA${gen.alnum(140)}/${gen.base64(60)}";`],
];

describe('not secrets', () => {
  for (const [what, text] of CASES) {
    it(`does not report ${what}`, () => {
      assert.deepEqual(report(text()), []);
    });
  }

  it("reports the Azurite emulator's published account key as information only, with a note", () => {
    // Microsoft publishes it for local development; built here from its parts so this file holds no key pattern.
    const published = ['Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq', 'K1SZFPTOtr', 'KBHBeksoGMGw=='].join('/');
    const [f] = scanner.scan(
      `const conn = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${published};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";`,
    );
    assert.equal(f.ruleId, 'azure-storage-account-key');
    assert.equal(f.severity, 'info');
    assert.match(f.note ?? '', /Azurite/);
    assert.deepEqual(report(`AccountName=acmeprod;AccountKey=${gen.base64(86)}==`), ['azure-storage-account-key@error']);
  });

  it('reports a Stripe publishable key as information only', () => {
    assert.deepEqual(report(`const stripe = Stripe("pk_live_${gen.alnum(24)}");`), ['stripe-publishable-key@info']);
  });

  it('reports a Google key in a Firebase web config as information only, with a note', () => {
    const [f] = scanner.scan(`const firebaseConfig = {\n  apiKey: "AIza${gen.base64url(35)}",\n  authDomain: "acme.firebaseapp.com",\n};`);
    assert.equal(f.ruleId, 'google-api-key');
    assert.equal(f.severity, 'info');
    assert.match(f.note ?? '', /Firebase/);
  });

  it('still reports a Google key outside a Firebase config as an error', () => {
    assert.deepEqual(report(`GEMINI_API_KEY=AIza${gen.base64url(35)}`), ['google-api-key@error']);
  });

  it('reports a real-looking password for a local database as a warning, not an error', () => {
    assert.deepEqual(report(`DATABASE_URL=postgres://app:${gen.alnum(20)}@localhost:5432/app`), ['postgres-connection-string@warning']);
    assert.deepEqual(report(`DATABASE_URL=postgres://app:${gen.alnum(20)}@db.acme.internal:5432/app`), ['postgres-connection-string@error']);
  });

  it('shows the connection string around a masked password', () => {
    const [f] = scanner.scan(`DATABASE_URL=postgres://app:${gen.alnum(20)}@db.acme.internal:5432/orders`);
    assert.equal(f.masked, 'postgres://app:****@db.acme.internal:5432/orders');
  });

  it('still reports a token of random letters and digits in a flat list of names and values', () => {
    // Hex after a letter: random letters and digits read as words about once in 700 (see madeOfWords); hex never did in 100,000 draws.
    const token = `a${gen.hex(39)}`;
    assert.deepEqual(report(`const env = ["NODE_ENV", "production", "API_TOKEN", "${token}", "PORT", "8080"];`), ['generic-secret-pair@warning']);
  });

  it('still reports a password given on a command line, in the middle of its arguments', () => {
    assert.deepEqual(report(`spawn('mysql', ['-u', 'root', '--password', '${gen.alnum(8)}Qx7${gen.alnum(6)}', 'orders']);`), ['generic-secret-pair@warning']);
  });

  it('still reports a Facebook token after = in a URL and in quotes', () => {
    const token = `EAAB${gen.alnum(180)}`;
    assert.deepEqual(report(`fetch("https://graph.facebook.com/me?access_token=${token}")`), ['facebook-access-token@error']);
    assert.deepEqual(report(`const token = '${token}';`), ['facebook-access-token@error']);
  });

  it('reports a key that only happens to be near the word "example"', () => {
    assert.deepEqual(report(`# example config\nANTHROPIC_API_KEY=${fake.anthropic()}`), ['anthropic-api-key@error']);
  });
});
