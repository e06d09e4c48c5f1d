import * as assert from 'node:assert/strict';
import * as dotenv from 'dotenv';
import { BUILTIN_RULES, createScanner, type Finding } from '../../../src/core';
import { planMoveToEnv, type FixPlan, type PlanInput } from '../../../src/core/fix/plan';
import { applyEdits } from '../../../src/core/fix/text-edit';
import { parse as parseYaml } from 'yaml';
import { fake } from '../../helpers/fake-keys';

const scanner = createScanner(BUILTIN_RULES);

interface Files {
  code: string;
  env?: string;
  example?: string;
  gitignore?: string;
}

/** Runs the fix on the first finding in `code`, as the editor would, and returns every file after it. */
export function fix(
  path: string,
  code: string,
  options: Partial<PlanInput> & { files?: Omit<Files, 'code'>; ignoresEnv?: boolean; pick?: (f: Finding) => boolean } = {},
) {
  const findings = scanner.scan(code);
  const finding = options.pick ? findings.find(options.pick) : findings[0];
  assert.ok(finding, `no finding in ${path}`);
  const files = options.files ?? {};
  const plan: FixPlan = planMoveToEnv({
    document: { path, text: code },
    finding,
    env: { path: '/p/.env', text: files.env },
    example: { path: '/p/.env.example', text: files.example },
    gitignore: { path: '/p/.gitignore', text: files.gitignore, ignoresEnv: options.ignoresEnv ?? false },
    ...options,
  });
  if (plan.kind === 'disabled') {
    return { title: plan.title, disabled: plan.reason, code, env: files.env, example: files.example, gitignore: files.gitignore };
  }
  const after = (p: string, before: string | undefined): string | undefined => {
    const change = plan.changes.find(c => c.path === p);
    return change ? applyEdits(before ?? '', change.edits) : before;
  };
  return {
    title: plan.title,
    name: plan.name,
    disabled: undefined,
    code: after(path, code)!,
    env: after('/p/.env', files.env),
    example: after('/p/.env.example', files.example),
    gitignore: after('/p/.gitignore', files.gitignore),
    created: plan.changes.filter(c => c.create).map(c => c.path),
  };
}

describe('Move to .env: the plan', () => {
  it("ignores the env file it writes to by that file's name: a secretSafe.envFile of .env.local gets .env.local in .gitignore", () => {
    const code = `const apiKey = '${fake.anthropic()}';\n`;
    const finding = scanner.scan(code)[0];
    const plan = planMoveToEnv({
      document: { path: '/p/a.ts', text: code },
      finding,
      env: { path: '/p/.env.local', text: undefined },
      example: { path: '/p/.env.example', text: undefined },
      gitignore: { path: '/p/.gitignore', text: 'node_modules/\n', ignoresEnv: false },
    });
    assert.equal(plan.kind, 'plan');
    const gitignore = plan.kind === 'plan' ? plan.changes.find(c => c.path === '/p/.gitignore')! : undefined;
    assert.equal(applyEdits('node_modules/\n', gitignore!.edits), 'node_modules/\n.env.local\n');
  });

  it('moves an Anthropic key out of TypeScript into .env, documents it in .env.example and ignores .env', () => {
    const key = fake.anthropic();
    const r = fix('/p/src/client.ts', `const apiKey = '${key}';\n`);
    // `apiKey` is any provider's name: the variable gets Anthropic's, the one the diagnostic suggests.
    assert.equal(r.title, 'Move to .env as ANTHROPIC_API_KEY');
    assert.equal(r.code, 'const apiKey = process.env.ANTHROPIC_API_KEY!;\n');
    assert.equal(dotenv.parse(r.env!).ANTHROPIC_API_KEY, key);
    assert.equal(r.example, 'ANTHROPIC_API_KEY=your-anthropic-api-key-here\n');
    assert.equal(r.gitignore, '.env\n');
    assert.deepEqual(r.created, ['/p/.env', '/p/.env.example', '/p/.gitignore']);
  });

  it("uses the rule's name when the code's name says nothing", () => {
    const r = fix('/p/a.js', `const key = "${fake.openai()}";\n`);
    assert.equal(r.code, 'const key = process.env.OPENAI_API_KEY;\n');
  });

  it('reuses a name .env already holds with the same value, and touches neither .env nor .env.example', () => {
    const key = fake.github();
    const env = `# local\nGITHUB_TOKEN=${key}\n`;
    const r = fix('/p/a.py', `token = "${key}"\n`, { files: { env, example: 'GITHUB_TOKEN=\n', gitignore: '.env\n' }, ignoresEnv: true, name: 'GITHUB_TOKEN' });
    assert.equal(r.title, 'Move to .env as GITHUB_TOKEN (already in .env)');
    assert.equal(r.env, env);
    assert.equal(r.example, 'GITHUB_TOKEN=\n');
    assert.equal(r.gitignore, '.env\n');
  });

  it("keeps a name that says which key it is (stripeKey, billingToken), and the rule's for a generic one", () => {
    assert.equal(fix('/p/a.ts', `const billingToken = '${fake.anthropic()}';\n`).name, 'BILLING_TOKEN');
    for (const generic of ['apiKey', 'api_key', 'token', 'secret', 'accessToken', 'authToken']) {
      assert.equal(fix('/p/a.ts', `const ${generic} = '${fake.anthropic()}';\n`).name, 'ANTHROPIC_API_KEY', generic);
    }
    // A generic secret has no provider: its own name is the best there is.
    const password = ['Qz8v', 'Lm2x', 'N4pR', '7tW9'].join(''); // built here: the repository holds no secret-looking literal
    assert.equal(fix('/p/a.py', `api_key = "${password}"\n`, { pick: f => f.ruleId.startsWith('generic-') }).name, 'API_KEY');
  });

  it('reuses the name under which .env already holds this value, writing no second copy', () => {
    const key = fake.anthropic();
    const env = `# team key\nCLAUDE_KEY=${key}\n`;
    const r = fix('/p/a.ts', `const apiKey = '${key}';\n`, { files: { env, example: 'CLAUDE_KEY=\n', gitignore: '.env\n' }, ignoresEnv: true });
    assert.equal(r.title, 'Move to .env as CLAUDE_KEY (already in .env)');
    assert.equal(r.code, 'const apiKey = process.env.CLAUDE_KEY!;\n');
    assert.equal(r.env, env);
    assert.equal(r.example, 'CLAUDE_KEY=\n');
  });

  it('takes another name when .env holds this one with another value, and says so', () => {
    const env = `ANTHROPIC_API_KEY=${fake.anthropic()}\n`;
    const r = fix('/p/a.ts', `const apiKey = '${fake.anthropic()}';\n`, { files: { env } });
    assert.equal(r.name, 'ANTHROPIC_API_KEY_2');
    assert.match(r.title, /\(ANTHROPIC_API_KEY holds another value\)$/);
    assert.equal(dotenv.parse(r.env!).ANTHROPIC_API_KEY, dotenv.parse(env).ANTHROPIC_API_KEY);
  });

  it('refuses a chosen name that is not a valid variable name, or that .env holds with another value', () => {
    assert.match(fix('/p/a.ts', `k = '${fake.anthropic()}'`, { name: '2fast' }).disabled!, /not a valid environment variable name/);
    assert.match(fix('/p/a.ts', `k = '${fake.anthropic()}'`, { name: 'TAKEN', files: { env: 'TAKEN=x\n' } }).disabled!, /already holds TAKEN/);
  });

  it('keeps CRLF, a BOM-less text and a missing final newline in every file it edits', () => {
    const r = fix('/p/a.js', `const apiKey = "${fake.anthropic()}";\r\n`, { files: { env: 'A=1\r\nB=2', example: 'A=\r\n', gitignore: 'node_modules/\r\n' } });
    assert.match(r.env!, /^A=1\r\nB=2\r\nANTHROPIC_API_KEY='[^'\r\n]+'$/);
    assert.equal(r.example, 'A=\r\nANTHROPIC_API_KEY=your-anthropic-api-key-here\r\n');
    assert.equal(r.gitignore, 'node_modules/\r\n.env\r\n');
  });

  it('does not touch .gitignore when .env is ignored already, and says when it overrides a negation', () => {
    assert.equal(fix('/p/a.js', `k = "${fake.anthropic()}"`, { files: { gitignore: '*.env\n.env\n' }, ignoresEnv: true }).gitignore, '*.env\n.env\n');
    const r = fix('/p/a.js', `k = "${fake.anthropic()}"`, {
      files: { gitignore: '.env\n!.env\n' },
      gitignore: { path: '/p/.gitignore', text: '.env\n!.env\n', ignoresEnv: false, negationLine: 2 },
    });
    assert.equal(r.gitignore, '.env\n!.env\n.env\n');
    assert.match(r.title, /overrides the !\.env on line 2/);
  });

  it('writes a PEM pasted with \\n escapes to .env as the key itself, on several lines', () => {
    const pem = fake.pem('\\n');
    const r = fix('/p/a.js', `const privateKey = "${pem}";\n`);
    assert.equal(r.code, 'const privateKey = process.env.PRIVATE_KEY;\n');
    assert.equal(dotenv.parse(r.env!).PRIVATE_KEY, pem.replace(/\\n/g, '\n'));
  });

  it('moves a whole connection string as DATABASE_URL, or only its password', () => {
    const password = 'Zq8'.repeat(7);
    const code = `const databaseUrl = "postgres://app:${password}@db.acme.internal:5432/orders";\n`;
    const whole = fix('/p/db.ts', code);
    assert.equal(whole.title, 'Move the connection string to .env as DATABASE_URL');
    assert.equal(whole.code, 'const databaseUrl = process.env.DATABASE_URL!;\n');
    assert.equal(dotenv.parse(whole.env!).DATABASE_URL, `postgres://app:${password}@db.acme.internal:5432/orders`);
    const only = fix('/p/db.ts', code, { part: 'password' });
    assert.equal(only.title, 'Move only the password to .env as DATABASE_PASSWORD');
    assert.equal(only.code, 'const databaseUrl = `postgres://app:${process.env.DATABASE_PASSWORD!}@db.acme.internal:5432/orders`;\n');
    assert.equal(dotenv.parse(only.env!).DATABASE_PASSWORD, password);
  });

  it('says JSON cannot read the environment and leaves a valid JSON string', () => {
    const r = fix('/p/config.json', `{\n  "openaiKey": "${fake.openai()}"\n}\n`);
    assert.match(r.title, /^Move to \.env as OPENAI_KEY \(JSON cannot read the environment: leaves "\$\{OPENAI_KEY\}" for your config loader to expand\)$/);
    assert.equal(r.code, '{\n  "openaiKey": "${OPENAI_KEY}"\n}\n');
    assert.doesNotThrow(() => JSON.parse(r.code));
  });

  it('offers nothing in a .env file: the value is where it belongs', () => {
    assert.match(fix('/p/.env.local', `API_KEY=${fake.anthropic()}\n`).disabled!, /environment file already/);
  });
});

describe('Move to .env: YAML plain values whole', () => {
  // Random passwords whose plain YAML scalar holds `:` and `?=` (legal inside a plain scalar when
  // no space follows the colon): the whole value must reach .env, and the file must keep none of it.
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const pick = (n: number): string => Array.from({ length: n }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
  for (let i = 0; i < 40; i++) {
    const value = [pick(3 + (i % 5)), ':', pick(4), i % 2 ? '?=' : ':', pick(8 + (i % 7)), i % 3 ? '' : '#x'].join('');
    const text = `db:\n  host: localhost\n  password: ${value}${i % 4 === 0 ? ' # prod' : ''}\n  port: 5432\n`;
    it(`moves ${value.length} characters with : and ${i % 2 ? '?=' : ':'} whole (${i + 1} of 40)`, () => {
      const read = (yamlText: string): unknown => (parseYaml(yamlText) as { db: { password: unknown } }).db.password;
      assert.equal(read(text), value, 'the program reads the whole scalar');
      const r = fix('/p/config.yaml', text, { pick: f => f.ruleId.startsWith('generic-') });
      assert.equal(r.disabled, undefined);
      assert.equal(dotenv.parse(r.env!).PASSWORD, value);
      assert.equal(read(r.code), '${PASSWORD}');
    });
  }
});
