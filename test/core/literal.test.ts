import * as assert from 'node:assert/strict';
import { BUILTIN_RULES, createScanner } from '../../src/core';
import { toEnvVarName } from '../../src/core/fix/env-name';
import { LiteralCursor } from '../../src/core/literal';
import { seededRandom } from '../../src/core/keygen';
import { fake } from '../helpers/fake-keys';

const scanner = createScanner(BUILTIN_RULES);

describe('finding spans', () => {
  it('gives the enclosing string literal, quotes included', () => {
    const key = fake.anthropic();
    const text = `const k = "${key}";`;
    const [f] = scanner.scan(text);
    assert.equal(text.slice(f.literal!.start, f.literal!.end), `"${key}"`);
  });

  it('gives the whole literal when the secret is part of a larger string', () => {
    const key = fake.openai();
    const text = `headers = { Authorization: 'Bearer ${key}' }`;
    const [f] = scanner.scan(text);
    assert.equal(f.ruleId, 'openai-api-key');
    assert.equal(text.slice(f.literal!.start, f.literal!.end), `'Bearer ${key}'`);
  });

  it('gives no literal for an unquoted value, or a key after a closed string', () => {
    assert.equal(scanner.scan(`KEY=${fake.anthropic()}`)[0].literal, undefined);
    assert.equal(scanner.scan(`x = "a" + ${fake.github()}`)[0].literal, undefined);
  });

  it('skips escaped quotes inside the literal', () => {
    const key = fake.github();
    const text = `s = "say \\"hi\\" ${key} now"`;
    const [f] = scanner.scan(text);
    assert.equal(text.slice(f.literal!.start, f.literal!.end), `"say \\"hi\\" ${key} now"`);
  });

  it('gives the match span around the secret, e.g. a whole connection string', () => {
    const text = `url = "mongodb+srv://app:${'Zx9'.repeat(6)}Q@cluster0.ab1cd.mongodb.net/orders"`;
    const [f] = scanner.scan(text);
    assert.equal(text.slice(f.match.start, f.match.end), text.slice(7, -1));
  });
});

/**
 * The definition the cursor must keep, read backwards from each secret as the doc comment says:
 * the nearest unescaped quote before it on its line, at most 2,048 characters back, with an even
 * number of its kind before it on the line, closed by the same quote before the line ends, at
 * most 16,384 characters on.
 */
function literalByDefinition(text: string, start: number, end: number): { start: number; end: number } | undefined {
  const escaped = (i: number) => {
    let n = 0;
    while (i - n - 1 >= 0 && text[i - n - 1] === '\\') n++;
    return n % 2 === 1;
  };
  const quotes = '"\'`';
  let open = -1;
  let before = 0;
  for (let i = start - 1; i >= 0 && text[i] !== '\n'; i--) {
    if (open < 0 && quotes.includes(text[i]) && !escaped(i)) open = i;
    else if (open >= 0 && text[i] === text[open] && !escaped(i)) before++;
  }
  if (open < 0 || open < start - 2048 || before % 2 === 1) return undefined;
  for (let i = end; i < Math.min(text.length, end + 16384) && text[i] !== '\n'; i++) {
    if (text[i] === text[open] && !escaped(i)) return { start: open, end: i + 1 };
  }
  return undefined;
}

describe('literal cursor', () => {
  it('answers as the definition does, finding after finding, on random text', () => {
    const random = seededRandom(11);
    const pick = (s: string) => s[Math.floor(random() * s.length)];
    let compared = 0;
    let inside = 0;
    for (let round = 0; round < 1000; round++) {
      // Short texts dense in quotes and escapes, and long lines where the 2,048-character limit matters.
      const long = round % 4 === 0;
      const length = long ? 3000 + Math.floor(random() * 20000) : 5 + Math.floor(random() * 200);
      const alphabet = long ? `${'a'.repeat(400)}"'\`\\ ${round % 8 === 0 ? '\n' : ''}` : 'ab"\'`\\\n ';
      let text = '';
      for (let i = 0; i < length; i++) text += pick(alphabet);
      const cursor = new LiteralCursor(text);
      for (let start = Math.floor(random() * 10); start < text.length; ) {
        const end = Math.min(text.length, start + 1 + Math.floor(random() * 30));
        const expected = literalByDefinition(text, start, end);
        assert.deepEqual(cursor.at(start, end), expected, `round ${round}, [${start}, ${end})`);
        compared++;
        if (expected) inside++;
        start = end + Math.floor(random() * (long && random() < 0.2 ? 6000 : 40));
      }
    }
    assert.ok(compared > 8000 && inside > 2000, `${compared} spans compared, ${inside} inside a literal`);
  });

  it("finds each key's literal on a minified line packed with them", () => {
    const keys = Array.from({ length: 3000 }, () => fake.github());
    const text = `var a=[${keys.map(k => `"${k}"`).join(',')}];`;
    const found = scanner.scan(text);
    assert.equal(found.length, keys.length);
    for (const [i, f] of found.entries()) assert.equal(text.slice(f.literal!.start, f.literal!.end), `"${keys[i]}"`);
  });
});

describe('env var names', () => {
  it('turns identifiers, properties and keys into valid env var names', () => {
    const cases: Array<[string, string]> = [
      ['apiKey', 'API_KEY'],
      ['stripeSecret', 'STRIPE_SECRET'],
      ['db.password', 'DB_PASSWORD'],
      ['config.apiKey', 'API_KEY'],
      ['this.clientSecret', 'CLIENT_SECRET'],
      ['$api_key', 'API_KEY'],
      ['X-Api-Key', 'X_API_KEY'],
      ['APIKey', 'API_KEY'],
      ['2fa-secret', 'FA_SECRET'],
      ['--', 'SECRET'],
    ];
    for (const [name, env] of cases) {
      assert.equal(toEnvVarName(name, 'SECRET'), env, name);
    }
  });
});
