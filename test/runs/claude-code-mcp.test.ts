/**
 * A stdio MCP server that Claude Code starts still gets its key after the `.mcp.json` fix, and the
 * key has left the file: the real Claude Code (npm, pinned by scripts/test-deps.sh) runs a session
 * in the project before and after the fix applied to disk. The session cannot reach the model (its
 * API address is a refused local port); the servers start before it asks, and the test server writes
 * down a hash of the key it was given.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit } from '../helpers/apply-edit';
import { fake } from '../helpers/fake-keys';
import { ServerUnderTest } from '../helpers/lsp-server';
import { tempDir } from '../helpers/temp-dir';

const REPO = resolve(__dirname, '../../..');
/** Installed beside the checkout whose node_modules this is (a mutation's copy links them). */
const CLAUDE = join(dirname(realpathSync(join(REPO, 'node_modules'))), '.test-tools/claude-code/node_modules/.bin/claude');
const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

/** A minimal stdio MCP server: it writes the hash of its token, then answers initialize and tools/list. */
const SERVER = `const { createHash } = require('node:crypto');
const fs = require('node:fs');
const token = process.env.GITHUB_PERSONAL_ACCESS_TOKEN;
fs.writeFileSync(process.env.SEEN_FILE || __dirname + '/seen', token ? createHash('sha256').update(token).digest('hex') : 'none');
let buffer = '';
process.stdin.on('data', chunk => {
  buffer += chunk;
  for (let nl = buffer.indexOf('\\n'); nl >= 0; nl = buffer.indexOf('\\n')) {
    const line = buffer.slice(0, nl);
    buffer = buffer.slice(nl + 1);
    if (!line.trim()) continue;
    const message = JSON.parse(line);
    if (message.id === undefined) continue;
    const result = message.method === 'initialize'
      ? { protocolVersion: message.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'demo', version: '1.0.0' } }
      : message.method === 'tools/list' ? { tools: [] } : {};
    process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: message.id, result }) + '\\n');
  }
});
`;

describe('an MCP server Claude Code starts gets its key after the .mcp.json fix (real Claude Code)', function () {
  this.timeout(300_000);

  it('the env value moves to .claude/settings.local.json, git-ignored, and the server still gets it', async () => {
    assert.ok(existsSync(CLAUDE), `Claude Code is not installed at ${CLAUDE}: run npm test (its pretest installs it)`);
    const token = fake.github();
    const config = `{\n  "mcpServers": {\n    "github": {\n      "command": "node",\n      "args": ["server.js"],\n      "env": {\n        "GITHUB_PERSONAL_ACCESS_TOKEN": "${token}",\n        "GITHUB_TOOLSETS": "repos"\n      }\n    }\n  }\n}\n`;
    const dir = tempDir({ '.mcp.json': config, 'server.js': SERVER, '.gitignore': 'node_modules/\n' });
    const project = realpathSync(dir.path);
    spawnSync('git', ['init', '-q'], { cwd: project });
    const home = tempDir({ '.claude.json': JSON.stringify({ projects: { [project]: { hasTrustDialogAccepted: true, enabledMcpjsonServers: ['github'] } } }) });
    const seen = join(project, 'seen');
    /** One session: started, given until the server has written down what it got, then stopped. */
    const session = async (): Promise<string> => {
      rmSync(seen, { force: true });
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        HOME: home.path,
        ANTHROPIC_API_KEY: 'offline-test',
        // A refused port, not a DNS lookup that waits: the session starts its servers in 1.4 s, not 19.5 s.
        ANTHROPIC_BASE_URL: 'http://127.0.0.1:9',
        DISABLE_AUTOUPDATER: '1',
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      };
      const child = spawn(CLAUDE, ['-p', 'hello'], { cwd: project, env, stdio: 'ignore' });
      try {
        for (let i = 0; i < 240 && !existsSync(seen); i++) await new Promise(r => setTimeout(r, 250));
        await new Promise(r => setTimeout(r, 100));
        return existsSync(seen) ? readFileSync(seen, 'utf8') : 'the server never started';
      } finally {
        child.kill('SIGKILL');
      }
    };
    const server = await ServerUnderTest.start({ folder: project });
    try {
      assert.equal(await session(), sha(token), 'before: the server gets its token from .mcp.json');
      const uri = pathToFileURL(join(project, '.mcp.json')).href;
      await server.open(uri, config, 'json');
      const [diagnostic] = (await server.diagnostics(uri, ds => ds.some(d => String(d.code).startsWith('github')))).filter((d: Diagnostic) =>
        String(d.code).startsWith('github'),
      );
      const actions = (await server.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
      })) as CodeAction[];
      const fix = actions.find(a => a.isPreferred)!;
      assert.match(fix.title, /^Move GITHUB_PERSONAL_ACCESS_TOKEN to \.claude\/settings\.local\.json/);
      applyWorkspaceEdit(fix.edit!);
      assert.ok(!readFileSync(join(project, '.mcp.json'), 'utf8').includes(token), 'the key has left .mcp.json');
      assert.equal(spawnSync('git', ['check-ignore', '-q', '.claude/settings.local.json'], { cwd: project }).status, 0, 'settings.local.json is git-ignored');
      assert.equal(await session(), sha(token), `after "${fix.title}", the server gets the same token`);
    } finally {
      await server.stop();
      dir.dispose();
      home.dispose();
    }
  });
});
