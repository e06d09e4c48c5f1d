import * as assert from 'node:assert/strict';
import { EMPTY_CONFIG, parseConfig } from '../../src/core/config';
import { decodeText } from '../../src/node/scan/decode';
import { scannerFor } from '../../src/node/scan/rule-set';
import { scanBatch, scanText } from '../../src/node/scan/scan-batch';
import { textView, viewOf } from '../../src/node/scan/utf8-view';
import { randomInt } from 'node:crypto';
import { fake, gen } from '../helpers/fake-keys';
import { tempDir } from '../helpers/temp-dir';

// A file that is UTF-8 but not all ASCII is judged first from a view of its bytes, without being
// decoded: what it says must agree with the scan of the decoded text.
const scanner = scannerFor(EMPTY_CONFIG);
const NON_ASCII = ['é', 'ü', '€', '—', '…', '中文', '😀', '\u00a0', '\u3000', '\ufeff', 'Ω'];
const random = (): number => randomInt(0, 2 ** 32) / 2 ** 32;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

describe('the view of UTF-8 text that is not all ASCII', () => {
  it('has the decoded text’s length, its ASCII characters where they are, and knows where it replaced the others', () => {
    const text = `\ufeff// Grüße, 😀 — price 5€\nconst s = 'a\u00a0b\u3000c';\n${'x'.repeat(9000)}é${'y'.repeat(100)}\n`;
    const bytes = Buffer.from(text, 'utf8');
    const view = viewOf(bytes);
    assert.ok(view);
    const decoded = decodeText(bytes) as string;
    assert.equal(view.length, decoded.length);
    assert.equal(view.bytes.length, decoded.length);
    for (let i = 0; i < decoded.length; i++) {
      const c = decoded.charCodeAt(i);
      const expected = c < 0x80 ? c : /\s/.test(decoded[i]) ? 0xa0 : 0x80;
      assert.equal(view.slice(0, view.length).charCodeAt(i), expected, `character ${i}`);
      assert.equal(view.bytes[i], expected);
      assert.equal(view.replacedBetween(i, i + 1), c >= 0x80, `replaced at ${i}`);
    }
    assert.equal(view.replacedBetween(0, decoded.length), true);
    const late = decoded.indexOf('é', 100);
    assert.equal(view.replacedBetween(late - 50, late), false);
    assert.equal(view.replacedBetween(late - 50, late + 1), true);
  });

  it('is not made where the text is better decoded: invalid UTF-8, a line separator, non-ASCII text all through', () => {
    assert.equal(textView(Buffer.from([0x61, 0xe9, 0x62, 0x0a])), undefined, 'Latin-1 bytes are not UTF-8');
    assert.equal(textView(Buffer.from('a = 1;\u2028b = 2;\n', 'utf8')), undefined);
    assert.equal(textView(Buffer.from('a = "中文中文中文中文中文中文中文中文";\n'.repeat(50), 'utf8')), undefined);
    assert.equal(viewOf(Buffer.from('all ascii\n')), undefined, 'a short ASCII text is its own string');
    assert.equal(viewOf(Buffer.from('\ufeffé', 'utf16le')), undefined, 'a wide encoding is decoded as such');
  });

  it('is never cleared where the decoded text holds a finding (random texts mixing keys, passwords and non-ASCII)', () => {
    const secretWord = ['pass', 'word'].join('');
    const keys = [fake.anthropic, fake.openai, fake.awsKeyId, fake.github, () => fake.pem()];
    let cleared = 0;
    let found = 0;
    for (let round = 0; round < 400; round++) {
      const lines: string[] = [];
      for (let l = 0; l < 6; l++) {
        const noise = () => (random() < 0.5 ? pick(NON_ASCII) : '');
        switch (Math.floor(random() * 12)) {
          case 0:
            lines.push(`const key = '${pick(keys)()}'; // ${noise()}`);
            break;
          case 1: {
            // A password that may hold non-ASCII characters itself: its entropy and shape are the characters'.
            const value = `${gen.alnum(4)}${noise()}${gen.alnum(3)}${noise()}!${gen.chars('0123456789', 2)}`;
            lines.push(`${secretWord}${noise()} = "${value}"`);
            break;
          }
          case 2:
            lines.push(`// ${noise()} comment ${noise()} ${gen.alnum(8)}`);
            break;
          case 3:
            lines.push(`label${noise()} = "${noise()}${gen.alnum(12)}${noise()}"`);
            break;
          default:
            lines.push(`const n${l} = compute(${noise() ? `'${pick(NON_ASCII)}'` : '1'});`);
        }
      }
      const text = `${lines.join(random() < 0.3 ? '\r\n' : '\n')}\n`;
      const bytes = Buffer.from(text, 'utf8');
      const view = viewOf(bytes);
      if (!view) continue;
      const findings = scanner.scan(decodeText(bytes) as string, { checkedText: true });
      if (scanner.clearOfSecrets(view, { checkedText: true })) {
        cleared++;
        assert.deepEqual(
          findings.map(f => `${f.ruleId} ${f.masked}`),
          [],
          'the view said clear',
        );
      } else if (findings.length > 0) {
        found++;
      }
    }
    assert.ok(cleared > 50 && found > 50, `both outcomes seen (${cleared} clear, ${found} with findings)`);
  });

  it('is given up where a match covers a replaced character: a project rule taking any character finds its secret', () => {
    // The view reads every non-ASCII character of the value as U+0080, which the project's
    // allowlist lets through (it names values without an ö); the text's own value has one.
    const { config, problems } = parseConfig(
      JSON.stringify({
        rules: [{ id: 'kennwort', regex: 'kennwort="([^"]{8,40})"', secretGroup: 1, keywords: ['kennwort='] }],
        allowlist: { values: ['^[^ö]{0,40}$'] },
      }),
    );
    assert.deepEqual(problems, []);
    const project = scannerFor(config);
    const value = [...'ÄÖÜßéèêëñøåçö'].sort(() => random() - 0.5).join('');
    const text = `${'const total = items.reduce((sum, item) => sum + item.price, 0);\n'.repeat(20)}kennwort="${value}"\n`;
    const view = textView(Buffer.from(text, 'utf8'));
    assert.ok(view);
    assert.deepEqual(
      project.scan(text).map(f => f.ruleId),
      ['kennwort'],
    );
    assert.equal(project.clearOfSecrets(view), false);
  });

  it('is given up by a project rule that spells a non-ASCII character, from its first run on, the view read first', () => {
    // The rule's pattern is made at its first run: here, on the view, where its "ü" reads as
    // U+0080 and would never match. The view is given up there, and every view after it.
    const { config, problems } = parseConfig(
      JSON.stringify({ rules: [{ id: 'schluessel', regex: 'schlüssel="([A-Za-z0-9]{20,40})"', secretGroup: 1, keywords: ['schl'] }] }),
    );
    assert.deepEqual(problems, []);
    const value = Array.from({ length: 32 }, () => 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'[Math.floor(random() * 57)]).join('');
    const text = `// Schlüsselbund\n${'const total = items.reduce((sum, item) => sum + item.price, 0);\n'.repeat(20)}schlüssel="${value}"\n`;
    const project = scannerFor(config);
    const view = textView(Buffer.from(text, 'utf8'));
    assert.ok(view);
    assert.equal(project.clearOfSecrets(view), false, 'the view read before the text');
    const plain = textView(Buffer.from(`// Schlüsselbund\n${'const total = 1;\n'.repeat(20)}`, 'utf8'));
    assert.ok(plain);
    assert.equal(project.clearOfSecrets(plain), false, 'a view after the rule has run');
    assert.deepEqual(
      project.scan(text).map(f => f.ruleId),
      ['schluessel'],
    );
  });

  it('clears a text with non-ASCII characters and no secret, without decoding it', () => {
    const code = 'const token = getToken(options);\nconst total = items.reduce((sum, item) => sum + item.price, 0);\n';
    const text = `// Übersicht — ${'€'.repeat(3)}\n${code}const greeting = 'héllo wörld';\n${code}`.repeat(200);
    const view = textView(Buffer.from(text, 'utf8'));
    assert.ok(view);
    assert.equal(scanner.scan(text).length, 0);
    assert.equal(scanner.clearOfSecrets(view), true);
  });
});

describe('the view made in the bytes read (a scan of files)', () => {
  const texts = [
    `\ufeff// Grüße, 😀 — price 5€\nconst s = 'a\u00a0b\u3000c';\n${'x'.repeat(9000)}é${'y'.repeat(100)}\n`,
    `${'é'.repeat(3)}${'a'.repeat(70)}😀😀\n`,
    '\ufeffplain after a byte order mark\n',
  ];

  it('is the view made in a buffer of its own, and says the bytes were rewritten', () => {
    for (const text of texts) {
      const bytes = Buffer.from(text, 'utf8');
      const apart = viewOf(Buffer.from(bytes));
      assert.ok(apart);
      const copy = { length: apart.length, bytes: Buffer.from(apart.bytes), text: apart.slice(0, apart.length) };
      const replaced = Array.from({ length: apart.length }, (_, i) => apart.replacedBetween(i, i + 1));
      const here = viewOf(bytes, true);
      assert.ok(here);
      assert.equal(apart.rewritten, false);
      assert.equal(here.rewritten, true);
      assert.equal(here.length, copy.length);
      assert.deepEqual(Buffer.from(here.bytes), copy.bytes);
      assert.equal(here.slice(0, here.length), copy.text);
      assert.deepEqual(
        Array.from({ length: here.length }, (_, i) => here.replacedBetween(i, i + 1)),
        replaced,
      );
      assert.equal(here.bytes.buffer, bytes.buffer, 'made in the bytes themselves');
    }
  });

  it('leaves the bytes as they were where there is no view', () => {
    for (const text of ['a = 1; é\u2028b = 2;\n', `é${'a'.repeat(40)}${'中文'.repeat(40)}\n`]) {
      const bytes = Buffer.from(text, 'utf8');
      assert.equal(viewOf(bytes, true), undefined);
      assert.equal(bytes.toString('utf8'), text);
    }
  });

  it('gives a file it cannot clear the findings of its text, read again, at their lines and columns', () => {
    const key = fake.anthropic();
    // Non-ASCII characters early (the view is shorter than the bytes by two hundred), the key at the end.
    const text = `// ${'€'.repeat(100)} Übersicht 😀\n${'const total = items.reduce((sum, item) => sum + item.price, 0);\n'.repeat(40)}const greeting = 'héllo wörld';\nconst key = '${key}';\n`;
    const dir = tempDir({ 'src/config.ts': text, 'src/plain.ts': 'const a = "é";\n' });
    try {
      const files = [`${dir.path}/src/config.ts`, `${dir.path}/src/plain.ts`];
      const results = scanBatch(scanner, files, 1 << 20, false);
      const expected = scanText(scanner, text, true, undefined, false, files[0]);
      assert.equal(expected.length, 1);
      assert.equal(results.length, 1, 'the plain file is cleared');
      const [index, outcome] = results[0];
      assert.equal(index, 0);
      assert.ok('findings' in outcome);
      assert.deepEqual(
        outcome.findings.map(f => [f.ruleId, f.line, f.column, f.start, f.end]),
        expected.map(f => [f.ruleId, f.line, f.column, f.start, f.end]),
      );
      assert.equal(text.slice(outcome.findings[0].start, outcome.findings[0].end), key);
    } finally {
      dir.dispose();
    }
  });
});

describe('a long text read in windows, never whole', () => {
  const filler = 'const total = items.reduce((sum, item) => sum + item.price, 0); // token refresh\n';
  const CORE = 96 * 1024;
  /** `size` characters of code, with `insert` so that its character `at` falls on `position`. */
  const around = (size: number, position: number, insert: string, at = 0): string => {
    const before = filler.repeat(Math.ceil(position / filler.length)).slice(0, position - at);
    const rest = size - before.length - insert.length;
    return before + insert + filler.repeat(Math.ceil(rest / filler.length)).slice(0, rest);
  };
  const keys: Array<[string, () => string]> = [
    ['anthropic-api-key', fake.anthropic],
    ['github-pat', fake.github],
    ['aws-access-key-id', fake.awsKeyId],
    ['private-key', () => fake.pem()],
  ];

  it('finds a key wherever it falls against the windows: across a core’s end, at the text’s ends', () => {
    let tried = 0;
    for (const [, key] of keys) {
      for (const position of [5, CORE - 40, CORE - 3, CORE, CORE + 7, 2 * CORE - 1, 3 * CORE + 100]) {
        for (const ascii of [true, false]) {
          const secret = key();
          const insert = `\nconst key = '${secret}';${ascii ? '' : ' // clé'}\n`;
          // The key's first, middle and last characters on the position in turn.
          for (const at of [1, 14, 14 + Math.floor(secret.length / 2), 14 + secret.length - 1]) {
            const text = around(3 * CORE + 4000, position, insert, at);
            const bytes = Buffer.from(text, 'utf8');
            const view = viewOf(bytes);
            assert.ok(view && view.length >= 120_000);
            assert.equal(scanner.scan(decodeText(bytes) as string).length, 1);
            assert.equal(scanner.clearOfSecrets(view), false, `a key at ${position - at}, ${ascii ? 'ASCII' : 'not ASCII'}`);
            tried++;
          }
        }
      }
    }
    assert.equal(tried, keys.length * 7 * 2 * 4);
  });

  it('finds every key whose start sweeps over a core’s end (keywords in the middle of a key look back)', () => {
    // A Teams webhook's keyword is its host, behind a subdomain its pattern looks back on.
    const teams = (): string =>
      `https://${gen.chars('abcdefghijklmnopqrstuvwxyz', 40)}.webhook.office.com/webhookb2/${gen.uuid()}@${gen.uuid()}/IncomingWebhook/${gen.hex(32)}/${gen.uuid()}`;
    for (const key of [fake.openai, fake.anthropic, fake.github, fake.awsKeyId, teams]) {
      for (let d = -200; d <= 40; d += d >= -70 && d <= 0 ? 1 : 5) {
        const secret = key();
        const text = around(2 * CORE + 4000, CORE + d, `'${secret}'`, 1);
        const view = viewOf(Buffer.from(text));
        assert.ok(view);
        assert.equal(scanner.scan(text).length, 1);
        assert.equal(scanner.clearOfSecrets(view), false, `a key from ${d} around the core's end`);
      }
    }
  });

  it('finds a private key whose block runs over a window (its rule reads further than a window holds)', () => {
    const pem = fake.pem().split('\n');
    const long = [pem[0], ...Array.from({ length: 200 }, () => gen.base64(64)), pem[pem.length - 1]].join('\n');
    // A block of 252 lines (16,380 characters of body, about the most the rule takes) from its
    // header's keyword ending on a core's end runs past what the window reads after the core.
    const longest = [pem[0], ...Array.from({ length: 252 }, () => gen.base64(64)), pem[pem.length - 1]].join('\n');
    const header = '-----BEGIN '.length;
    for (let d = -3; d <= 3; d++) {
      const text = around(3 * CORE, CORE - header + d, `${longest}\n`);
      const view = viewOf(Buffer.from(text));
      assert.ok(view);
      assert.deepEqual(
        scanner.scan(text).map(f => f.ruleId),
        ['private-key'],
      );
      assert.equal(scanner.clearOfSecrets(view), false, `the longest block from ${d} around a core's end`);
    }
    for (const position of [CORE - 200, CORE + 16 * 1024 - 100, 2 * CORE - 19_000]) {
      const text = around(3 * CORE, position, `\n${long}\n`);
      const view = viewOf(Buffer.from(text));
      assert.ok(view);
      assert.deepEqual(
        scanner.scan(text).map(f => f.ruleId),
        ['private-key'],
      );
      assert.equal(scanner.clearOfSecrets(view), false, `a block from ${position}`);
    }
  });

  it('clears a long text without a secret, however many keywords it holds', () => {
    const text = `${filler}const apiKey = getKey('prod');\nconst password = process.env.DB_PASSWORD;\n`.repeat(3000);
    assert.ok(text.length > 3 * CORE);
    assert.equal(scanner.scan(text).length, 0);
    const view = viewOf(Buffer.from(text));
    assert.ok(view);
    assert.equal(scanner.clearOfSecrets(view), true);
    const accented = viewOf(Buffer.from(`${text}// fin de la clé\n`, 'utf8'));
    assert.ok(accented);
    assert.equal(scanner.clearOfSecrets(accented), true);
  });
});
