import * as assert from 'node:assert/strict';
import { BUILTIN_RULES, createScanner } from '../../src/core';
import { base62, crc32, hasBase62Crc32, isValidGitlabRoutable } from '../../src/core/checksum';
import { checksummedBody, gitlabRoutable } from '../../src/core/rules/code-hosting';
import { fake, gen } from '../helpers/fake-keys';

describe('checksums', () => {
  it('computes CRC-32 (IEEE) check values', () => {
    assert.equal(crc32('123456789'), 0xcbf43926);
    assert.equal(crc32(''), 0);
  });

  it('encodes base62 with digits first, padded to width', () => {
    assert.equal(base62(0, 6), '000000');
    assert.equal(base62(61, 2), '0z');
    assert.equal(base62(62, 1), '10');
    assert.equal(base62(0xffffffff, 6), '4gfFC3');
  });

  it('accepts a GitHub token whose last 6 characters are its checksum, and rejects a changed one', () => {
    assert.equal(hasBase62Crc32(fake.github(), 4), true);
    assert.equal(hasBase62Crc32(fake.githubBadChecksum(), 4), false);
  });
});

describe('GitLab routable tokens and npm tokens', () => {
  const scanner = createScanner(BUILTIN_RULES);

  it('accepts a routable GitLab token whose length field and CRC match, and rejects a changed one', () => {
    const token = gitlabRoutable(gen, 'glpat-');
    assert.equal(isValidGitlabRoutable(token, 6), true);
    const flipped = token.slice(0, 10) + (token[10] === 'a' ? 'b' : 'a') + token.slice(11);
    assert.equal(isValidGitlabRoutable(flipped, 6), false);
  });

  it('reports a routable GitLab token with a bad CRC as a warning, and a good one as an error', () => {
    const token = gitlabRoutable(gen, 'glpat-');
    const bad = token.slice(0, -1) + (token.endsWith('0') ? '1' : '0');
    assert.deepEqual(
      scanner.scan(`GITLAB_TOKEN=${token}`).map(f => [f.ruleId, f.severity, f.checksum]),
      [['gitlab-pat-routable', 'error', 'valid']],
    );
    assert.deepEqual(
      scanner.scan(`GITLAB_TOKEN=${bad}`).map(f => [f.ruleId, f.severity, f.checksum]),
      [['gitlab-pat-routable', 'warning', 'invalid']],
    );
  });

  it('checks npm tokens the way it checks GitHub tokens', () => {
    const good = `npm_${checksummedBody(gen)}`;
    const bad = good.slice(0, -1) + (good.endsWith('A') ? 'B' : 'A');
    assert.equal(scanner.scan(`//registry.npmjs.org/:_authToken=${good}`)[0].checksum, 'valid');
    assert.equal(scanner.scan(`NPM_TOKEN=${bad}`)[0].severity, 'warning');
  });
});
