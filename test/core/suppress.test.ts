import * as assert from 'node:assert/strict';
import { BUILTIN_RULES, createScanner, ignoreCommentText } from '../../src/core';
import { fake } from '../helpers/fake-keys';

const scanner = createScanner(BUILTIN_RULES);
const NOW = Date.UTC(2026, 10, 27);
const count = (text: string): number => scanner.scan(text, { now: NOW }).length;

describe('suppression comments', () => {
  it('a secret-safe-ignore comment on the line suppresses it', () => {
    assert.equal(count(`const k = '${fake.anthropic()}'; // secret-safe-ignore`), 0);
    assert.equal(count(`KEY=${fake.anthropic()} # secret-safe-ignore -- used by the docs sandbox`), 0);
  });

  it('a secret-safe-ignore-next-line comment, or a bare one alone on the line above, suppresses the next line only', () => {
    assert.equal(count(`// secret-safe-ignore-next-line\nconst k = '${fake.anthropic()}';`), 0);
    assert.equal(count(`# secret-safe-ignore\nKEY=${fake.anthropic()}`), 0);
    assert.equal(count(`// secret-safe-ignore-next-line\nconst a = 1;\nconst k = '${fake.anthropic()}';`), 1);
  });

  it('a comment naming another rule does not suppress', () => {
    assert.equal(count(`k = '${fake.anthropic()}' # secret-safe-ignore anthropic-api-key`), 0);
    assert.equal(count(`k = '${fake.anthropic()}' # secret-safe-ignore openai-api-key`), 1);
  });

  it('an until date in the future suppresses; a past one reports, saying it expired', () => {
    assert.equal(count(`k = '${fake.anthropic()}' // secret-safe-ignore until 2027-01-31 -- rotate after launch`), 0);
    const [f] = scanner.scan(`k = '${fake.anthropic()}' // secret-safe-ignore anthropic-api-key until 2026-11-01`, { now: NOW });
    assert.equal(f.suppressionExpired, '2026-11-01');
  });

  it('a long-lived scanner stops suppressing the day after the until date, to the millisecond', () => {
    const text = `k = '${fake.anthropic()}' // secret-safe-ignore until 2026-11-27`;
    const midnight = Date.UTC(2026, 10, 28);
    assert.equal(scanner.scan(text, { now: midnight - 1 }).length, 0, 'the last millisecond of the day');
    assert.equal(scanner.scan(text, { now: midnight }).length, 1, 'the next day');
    assert.equal(scanner.scan(text, { now: midnight - 1 }).length, 0, 'and back');
  });

  it("honours the peers' comments, so a team need not annotate twice", () => {
    const key = (): string => fake.github();
    const sameLine = ['gitleaks:allow', 'trufflehog:ignore', 'pragma: allowlist secret', 'secretlint-disable-line'];
    for (const marker of sameLine) {
      assert.equal(count(`token = "${key()}" # ${marker}`), 0, marker);
    }
    for (const marker of ['pragma: allowlist nextline secret', 'secretlint-disable-next-line']) {
      assert.equal(count(`# ${marker}\ntoken = "${key()}"`), 0, marker);
    }
  });

  it('a comment on an unrelated line suppresses nothing', () => {
    assert.equal(count(`# gitleaks:allow\n\ntoken = "${fake.github()}"`), 1);
  });

  it('a secret-safe-ignore-file comment anywhere covers its rule (or every rule) in the whole file, until its date', () => {
    const body = `const a = '${fake.anthropic()}';\nconst b = '${fake.github()}';\n`;
    assert.equal(count(`// secret-safe-ignore-file anthropic-api-key -- docs sandbox\n${body}`), 1, 'only the named rule');
    assert.equal(count(`${body}// secret-safe-ignore-file\n`), 0, 'every rule, from the end of the file');
    const [f] = scanner.scan(`# secret-safe-ignore-file anthropic-api-key until 2026-11-01\nk = '${fake.anthropic()}'`, { now: NOW });
    assert.equal(f?.suppressionExpired, '2026-11-01');
    assert.equal(count(`# secret-safe-ignore-file until 2027-01-01\nk = '${fake.anthropic()}'`), 0);
  });

  it('a file-wide comment is not read as a same-line one, nor a misspelt form as either', () => {
    assert.equal(count(`k = '${fake.anthropic()}' # secret-safe-ignore-file openai-api-key`), 1);
    assert.equal(count(`k = '${fake.anthropic()}' # secret-safe-ignore-files`), 1);
  });

  it('writes comments the scanner reads back: the reason on one line, nothing that closes the comment early', () => {
    const text = ignoreCommentText('next-line', 'anthropic-api-key', { until: '2027-02-01', reason: 'demo */ key\nfor the\r\n docs -->' });
    assert.equal(text, 'secret-safe-ignore-next-line anthropic-api-key until 2027-02-01 -- demo key for the docs');
    assert.equal(count(`/* ${text} */\nconst k = '${fake.anthropic()}';`), 0);
    assert.equal(count(`// ${ignoreCommentText('file', 'anthropic-api-key')}\n\nconst k = '${fake.anthropic()}';`), 0);
    assert.equal(ignoreCommentText('file', 'x', { until: 'tomorrow' }), 'secret-safe-ignore-file x', 'no malformed date');
  });
});
