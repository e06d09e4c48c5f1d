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
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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

/** A project Claude Code trusts, with its servers approved, in a HOME of its own. */
function claudeProject(files: Record<string, string>, servers: string[]) {
  const dir = tempDir({ ...files, '.gitignore': 'node_modules/\n' });
  const project = realpathSync(dir.path);
  spawnSync('git', ['init', '-q'], { cwd: project });
  const home = tempDir({ '.claude.json': JSON.stringify({ projects: { [project]: { hasTrustDialogAccepted: true, enabledMcpjsonServers: servers } } }) });
  return { project, dispose: () => (dir.dispose(), home.dispose()), home: home.path };
}

/** One `claude -p` session in the project: started, given until `seen()` answers (the server got its key), then stopped. */
async function session(project: string, home: string, seen: () => string | undefined): Promise<string> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    ANTHROPIC_API_KEY: 'offline-test',
    // A refused port, not a DNS lookup that waits: the session starts its servers in 1.4 s, not 19.5 s.
    ANTHROPIC_BASE_URL: 'http://127.0.0.1:9',
    DISABLE_AUTOUPDATER: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  };
  const child = spawn(CLAUDE, ['-p', 'hello'], { cwd: project, env, stdio: 'ignore' });
  try {
    for (let i = 0; i < 240; i++) {
      const got = seen();
      if (got !== undefined) return got;
      await new Promise(r => setTimeout(r, 250));
    }
    return 'the server never heard from the session';
  } finally {
    child.kill('SIGKILL');
  }
}

/** The real server's preferred fix for the first diagnostic whose code starts with `rule`, applied to disk; its title. */
async function fixFirst(project: string, rel: string, rule: string): Promise<string> {
  const server = await ServerUnderTest.start({ folder: project });
  try {
    const file = join(project, rel);
    const uri = pathToFileURL(file).href;
    await server.open(uri, readFileSync(file, 'utf8'), 'json');
    const [diagnostic] = (await server.diagnostics(uri, ds => ds.some(d => String(d.code).startsWith(rule)))).filter((d: Diagnostic) =>
      String(d.code).startsWith(rule),
    );
    const actions = (await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const fix = actions.find(a => a.isPreferred)!;
    applyWorkspaceEdit(fix.edit!);
    return fix.title;
  } finally {
    await server.stop();
  }
}

describe('an MCP server Claude Code starts gets its key after the .mcp.json fix (real Claude Code)', function () {
  this.timeout(300_000);
  before(() => assert.ok(existsSync(CLAUDE), `Claude Code is not installed at ${CLAUDE}: run npm test (its pretest installs it)`));

  it("a stdio server's env value moves to .claude/settings.local.json, git-ignored, and the server still gets it", async () => {
    const token = fake.github();
    const config = `{\n  "mcpServers": {\n    "github": {\n      "command": "node",\n      "args": ["server.js"],\n      "env": {\n        "GITHUB_PERSONAL_ACCESS_TOKEN": "${token}",\n        "GITHUB_TOOLSETS": "repos"\n      }\n    }\n  }\n}\n`;
    const p = claudeProject({ '.mcp.json': config, 'server.js': SERVER }, ['github']);
    const seen = join(p.project, 'seen');
    const run = (): Promise<string> => {
      rmSync(seen, { force: true });
      return session(p.project, p.home, () => (existsSync(seen) ? readFileSync(seen, 'utf8') : undefined));
    };
    try {
      assert.equal(await run(), sha(token), 'before: the server gets its token from .mcp.json');
      const title = await fixFirst(p.project, '.mcp.json', 'github');
      assert.match(title, /^Move GITHUB_PERSONAL_ACCESS_TOKEN to \.claude\/settings\.local\.json/);
      assert.ok(!readFileSync(join(p.project, '.mcp.json'), 'utf8').includes(token), 'the key has left .mcp.json');
      assert.equal(spawnSync('git', ['check-ignore', '-q', '.claude/settings.local.json'], { cwd: p.project }).status, 0, 'settings.local.json is git-ignored');
      assert.equal(await run(), sha(token), `after "${title}", the server gets the same token`);
    } finally {
      p.dispose();
    }
  });

  it("a remote server's header key becomes ${NAME}, set in .claude/settings.local.json, and the server still gets it", async () => {
    const key = fake.anthropic();
    // The remote server: it notes the hash of the bearer token of each request and answers MCP's first calls.
    let bearer: string | undefined;
    const http = createServer((req, res) => {
      const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (auth !== undefined) bearer = sha(auth);
      let body = '';
      req.on('data', chunk => (body += chunk));
      req.on('end', () => {
        const message = req.method === 'POST' ? (JSON.parse(body || '{}') as { id?: number; method?: string; params?: { protocolVersion?: string } }) : {};
        if (message.id === undefined) return void res.writeHead(req.method === 'POST' ? 202 : 405).end();
        const result =
          message.method === 'initialize'
            ? { protocolVersion: message.params?.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'remote', version: '1.0.0' } }
            : { tools: [] };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result }));
      });
    });
    await new Promise<void>(r => http.listen(0, '127.0.0.1', r));
    const port = (http.address() as AddressInfo).port;
    const config = `{\n  "mcpServers": {\n    "remote": {\n      "type": "http",\n      "url": "http://127.0.0.1:${port}/mcp",\n      "headers": { "Authorization": "Bearer ${key}" }\n    }\n  }\n}\n`;
    const p = claudeProject({ '.mcp.json': config }, ['remote']);
    const run = (): Promise<string> => {
      bearer = undefined;
      return session(p.project, p.home, () => bearer);
    };
    try {
      assert.equal(await run(), sha(key), 'before: the server gets the key from .mcp.json');
      const title = await fixFirst(p.project, '.mcp.json', 'anthropic');
      assert.match(title, /^Move to \.claude\/settings\.local\.json as REMOTE_ANTHROPIC_API_KEY/);
      assert.equal(readFileSync(join(p.project, '.mcp.json'), 'utf8'), config.replace(key, '${REMOTE_ANTHROPIC_API_KEY}'));
      assert.equal(await run(), sha(key), `after "${title}", the server gets the same key`);
    } finally {
      http.close();
      p.dispose();
    }
  });
});
