import * as assert from 'node:assert/strict';
import { BUILTIN_RULES, createScanner } from '../../../src/core';
import { plainValueLines } from '../../../src/core/dotenv';
import { fake, gen } from '../../helpers/fake-keys';

const scanner = createScanner(BUILTIN_RULES);
const flags = (line: string): boolean => scanner.scan(line).length > 0;
/** The names whose values may show. */
const shown = (text: string): string[] => {
  const lines = text.split('\n');
  return plainValueLines(text, flags).map(n => lines[n].split('=')[0].replace(/^export /, ''));
};

describe('.env values that may show while secrets stay masked', () => {
  it('shows ports, switches, environments, hosts and URLs without a password', () => {
    const text =
      'PORT=3000\nDEBUG=true\nNODE_ENV=development\nHOST=api.internal\nAPI_URL=https://api.example.com/v1\nLOG_LEVEL="info"\nexport REGION=eu-west-1\n';
    assert.deepEqual(shown(text), ['PORT', 'DEBUG', 'NODE_ENV', 'HOST', 'API_URL', 'LOG_LEVEL', 'REGION']);
  });

  it('masks provider keys, credentials by name, connection strings with a password and long random values', () => {
    const text = [
      `ANTHROPIC_API_KEY=${fake.anthropic()}`,
      'DB_PASSWORD=hunter2',
      'SESSION_SECRET=short',
      `DATABASE_URL=postgres://app:${gen.alnum(16)}@db.internal:5432/app`,
      `OPAQUE=${['q8W3nZ0v', 'K7pL2xR5', 'tY9u'].join('')}`,
      'STRIPE_WEBHOOK=whsec',
      '',
    ].join('\n');
    assert.deepEqual(shown(text), []);
  });

  it('shows placeholders, as a committed .env.example has them, and empty values', () => {
    const text = 'ANTHROPIC_API_KEY=your-anthropic-api-key-here\nDB_PASSWORD=\nTOKEN=<your token>\nSECRET=changeme\n';
    assert.deepEqual(shown(text), ['ANTHROPIC_API_KEY', 'DB_PASSWORD', 'TOKEN', 'SECRET']);
  });

  it('keeps a value over several lines masked, and counts lines after it right (CRLF too)', () => {
    const text = 'CERT_PEM="line one\nline two"\r\nPORT=8080\r\n# NOTE=shown\r\nMODE=fast\r\n';
    assert.deepEqual(plainValueLines(text, flags), [2, 4]);
  });
});
