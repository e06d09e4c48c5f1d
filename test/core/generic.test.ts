import * as assert from 'node:assert/strict';
import { BUILTIN_RULES, createScanner } from '../../src/core';
import { gen } from '../helpers/fake-keys';

const scanner = createScanner(BUILTIN_RULES);

/** A random value that looks like a real secret: mixed case, digits, a symbol. */
const value = (): string => `${gen.alnum(14)}${gen.chars('!%^*+=', 1)}${gen.chars('0123456789', 3)}`;

/** One secret-named binding per language and format the issue lists. */
const SYNTAXES: Array<[string, (v: string) => string, string]> = [
  ['JavaScript', v => `const apiKey = "${v}";`, 'apiKey'],
  ['TypeScript', v => `const clientSecret: string = '${v}';`, 'clientSecret'],
  ['JS object', v => `const config = { password: '${v}', port: 5432 };`, 'password'],
  ['Python', v => `DB_PASSWORD = "${v}"`, 'DB_PASSWORD'],
  ['Python kwargs', v => `connect(host="db", password="${v}")`, 'password'],
  ['Python dict', v => `settings = {"api_key": "${v}"}`, 'api_key'],
  ['Go', v => `apiToken := "${v}"`, 'apiToken'],
  ['Go struct', v => `cfg := Config{Password: "${v}", Port: 5432}`, 'Password'],
  ['Go var', v => `var authToken string = "${v}"`, 'authToken'],
  ['Java', v => `private static final String API_KEY = "${v}";`, 'API_KEY'],
  ['Kotlin', v => `val secretKey: String = "${v}"`, 'secretKey'],
  ['C#', v => `var accessKey = @"${v}";`, 'accessKey'],
  ['C# property', v => `options.ClientSecret = "${v}";`, 'options.ClientSecret'],
  ['Ruby', v => `config.api_key = '${v}'`, 'config.api_key'],
  ['Ruby hash', v => `{ :password => '${v}' }`, 'password'],
  ['PHP', v => `$dbPassword = '${v}';`, 'dbPassword'],
  ['PHP array', v => `'secret' => '${v}',`, 'secret'],
  ['Rust', v => `const API_TOKEN: &str = "${v}";`, 'API_TOKEN'],
  ['Swift', v => `let apiKey = "${v}"`, 'apiKey'],
  ['shell', v => `export GITLAB_ACCESS_TOKEN="${v}"`, 'GITLAB_ACCESS_TOKEN'],
  ['shell bare', v => `DEPLOY_TOKEN=${v}`, 'DEPLOY_TOKEN'],
  ['YAML', v => `database:\n  password: ${v}\n`, 'password'],
  ['YAML quoted', v => `auth:\n  client_secret: "${v}"\n`, 'client_secret'],
  ['TOML', v => `[service]\napi_key = "${v}"\n`, 'api_key'],
  ['INI', v => `[db]\npassword = ${v}\n`, 'password'],
  ['properties', v => `spring.datasource.password=${v}\n`, 'spring.datasource.password'],
  ['XML element', v => `<configuration><password>${v}</password></configuration>`, 'password'],
  ['XML appSettings', v => `<add key="PaymentApiKey" value="${v}" />`, 'PaymentApiKey'],
  ['JSON', v => `{\n  "auth_token": "${v}"\n}`, 'auth_token'],
  ['HCL', v => `variable "db" {\n  password = "${v}"\n}`, 'password'],
  ['dotenv', v => `SESSION_SECRET=${v}\n`, 'SESSION_SECRET'],
  ['HTTP header', v => `X-Api-Key: ${v}\n`, 'X-Api-Key'],
  ['call pair', v => `os.Setenv("SERVICE_TOKEN", "${v}")`, 'SERVICE_TOKEN'],
  ['PHP .=', v => `$password .= '${v}';`, 'password'],
  ['Makefile :=', v => `DB_PASSWORD := ${v}\n`, 'DB_PASSWORD'],
  ['Makefile ::=', v => `DB_PASSWORD ::= ${v}\n`, 'DB_PASSWORD'],
  ['Makefile :::=', v => `API_TOKEN :::= ${v}\n`, 'API_TOKEN'],
  ['Makefile ?=', v => `SECRET_KEY ?= ${v}\n`, 'SECRET_KEY'],
  ['Makefile +=', v => `AUTH_TOKEN += ${v}\n`, 'AUTH_TOKEN'],
  ['Rust raw string', v => `let password = r#"${v}"#;`, 'password'],
  ['a .env held in a JSON string', v => `{"files": {".env": "DEBUG=1\\nSESSION_SECRET=${v}\\nPORT=3000"}}`, 'SESSION_SECRET'],
  ['an .ini held in a JSON string', v => `{"ini": "[db]\\npassword = ${v}\\n"}`, 'password'],
  ['XML element on its own line', v => `<configuration>\n  <password>\n    ${v}\n  </password>\n</configuration>`, 'password'],
  ['Android string resource', v => `<resources>\n  <string name="api_key">${v}</string>\n</resources>`, 'api_key'],
];

describe('passwords people type', () => {
  it('reports a quoted passphrase of words, capitals and digits, and one holding dots, under a password name', () => {
    // Built at run time: the repository scans itself.
    for (const pass of [['Quartz', 'River774'].join('_'), ['blue', 'Falcon', '42'].join('.')]) {
      const [f] = scanner.scan(`const dbPassword = "${pass}";`);
      assert.equal(f?.ruleId, 'generic-secret', pass.length.toString());
    }
  });

  it('still reads an unquoted identifier after a password name as code', () => {
    assert.deepEqual(scanner.scan('password = userPassword2\n'), []);
    assert.deepEqual(scanner.scan('const apiToken = "AccessToken_With_AuthScheme2";'), []);
  });
});

describe('generic secrets in context', () => {
  for (const [syntax, write, name] of SYNTAXES) {
    it(`reports a secret-named value in ${syntax}, exactly on the value, with its name`, () => {
      const v = value();
      const text = write(v);
      const findings = scanner.scan(text);
      assert.equal(findings.length, 1, `${syntax}: ${JSON.stringify(findings.map(f => f.ruleId))}`);
      const [f] = findings;
      assert.match(f.ruleId, /^generic-secret/);
      assert.equal(text.slice(f.start, f.end), v);
      assert.equal(f.name, name);
    });
  }

  it('names the env var from the assigned name', () => {
    const names = ['stripeSecret', 'db.password', 'apiKey', 'SESSION_SECRET'].map(n => scanner.scan(`${n} = "${value()}"`)[0]?.envVar);
    assert.deepEqual(names, ['STRIPE_SECRET', 'DB_PASSWORD', 'API_KEY', 'SESSION_SECRET']);
  });

  it('calls a password a password and a token a token', () => {
    assert.equal(scanner.scan(`password = "${value()}"`)[0].description, 'password');
    assert.equal(scanner.scan(`authToken = "${value()}"`)[0].description, 'token');
  });

  it('reports short human passwords under a password name, but not under other names', () => {
    const human = ['Tr0ub4', 'dor&3'].join(''); // joined at run time: the repository scans itself
    assert.equal(scanner.scan(`password = "${human}"`).length, 1);
    assert.equal(scanner.scan(`token = "${human}"`).length, 0);
  });
});

describe('generic-secret: the quick look at a keyword before the pattern runs', () => {
  // The same rules without the quick look: every hit runs the pattern and is judged after it.
  const slow = createScanner(BUILTIN_RULES.map(r => (r.prefilter?.vetoAt ? { ...r, prefilter: { ...r.prefilter, vetoAt: undefined } } : r)));
  const summary = (text: string, s = scanner) => s.scan(text).map(f => `${f.ruleId}@${f.start}-${f.end}`);

  it('finds exactly what running and judging every match finds, over names that are labels, secrets, or both', () => {
    const keywords = [
      'password',
      'Passwd',
      'pwd',
      'secret',
      'TOKEN',
      'apiKey',
      'api_key',
      'API-KEY',
      'auth_token',
      'credential',
      'credentials',
      'CredentialS',
      'client_secret',
      'accessKey',
    ];
    const rests = [
      '',
      'Key',
      '_name',
      'Header',
      's',
      'sName',
      'Type',
      '_hash',
      'Value',
      '_secret',
      'Ids',
      'Storage_Key',
      '-field',
      'Prod',
      '2',
      'size',
      'ize',
      `_${'x'.repeat(29)}`,
      `_${'x'.repeat(30)}`,
      'NameSecret',
    ];
    const befores = ['', 'db', 'my_', 'public_', 'config.', 'x-'];
    const shapes = [
      (n: string, v: string) => `${n} = "${v}"`,
      (n: string, v: string) => `const ${n}: string = '${v}';`,
      (n: string, v: string) => `${n}: ${v}\n`,
      (n: string, v: string) => `${n}=${v}\n`,
    ];
    let lines = 0;
    for (const k of keywords)
      for (const rest of rests)
        for (const before of befores)
          for (const shape of shapes) {
            const text = `// x\n${shape(before + k + rest, value())}\n`;
            // The failure names the line with its value hidden: no test output shows a secret in full.
            assert.deepEqual(summary(text), summary(text, slow), shape(before + k + rest, '****'));
            lines++;
          }
    // And the cases it exists for are among them: labels the pattern matches and the judge drops.
    assert.deepEqual(summary('tokenKey = "accessTokenStorageKey1"\n'), []);
    assert.ok(lines > 6000);
  });
});

describe('generic-secret: the words after the keyword', () => {
  // How a name's rest splits into words decides whether it is a label: the cases at the edges of
  // the split (case changes, digits, separators, plurals, long words) each way.
  const cases: Array<[rest: string, label: boolean]> = [
    ['Name', true],
    ['_NAME', true],
    ['Names', true],
    ['-field', true],
    ['Ids', true],
    ['2Url', true],
    ['_v2Header', true],
    ['FieldValue', true],
    ['Storage_Key', true],
    ['__len', true],
    ['_TYPES', true],
    ['-Name', true],
    ['Xurl', false],
    ['URLs', true /* one word, "urls" */],
    ['Prod', false],
    ['_value', false],
    ['s', false],
    ['_2', false],
    ['_expirations', true],
    ['_expirationss', false],
    ['Nameless', false],
    ['_ÜName', true],
  ];
  for (const [rest, label] of cases) {
    it(`apiKey${rest} is ${label ? 'a label' : 'a secret name'}`, () => {
      const found = scanner.scan(`apiKey${rest} = "${value()}"\n`).filter(f => f.ruleId === 'generic-secret');
      assert.equal(found.length, label ? 0 : 1);
    });
  }
});
