import * as assert from 'node:assert/strict';
import { claudeLocalEnvEdits } from '../../src/core/exits';
import { applyEdits } from '../../src/core/fix/text-edit';
import { fake } from '../helpers/fake-keys';

/** The fix on the token in `mcp`, with `.claude/settings.local.json` as `local`: both files after it, or why not. */
function move(mcp: string, token: string, local?: string) {
  const start = mcp.indexOf(token);
  const r = claudeLocalEnvEdits(mcp, { start, end: start + token.length }, local, 'GITHUB_TOKEN');
  if (!r || 'reason' in r) return r;
  return { name: r.name, server: r.server, mcp: applyEdits(mcp, r.mcp), local: applyEdits(local ?? '', r.local) };
}

describe("Claude Code's .mcp.json: a stdio server's env value to .claude/settings.local.json", () => {
  const token = fake.github();
  const server = (env: string, eol = '\n') =>
    ['{', '  "mcpServers": {', '    "github": {', '      "command": "npx",', `      "env": ${env}`, '    }', '  }', '}', ''].join(eol);

  it('takes the entry out wherever it stands, every other byte kept', () => {
    const cases: Array<[string, string]> = [
      [`{ "GITHUB_TOKEN": "${token}" }`, '{}'],
      [`{ "GITHUB_TOKEN": "${token}", "B": "2" }`, '{ "B": "2" }'],
      [`{ "A": "1", "GITHUB_TOKEN": "${token}" }`, '{ "A": "1" }'],
      [`{\n        "A": "1",\n        "GITHUB_TOKEN": "${token}",\n        "B": "2"\n      }`, '{\n        "A": "1",\n        "B": "2"\n      }'],
    ];
    for (const [env, expected] of cases) {
      const r = move(server(env), token);
      assert.ok(r && !('reason' in r));
      assert.equal(r.mcp, server(expected));
      assert.equal(r.name, 'GITHUB_TOKEN');
      assert.equal(r.server, 'github');
    }
  });

  it('writes the value into settings.local.json: a new file, an env of its own, or the env it has, in its layout', () => {
    const mcp = server(`{ "GITHUB_TOKEN": "${token}" }`);
    const created = move(mcp, token);
    assert.ok(created && !('reason' in created));
    assert.deepEqual(JSON.parse(created.local), { env: { GITHUB_TOKEN: token } });
    assert.ok(created.local.endsWith('}\n'));

    const tabs = move(mcp, token, '{\r\n\t"model": "opus"\r\n}\r\n');
    assert.ok(tabs && !('reason' in tabs));
    assert.equal(tabs.local, `{\r\n\t"model": "opus",\r\n\t"env": {\r\n\t\t"GITHUB_TOKEN": "${token}"\r\n\t}\r\n}\r\n`);

    const withEnv = move(mcp, token, '{\n  "env": { "DEBUG": "1" }, // mine\n  "model": "opus"\n}');
    assert.ok(withEnv && !('reason' in withEnv));
    assert.equal(withEnv.local, `{\n  "env": { "DEBUG": "1", "GITHUB_TOKEN": "${token}" }, // mine\n  "model": "opus"\n}`);

    const empty = move(mcp, token, '{}');
    assert.ok(empty && !('reason' in empty));
    assert.deepEqual(JSON.parse(empty.local), { env: { GITHUB_TOKEN: token } });
  });

  it('keeps a settings file that holds the same value, and refuses one with another value or not an object', () => {
    const mcp = server(`{ "GITHUB_TOKEN": "${token}" }`);
    const same = `{ "env": { "GITHUB_TOKEN": "${token}" } }`;
    const kept = move(mcp, token, same);
    assert.ok(kept && !('reason' in kept));
    assert.equal(kept.local, same);
    assert.match((move(mcp, token, '{ "env": { "GITHUB_TOKEN": "other" } }') as { reason: string }).reason, /sets GITHUB_TOKEN to another value/);
    assert.match((move(mcp, token, '[]') as { reason: string }).reason, /not a JSON object/);
  });

  it("a remote server's header: the key becomes ${NAME} in place, the rest of the header kept", () => {
    const remote = `{ "mcpServers": { "r": { "type": "http", "url": "https://x.example/mcp", "headers": { "Authorization": "Bearer ${token}" } } } }`;
    const r = move(remote, token);
    assert.ok(r && !('reason' in r));
    assert.equal(r.mcp, remote.replace(token, '${GITHUB_TOKEN}'));
    assert.deepEqual(JSON.parse(r.local), { env: { GITHUB_TOKEN: token } });
  });

  it('never sets a variable Claude Code reads itself: a stdio entry is refused, a header is prefixed with its server', () => {
    const stdio = `{ "mcpServers": { "s": { "command": "npx", "env": { "ANTHROPIC_API_KEY": "${token}" } } } }`;
    assert.match((move(stdio, token) as { reason: string }).reason, /Claude Code reads ANTHROPIC_API_KEY itself/);
    const remote = `{ "mcpServers": { "my-api": { "url": "https://x.example/mcp", "headers": { "x-api-key": "${token}" } } } }`;
    const start = remote.indexOf(token);
    const r = claudeLocalEnvEdits(remote, { start, end: start + token.length }, undefined, 'ANTHROPIC_API_KEY');
    assert.ok(r && !('reason' in r));
    assert.equal(r.name, 'MY_API_ANTHROPIC_API_KEY');
  });

  it('does not apply to args, a server without a command or url, or part of an env value', () => {
    assert.equal(move(`{ "mcpServers": { "s": { "command": "npx", "args": ["--token", "${token}"] } } }`, token), undefined);
    assert.equal(move(`{ "mcpServers": { "s": { "url": "https://x.example", "env": { "T": "${token}" } } } }`, token), undefined);
    assert.equal(move(`{ "mcpServers": { "s": { "command": "npx", "headers": { "T": "${token}" } } } }`, token), undefined);
    assert.equal(move(`{ "mcpServers": { "s": { "command": "npx", "env": { "T": "Bearer ${token}" } } } }`, token), undefined);
  });
});
