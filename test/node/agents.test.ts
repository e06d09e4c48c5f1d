import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ignore from 'ignore';
import { claudeDenyEdit, claudeReadDenials } from '../../src/core/exits';
import { applyEdits } from '../../src/core/fix/text-edit';
import { addIgnorePattern } from '../../src/core/hygiene';
import { checkAgents } from '../../src/node/exits/agents';
import { fake } from '../helpers/fake-keys';
import { tempDir } from '../helpers/temp-dir';

describe('AI coding agents: secret files an agent the workspace uses could read', () => {
  let dir: ReturnType<typeof tempDir>;
  afterEach(() => dir?.dispose());
  const secrets = (): Record<string, string> => ({
    '.env': `ANTHROPIC_API_KEY=${fake.anthropic()}\n`,
    '.env.example': 'ANTHROPIC_API_KEY=\n',
    'apps/api/.env.local': 'A=1\n',
    'certs/dev.pem': `${fake.pem()}\n`,
    'src/index.ts': 'export {};\n',
  });
  const summary = async () => (await checkAgents(dir.path)).map(f => `${f.agent.id} ${f.relativePath} ${f.reportOn.slice(dir.path.length + 1)}`);

  it('says nothing where no agent is used, and nothing of templates', async () => {
    dir = tempDir(secrets());
    assert.deepEqual(await summary(), []);
  });

  it("reads each agent's own exclusions: Cursor's ignore file, Claude Code's Read deny rules", async () => {
    dir = tempDir({
      ...secrets(),
      '.cursorignore': '.env\n',
      '.claude/settings.json': '{ "permissions": { "deny": ["Read(./.env)", "Read(./.env.*)", "Edit(./certs/**)"] } }\n',
      '.claude/settings.local.json': '{}\n',
    });
    assert.deepEqual(await summary(), [
      // `.env` in a .cursorignore is any .env, not .env.local.
      'cursor apps/api/.env.local .cursorignore',
      'cursor certs/dev.pem .cursorignore',
      // Claude Code's ./ rules are anchored at the project; an Edit rule does not stop reading.
      'claude-code apps/api/.env.local .claude/settings.json',
      'claude-code certs/dev.pem .claude/settings.json',
    ]);
    assert.deepEqual(claudeReadDenials('{ "permissions": { "deny": ["Read(./.env)", "Read(**/*.pem)", "Read(~/.ssh/**)", "Bash(curl:*)"] } }'), [
      '/.env',
      '**/*.pem',
    ]);
    const [first] = await checkAgents(dir.path);
    assert.equal(
      first.message,
      'Cursor can read apps/api/.env.local (an environment file) into what it sends to its model: .cursorignore does not exclude it. Add .env.local to .cursorignore.',
    );
  });

  it('with only CLAUDE.md, reports there and the fix writes a new .claude/settings.json; Gemini and Windsurf ignore files too', async () => {
    dir = tempDir({ ...secrets(), 'CLAUDE.md': '# Notes for Claude\n', '.aiexclude': '.env*\n*.pem\n', '.windsurfrules': 'be brief\n' });
    assert.deepEqual(await summary(), [
      'claude-code .env CLAUDE.md',
      'claude-code apps/api/.env.local CLAUDE.md',
      'claude-code certs/dev.pem CLAUDE.md',
      'windsurf .env .windsurfrules',
      'windsurf apps/api/.env.local .windsurfrules',
      'windsurf certs/dev.pem .windsurfrules',
    ]);
    // Apply every fix as the editor would: each rule appended, the files created when missing.
    for (const f of await checkAgents(dir.path)) {
      const current = (() => {
        try {
          return readFileSync(f.configFile, 'utf8');
        } catch {
          return '';
        }
      })();
      const edit = f.fix.kind === 'claude-deny' ? claudeDenyEdit(current, f.fix.rule)! : addIgnorePattern(current, f.fix.pattern);
      dir.write(f.configFile.slice(dir.path.length + 1), applyEdits(current, [edit]));
    }
    assert.equal(
      readFileSync(join(dir.path, '.claude/settings.json'), 'utf8'),
      '{\n  "permissions": {\n    "deny": [\n      "Read(./.env)",\n      "Read(./apps/api/.env.local)",\n      "Read(./certs/dev.pem)"\n    ]\n  }\n}\n',
    );
    assert.equal(readFileSync(join(dir.path, '.codeiumignore'), 'utf8'), '.env\n.env.local\n*.pem\n');
    assert.deepEqual(await summary(), []);
    // What the agents read with these files, checked with the gitignore semantics they document.
    assert.ok(
      ignore()
        .add(readFileSync(join(dir.path, '.codeiumignore'), 'utf8'))
        .ignores('apps/api/.env.local'),
    );
  });

  it('appends a rule to an existing settings file in its own style, keeping every other byte', () => {
    const cases: Array<[string, string]> = [
      [
        '{\r\n\t"permissions": {\r\n\t\t"allow": ["Bash(npm test)"]\r\n\t},\r\n\t"model": "sonnet"\r\n}\r\n',
        '{\r\n\t"permissions": {\r\n\t\t"allow": ["Bash(npm test)"],\r\n\t\t"deny": [\r\n\t\t\t"Read(./.env)"\r\n\t\t]\r\n\t},\r\n\t"model": "sonnet"\r\n}\r\n',
      ],
      ['{ "permissions": { "deny": ["Bash(curl:*)"] } }', '{ "permissions": { "deny": ["Bash(curl:*)", "Read(./.env)"] } }'],
      [
        '{\n  "permissions": {\n    "deny": [\n      "Bash(curl:*)"\n    ]\n  }\n}\n',
        '{\n  "permissions": {\n    "deny": [\n      "Bash(curl:*)",\n      "Read(./.env)"\n    ]\n  }\n}\n',
      ],
      ['{\n  "model": "opus"\n}', '{\n  "model": "opus",\n  "permissions": {\n    "deny": [\n      "Read(./.env)"\n    ]\n  }\n}'],
      ['{}\n', '{\n  "permissions": {\n    "deny": [\n      "Read(./.env)"\n    ]\n  }\n}\n'],
      ['\uFEFF{ "permissions": { "deny": [] } }', '\uFEFF{ "permissions": { "deny": ["Read(./.env)"] } }'],
    ];
    for (const [before, after] of cases) {
      const edited = applyEdits(before, [claudeDenyEdit(before, 'Read(./.env)')!]);
      assert.equal(edited, after);
      assert.deepEqual(claudeReadDenials(edited), ['/.env']);
    }
  });
});
