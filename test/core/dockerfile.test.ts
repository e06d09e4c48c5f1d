import * as assert from 'node:assert/strict';
import { contextCopies, sourceTakes } from '../../src/core/exits';

describe('Dockerfile: what is copied from the build context', () => {
  it('reads COPY and ADD from the context in any case and form, and leaves out stages, URLs and heredocs', () => {
    const dockerfile = [
      '# syntax=docker/dockerfile:1',
      'FROM node:22 AS build',
      'WORKDIR /app',
      'COPY package.json package-lock.json ./',
      'copy --chown=node:node . .',
      'ADD ["config/app.json", "secrets dir/", "/etc/app/"]',
      'COPY --from=build /app/dist /srv',
      'ADD https://example.com/tool.tgz /opt/',
      'COPY <<EOF /etc/motd',
      'hello',
      'EOF',
      'COPY --link \\',
      '  # the sources:',
      '  src \\',
      '  lib /app/',
      'COPY --exclude=*.pem --exclude=.env* certs /certs',
      'COPY $APP_DIR /app',
    ].join('\n');
    assert.deepEqual(
      contextCopies(dockerfile).map(c => [c.instruction, c.line, c.sources, c.excludes]),
      [
        ['COPY', 3, ['package.json', 'package-lock.json'], []],
        ['copy', 4, ['.'], []],
        ['ADD', 5, ['config/app.json', 'secrets dir/'], []],
        ['COPY', 11, ['src', 'lib'], []],
        ['COPY', 15, ['certs'], ['*.pem', '.env*']],
      ],
    );
    const [, copyAll] = contextCopies(dockerfile);
    assert.deepEqual([copyAll.startColumn, copyAll.endColumn], [0, 'copy --chown=node:node . .'.length]);
  });

  it('joins lines at the escape character a directive names, and keeps CRLF files whole', () => {
    const windows = ['# escape=`', 'FROM mcr.microsoft.com/windows/servercore', 'COPY `', '  . C:\\app\\'].join('\r\n');
    assert.deepEqual(
      contextCopies(windows).map(c => [c.line, c.sources]),
      [[2, ['.']]],
    );
    // Without the directive, a backtick is an ordinary character and `\` joins.
    assert.deepEqual(
      contextCopies('FROM x\nCOPY . \\\n /app\n').map(c => [c.line, c.sources]),
      [[1, ['.']]],
    );
  });

  it("says which context paths a source takes, as Go's filepath.Match and Docker's folder copy do", () => {
    const cases: Array<[string, string, boolean]> = [
      ['.', '.env', true],
      ['./', 'apps/web/.env', true],
      ['/', 'a/b/c', true],
      ['apps', 'apps/web/.env', true],
      ['apps/', 'apps/web/.env', true],
      ['./apps/web', 'apps/web/.env', true],
      ['apps/api', 'apps/web/.env', false],
      ['*.json', 'credentials.json', true],
      ['*.json', 'config/credentials.json', false], // `*` does not cross `/`
      ['*', 'config/credentials.json', true], // but a matched folder brings all below it
      ['config/*', 'config/credentials.json', true],
      ['conf?g', 'config/x.pem', true],
      ['[ab]pps', 'apps/.env', true],
      ['[^ab]pps', 'apps/.env', false],
      ['.env', '.env', true],
      ['.env', '.env.local', false],
      ['.env*', '.env.local', true],
      ['src', 'srcs/.env', false],
    ];
    for (const [source, path, expected] of cases) assert.equal(sourceTakes(source, path), expected, `${source} takes ${path}`);
  });
});
