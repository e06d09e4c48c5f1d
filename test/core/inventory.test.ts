import * as assert from 'node:assert/strict';
import { buildInventory, isVagueName, keyAnnotations, periodDays, readAnnotations, recordRotationEdit, type InventoryKey } from '../../src/core/inventory';

const TODAY = '2026-12-05';
const byName = (keys: InventoryKey[]) => new Map(keys.map(k => [k.name, k]));

describe('key annotations in .env.example', () => {
  it('reads the tags of the comment block right above a variable, values up to the next tag', () => {
    const text = [
      '# Payments',
      '# @owner payments-team @purpose Stripe charges from the API',
      '# @rotate 30d @rotated 2026-11-01 @expires 2027-06-30',
      'STRIPE_SECRET_KEY=',
      '',
      '# @owner nobody: a blank line ends the block',
      '',
      'export DATABASE_URL=',
      '# @owner alice@example.com',
      'MAIL_KEY=',
    ].join('\r\n');
    const { byKey, problems } = keyAnnotations(readAnnotations(text));
    assert.deepEqual(problems, []);
    assert.deepEqual(byKey.get('STRIPE_SECRET_KEY'), {
      owner: 'payments-team',
      purpose: 'Stripe charges from the API',
      rotateEveryDays: 30,
      rotated: '2026-11-01',
      expires: '2027-06-30',
    });
    assert.equal(byKey.get('DATABASE_URL'), undefined);
    assert.deepEqual(byKey.get('MAIL_KEY'), { owner: 'alice@example.com' }, 'an e-mail address is one value, not a tag');
  });

  it('reads periods in days, weeks, months and years', () => {
    assert.deepEqual(['30d', '2w', '3m', '1y', '90', 'monthly', '0d'].map(periodDays), [30, 14, 90, 365, undefined, undefined, undefined]);
  });

  it('says what is wrong with an unknown tag, a missing value, a bad period or date, a tag given twice', () => {
    const text = ['# @owner a @owner b @rotate soon @rotated 2026-02-30 @expires', '# @ownr x', 'KEY_A='].join('\n');
    const { byKey, problems } = keyAnnotations(readAnnotations(text));
    assert.deepEqual(
      problems.map(p => [text.slice(p.start, p.end), p.message.split(':')[0]]),
      [
        ['@owner b', '@owner is given twice for KEY_A'],
        ['@rotate soon', '@rotate soon is not a period'],
        ['@rotated 2026-02-30', '@rotated 2026-02-30 is not a date'],
        ['@expires', '@expires needs a value'],
        ['@ownr x', 'Unknown annotation @ownr'],
      ],
    );
    assert.deepEqual(byKey.get('KEY_A'), { owner: 'a' });
  });
});

describe('Record rotation today', () => {
  const apply = (text: string, name: string) => {
    const edit = recordRotationEdit(text, name, TODAY);
    return edit && text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
  };

  it('replaces the date of an @rotated above the variable, and only it', () => {
    const text = '# keep me\r\n# @owner ops @rotated 2026-01-02 @rotate 30d\r\nDB_PASSWORD=\r\nOTHER=1';
    assert.equal(apply(text, 'DB_PASSWORD'), '# keep me\r\n# @owner ops @rotated 2026-12-05 @rotate 30d\r\nDB_PASSWORD=\r\nOTHER=1');
    assert.equal(apply('# @rotated\nK=\n', 'K'), '# @rotated 2026-12-05\nK=\n');
  });

  it("adds the tag to an annotation block, or a comment line of its own, in the file's line ends", () => {
    assert.equal(apply('# @owner ops\nDB_PASSWORD=\n', 'DB_PASSWORD'), '# @owner ops @rotated 2026-12-05\nDB_PASSWORD=\n');
    assert.equal(apply('# Database\r\nDB_PASSWORD=\r\n', 'DB_PASSWORD'), '# Database\r\n# @rotated 2026-12-05\r\nDB_PASSWORD=\r\n');
    assert.equal(apply('\uFEFFA=1\n  export DB_PASSWORD=', 'DB_PASSWORD'), '\uFEFFA=1\n  # @rotated 2026-12-05\n  export DB_PASSWORD=');
    assert.equal(apply('A=1\n', 'DB_PASSWORD'), undefined);
  });
});

describe('the key inventory', () => {
  const secretValue = (_: string, value: string) => value.startsWith('live_');

  it('lists every key with its environments, definitions, reads and documentation, and never a value', () => {
    const inventory = buildInventory({
      envFiles: [
        { file: '.env', text: 'API_BASE=https://api.example.test\nBILLING_TOKEN=live_Zq81\n' },
        { file: '.env.production', text: 'API_BASE=https://api.example.test\nBILLING_TOKEN=live_Pr0d\n' },
        { file: '.env.example', text: '# @owner billing\nBILLING_TOKEN=\nAPI_BASE=\n' },
      ],
      code: [
        { file: 'src/a.ts', text: 'const t = process.env.BILLING_TOKEN;\nconst b = process.env["API_BASE"];\n' },
        { file: 'app/main.go', text: 'package main\n\nvar t = os.Getenv("BILLING_TOKEN")\n' },
      ],
      today: TODAY,
    });
    const keys = byName(inventory.keys);
    assert.deepEqual([...keys.keys()], ['API_BASE', 'BILLING_TOKEN']);
    assert.deepEqual(keys.get('BILLING_TOKEN'), {
      name: 'BILLING_TOKEN',
      scope: '.',
      environments: ['development', 'production'],
      definedIn: [
        { file: '.env', line: 2 },
        { file: '.env.production', line: 2 },
      ],
      readBy: [
        { file: 'src/a.ts', line: 1 },
        { file: 'app/main.go', line: 3 },
      ],
      documentedIn: [{ file: '.env.example', line: 2 }],
      documented: true,
      secret: true,
      owner: 'billing',
      rotateEveryDays: 30,
      problems: [],
    });
    assert.equal(keys.get('API_BASE')?.secret, false);
    assert.deepEqual(keys.get('API_BASE')?.problems, [], 'the same value in two environments is fine for what is not a secret');
    assert.ok(!JSON.stringify(inventory).includes('live_'), 'no value in the inventory');
    assert.ok(!JSON.stringify(inventory).includes('example.test'), 'no value in the inventory');
  });

  it('gives each problem its code', () => {
    const past = (days: number) => new Date(Date.UTC(2026, 11, 5 - days)).toISOString().slice(0, 10);
    const template = [
      '# @rotate 30d @rotated ' + past(40),
      'OVERDUE_SECRET=',
      '# @rotate 30d @rotated ' + past(20),
      'DUE_SECRET=',
      '# @rotated ' + past(10),
      'FRESH_SECRET=',
      '# @expires ' + past(0),
      'EXPIRED_TOKEN=',
      'SHARED_SECRET=',
      'NEVER_READ_SECRET=',
      'KEY=',
    ].join('\n');
    const names = ['OVERDUE_SECRET', 'DUE_SECRET', 'FRESH_SECRET', 'EXPIRED_TOKEN', 'SHARED_SECRET', 'KEY', 'UNDOCUMENTED_SECRET'];
    const inventory = buildInventory({
      envFiles: [
        { file: '.env.example', text: template },
        { file: '.env.staging', text: 'SHARED_SECRET=live_same_value\nUNDOCUMENTED_SECRET=live_x\n' },
        { file: '.env.production', text: 'SHARED_SECRET=live_same_value\n' },
      ],
      code: [{ file: 'main.py', text: `${names.map(n => `os.getenv("${n}")`).join('\n')}\nos.getenv("MISSING_SECRET")\nos.getenv("NODE_ENV")\n` }],
      today: TODAY,
      secretValue,
    });
    const problems = Object.fromEntries(inventory.keys.map(k => [k.name, k.problems]));
    assert.deepEqual(problems, {
      DUE_SECRET: ['rotation-due'],
      EXPIRED_TOKEN: ['expired'],
      FRESH_SECRET: [],
      KEY: ['vague-name'],
      MISSING_SECRET: ['missing'],
      NEVER_READ_SECRET: ['unused'],
      OVERDUE_SECRET: ['rotation-overdue'],
      SHARED_SECRET: ['shared-across-environments'],
      UNDOCUMENTED_SECRET: ['undocumented'],
    });
    const keys = byName(inventory.keys);
    assert.equal(keys.get('OVERDUE_SECRET')?.rotationDue, past(10));
    assert.equal(keys.get('FRESH_SECRET')?.rotateEveryDays, 90, 'no environment defines it: the default period');
    assert.equal(keys.get('SHARED_SECRET')?.rotateEveryDays, 30, 'production rotates monthly');
    assert.deepEqual(keys.get('SHARED_SECRET')?.sharedBy, ['production', 'staging']);
  });

  it('keeps the keys of each folder with env files apart, with the code below it', () => {
    const inventory = buildInventory({
      envFiles: [
        { file: 'apps/web/.env', text: 'DATABASE_URL=postgres://a\n' },
        { file: 'apps/api/.env', text: 'DATABASE_URL=postgres://b\n' },
      ],
      code: [
        { file: 'apps/web/src/db.ts', text: 'process.env.DATABASE_URL' },
        { file: 'apps/api/db.rb', text: 'ENV["DATABASE_URL"]' },
      ],
      today: TODAY,
    });
    assert.deepEqual(
      inventory.keys.map(k => [k.scope, k.name, k.readBy.map(r => r.file)]),
      [
        ['apps/api', 'DATABASE_URL', ['apps/api/db.rb']],
        ['apps/web', 'DATABASE_URL', ['apps/web/src/db.ts']],
      ],
    );
  });

  it('calls names that say nothing of their purpose vague', () => {
    assert.deepEqual(
      ['KEY', 'TOKEN2', 'SECRET_1', 'API_KEY', 'apiKey', 'my-secret', 'STRIPE_SECRET_KEY', 'ALGOLIA_ADMIN_KEY', 'GITHUB_TOKEN', 'DB_PASSWORD'].filter(
        isVagueName,
      ),
      ['KEY', 'TOKEN2', 'SECRET_1', 'API_KEY', 'apiKey', 'my-secret'],
    );
  });
});
