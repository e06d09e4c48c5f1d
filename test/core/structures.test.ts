import * as assert from 'node:assert/strict';
import { BUILTIN_RULES, createScanner, findingMessage } from '../../src/core';
import { gen, hiddenPart } from '../helpers/fake-keys';

/**
 * Credentials known by the structure around them (issue 16): the message a user reads, and the
 * look-alikes that must stay quiet. The positive formats are in test/formats/formats.json.
 */
const scanner = createScanner(BUILTIN_RULES);
const CRYPT = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
// With a capital, as password policies ask: an all-lowercase word and digits (`ldutaxiu-5761`, 0.16%
// of this shape's draws) reads as a slug (`release-2024`) to the password judgement, and is missed.
const password = (): string => `${gen.chars('ABCDEFGHJKLMNPQRSTUVWXYZ', 1)}${gen.alnum(7)}-${gen.chars('0123456789', 4)}`;

describe('structures and password hashes', () => {
  it('reports a committed password hash as a warning that says it can be cracked offline, masked', () => {
    const hash = `$2y$10$${gen.chars(CRYPT, 53)}`;
    const line = `INSERT INTO users (email, password) VALUES ('ops@acme.io', '${hash}');`;
    const [f, ...rest] = scanner.scan(line);
    assert.equal(rest.length, 0, 'one finding');
    assert.equal(f.ruleId, 'bcrypt-hash');
    assert.equal(f.severity, 'warning');
    const message = findingMessage(f);
    assert.match(message, /^bcrypt password hash \$2y\$10\$\*{4}/);
    assert.match(message, /cracked offline/);
    assert.ok(!message.includes(hiddenPart(hash)), 'the hash is masked');
  });

  it('tells each crypt scheme apart, and leaves a shadow line with a locked account alone', () => {
    const shadow = [
      `alice:$6$${gen.chars(CRYPT, 16)}$${gen.chars(CRYPT, 86)}:19700:0:99999:7:::`,
      `bob:$5$rounds=5000$${gen.chars(CRYPT, 16)}$${gen.chars(CRYPT, 43)}:19700:0:99999:7:::`,
      `carol:$1$${gen.chars(CRYPT, 8)}$${gen.chars(CRYPT, 22)}:19700:0:99999:7:::`,
      'daemon:*:19700:0:99999:7:::',
      'nobody:!:19700:0:99999:7:::',
    ].join('\n');
    assert.deepEqual(
      scanner.scan(shadow).map(f => f.ruleId),
      ['sha512-crypt-hash', 'sha256-crypt-hash', 'md5-crypt-hash'],
    );
  });

  it('finds a base64 private key but not a base64 certificate', () => {
    const body = Array.from({ length: 5 }, () => gen.base64(64).slice(0, 64)).join('\n');
    const key = btoa(`-----BEGIN EC PRIVATE KEY-----\n${body}\n-----END EC PRIVATE KEY-----\n`);
    const cert = btoa(`-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`);
    const manifest = `apiVersion: v1\nkind: Secret\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${cert}\n  tls.key: ${key}\n`;
    const found = scanner.scan(manifest);
    assert.deepEqual(
      found.map(f => [f.ruleId, manifest.slice(f.start, f.end) === key]),
      [['private-key-base64', true]],
    );
  });

  it('reads the password of a .netrc entry, a curl -u, PowerShell, PsExec, NetworkCredential and Gradle', () => {
    const cases: Array<[string, string]> = [
      ['netrc-password', `machine git.acme.io\n  login ci\n  password {}`],
      ['curl-user-password', `curl --user deploy:{} https://repo.acme.io/api/upload`],
      ['powershell-plaintext-password', `$cred = ConvertTo-SecureString '{}' -AsPlainText -Force`],
      ['psexec-password', `PsExec.exe \\\\db02 -u ACME\\backup -p {} sqlcmd -Q "BACKUP"`],
      ['dotnet-network-credential', `var c = new System.Net.NetworkCredential(@"ACME\\svc", "{}");`],
      ['gradle-credentials-password', `maven {\n  credentials {\n    username "ci"\n    password "{}"\n  }\n}`],
    ];
    for (const [rule, template] of cases) {
      const secret = password();
      const text = template.replace('{}', secret);
      const found = scanner.scan(text);
      assert.deepEqual(
        found.map(f => [f.ruleId, text.slice(f.start, f.end)]),
        [[rule, secret]],
        template,
      );
    }
  });

  it('stays quiet on variables, placeholders and prose in the same structures', () => {
    const quiet = [
      'machine git.acme.io login ci password $GIT_PASSWORD',
      'machine git.acme.io login ci password <password>',
      'curl -u "$API_USER:$API_PASSWORD" https://api.acme.io',
      'curl -u admin:${ADMIN_PASSWORD} https://api.acme.io',
      '$cred = ConvertTo-SecureString $env:SVC_PASSWORD -AsPlainText -Force',
      '$cred = ConvertTo-SecureString "<your password>" -AsPlainText -Force',
      'psexec \\\\db02 -u ACME\\backup -p %BACKUP_PASSWORD% cmd',
      'new NetworkCredential(user, config["SmtpPassword"])',
      "    password System.getenv('MAVEN_PASSWORD')",
      "    password findProperty('repoPassword')",
      'Enter the machine name, then the password of the account.',
    ];
    for (const text of quiet) assert.deepEqual(scanner.scan(text), [], text);
  });
});
