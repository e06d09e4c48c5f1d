import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  DiagnosticSeverity,
  FileChangeType,
  type CodeAction,
  type Diagnostic,
} from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit } from '../helpers/apply-edit';
import { fake, hiddenPart } from '../helpers/fake-keys';
import { ServerUnderTest } from '../helpers/lsp-server';
import { tempDir } from '../helpers/temp-dir';

/**
 * An open Dockerfile whose `COPY . .` would put the project's .env in the image: the warning on
 * the COPY, and the fix that adds it to .dockerignore (created when missing), in trusted and
 * untrusted workspaces alike (only files are read). An open package.json whose package would
 * publish a .env: the warning on `files` (or `name`), and the fix npm would follow.
 */
describe('language server over stdio: secret files an image or a package would carry', () => {
  let server: ServerUnderTest;
  let dir: ReturnType<typeof tempDir>;
  const key = fake.anthropic();
  afterEach(async () => {
    await server?.stop();
    dir?.dispose();
  });
  const uri = (rel: string): string => pathToFileURL(join(dir.path, rel)).href;
  const docker = (ds: Diagnostic[]) => ds.filter(d => d.code === 'secret-file-in-docker-context');
  const DOCKERFILE = 'FROM node:22\nWORKDIR /app\nCOPY . .\nCMD ["node", "index.js"]\n';

  async function actionsFor(target: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
    return ((await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: target },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) ?? []) as CodeAction[];
  }

  for (const trusted of [true, false]) {
    it(`warns on the COPY and adds the file to a new .dockerignore (${trusted ? 'trusted' : 'untrusted'} workspace)`, async () => {
      dir = tempDir({ Dockerfile: DOCKERFILE, '.env': `ANTHROPIC_API_KEY=${key}\n`, 'index.js': '1\n' });
      server = await ServerUnderTest.start({ folder: dir.path, trustedWorkspace: trusted });
      await server.open(uri('Dockerfile'), DOCKERFILE, 'dockerfile');
      const [d] = docker(await server.diagnostics(uri('Dockerfile'), ds => docker(ds).length > 0));
      assert.deepEqual(d.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 8 } });
      assert.equal(d.severity, DiagnosticSeverity.Warning);
      assert.match(String(d.message), /^COPY copies \.env \(an environment file\) into the image, .*Add \*\*\/\.env to \.dockerignore\.$/);
      assert.match(d.codeDescription?.href ?? '', /docs\/exits\.md#secret-file-in-docker-context$/);
      assert.ok(!String(d.message).includes(hiddenPart(key)));
      const [fix] = await actionsFor(uri('Dockerfile'), d);
      assert.equal(fix.title, 'Add **/.env to .dockerignore');
      applyWorkspaceEdit(fix.edit!);
      assert.equal(readFileSync(join(dir.path, '.dockerignore'), 'utf8'), '**/.env\n');
      await server.filesChanged([{ uri: uri('.dockerignore'), type: FileChangeType.Created }]);
      await server.diagnostics(uri('Dockerfile'), ds => docker(ds).length === 0);
    });
  }

  it("warns on a Dockerfile built with compose's build.context, fixes the context's .dockerignore, and follows compose.yaml as it is edited", async () => {
    const compose = 'services:\n  api:\n    build:\n      context: .\n      dockerfile: docker/Dockerfile\n';
    dir = tempDir({ 'compose.yaml': compose, 'docker/Dockerfile': DOCKERFILE, '.env': `ANTHROPIC_API_KEY=${key}\n` });
    server = await ServerUnderTest.start({ folder: dir.path, trustedWorkspace: true });
    await server.open(uri('docker/Dockerfile'), DOCKERFILE, 'dockerfile');
    const [d] = docker(await server.diagnostics(uri('docker/Dockerfile'), ds => docker(ds).length > 0));
    assert.match(String(d.message), /^COPY copies \.env \(an environment file\) from the build context of compose\.yaml's service api/);
    const [fix] = await actionsFor(uri('docker/Dockerfile'), d);
    assert.equal(fix.title, 'Add **/.env to .dockerignore');
    applyWorkspaceEdit(fix.edit!);
    assert.equal(readFileSync(join(dir.path, '.dockerignore'), 'utf8'), '**/.env\n', 'the context root, not the Dockerfile folder');
    await server.filesChanged([{ uri: uri('.dockerignore'), type: FileChangeType.Created }]);
    await server.diagnostics(uri('docker/Dockerfile'), ds => docker(ds).length === 0);

    // The compose file, edited unsaved, now builds from a context whose .dockerignore says nothing.
    dir.write('ops/.env', `ANTHROPIC_API_KEY=${key}\n`);
    await server.open(uri('compose.yaml'), compose, 'yaml');
    await server.change(uri('compose.yaml'), compose.replace('context: .', 'context: ops').replace('docker/Dockerfile', '../docker/Dockerfile'));
    await server.diagnostics(uri('docker/Dockerfile'), ds => docker(ds).length === 1);
  });

  it('reads an open .dockerignore as edited, unsaved, and follows the Dockerfile as it is typed', async () => {
    dir = tempDir({ Dockerfile: DOCKERFILE, '.env.local': 'A=1\n', '.dockerignore': 'node_modules\n' });
    server = await ServerUnderTest.start({ folder: dir.path, trustedWorkspace: true });
    await server.open(uri('Dockerfile'), DOCKERFILE, 'dockerfile');
    await server.diagnostics(uri('Dockerfile'), ds => docker(ds).length === 1);
    // The user types the line into the open .dockerignore, not yet saved.
    await server.open(uri('.dockerignore'), 'node_modules\n', 'ignore');
    await server.change(uri('.dockerignore'), 'node_modules\n.env*\n');
    await server.diagnostics(uri('Dockerfile'), ds => docker(ds).length === 0);
    // The Dockerfile now copies only src: nothing secret there either way.
    await server.change(uri('.dockerignore'), 'node_modules\n');
    await server.diagnostics(uri('Dockerfile'), ds => docker(ds).length === 1);
    await server.change(uri('Dockerfile'), 'FROM node:22\nCOPY src /app\n');
    await server.diagnostics(uri('Dockerfile'), ds => docker(ds).length === 0);
  });

  const npm = (ds: Diagnostic[]) => ds.filter(d => d.code === 'secret-file-in-npm-package');

  it('warns on a package.json whose files would publish a .env, and the fix adds a ! entry keeping the rest', async () => {
    const manifest = '{\n  "name": "pkg",\n  "version": "1.0.0",\n  "files": [\n    "dist"\n  ]\n}\n';
    dir = tempDir({ 'package.json': manifest, 'dist/.env': `ANTHROPIC_API_KEY=${key}\n`, 'dist/index.js': '1\n' });
    server = await ServerUnderTest.start({ folder: dir.path, trustedWorkspace: false });
    await server.open(uri('package.json'), manifest, 'json');
    const [d] = npm(await server.diagnostics(uri('package.json'), ds => npm(ds).length > 0));
    assert.deepEqual(d.range, { start: { line: 3, character: 2 }, end: { line: 3, character: 9 } });
    assert.equal(
      d.message,
      'npm publish would send dist/.env (an environment file) to the registry, where anyone can download it and every version stays: add "!dist/.env" to "files" in package.json.',
    );
    const [fix] = await actionsFor(uri('package.json'), d);
    assert.equal(fix.title, 'Add "!dist/.env" to "files"');
    const after = applyWorkspaceEdit(fix.edit!, new Map([[uri('package.json'), manifest]])).get(uri('package.json'))!;
    assert.equal(after, '{\n  "name": "pkg",\n  "version": "1.0.0",\n  "files": [\n    "dist",\n    "!dist/.env"\n  ]\n}\n');
    await server.change(uri('package.json'), after);
    await server.diagnostics(uri('package.json'), ds => npm(ds).length === 0);
  });

  it('with no files, adds the pattern to the .npmignore npm reads instead of .gitignore; a private package is quiet', async () => {
    const manifest = '{"name": "pkg", "version": "1.0.0"}\n';
    dir = tempDir({ 'package.json': manifest, '.env': 'A=1\n', '.gitignore': '.env\n', '.npmignore': 'test/\r\n' });
    server = await ServerUnderTest.start({ folder: dir.path, trustedWorkspace: true });
    await server.open(uri('package.json'), '{"name": "pkg", "private": true}\n', 'json');
    // Private: never published, nothing to say; public: the .env goes out.
    await server.diagnostics(uri('package.json'), ds => npm(ds).length === 0);
    await server.change(uri('package.json'), manifest);
    const [d] = npm(await server.diagnostics(uri('package.json'), ds => npm(ds).length > 0));
    assert.deepEqual(d.range.start, { line: 0, character: 1 }, 'on "name"');
    const [fix] = await actionsFor(uri('package.json'), d);
    assert.equal(fix.title, 'Add .env to .npmignore');
    applyWorkspaceEdit(fix.edit!);
    assert.equal(readFileSync(join(dir.path, '.npmignore'), 'utf8'), 'test/\r\n.env\r\n');
    await server.filesChanged([{ uri: uri('.npmignore'), type: FileChangeType.Changed }]);
    await server.diagnostics(uri('package.json'), ds => npm(ds).length === 0);
  });

  it('in .vscode/mcp.json, turns a key into ${input:…} with a password promptString, keeping the rest of the file', async () => {
    const token = fake.github();
    const config = [
      '{',
      '\t"servers": {',
      '\t\t"github": {',
      '\t\t\t"command": "npx",',
      '\t\t\t"args": ["-y", "@modelcontextprotocol/server-github"],',
      `\t\t\t"env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${token}" }`,
      '\t\t},',
      '\t\t"remote": {',
      '\t\t\t"type": "http",',
      '\t\t\t"url": "https://mcp.example.com/mcp",',
      `\t\t\t"headers": { "Authorization": "Bearer ${key}" }`,
      '\t\t}',
      '\t}',
      '}',
      '',
    ].join('\r\n');
    dir = tempDir({ '.vscode/mcp.json': config });
    server = await ServerUnderTest.start({ folder: dir.path, trustedWorkspace: false });
    await server.open(uri('.vscode/mcp.json'), config, 'jsonc');
    const ds = await server.diagnostics(uri('.vscode/mcp.json'), all => all.filter(d => /github|anthropic/.test(String(d.code))).length === 2);
    const github = ds.find(d => String(d.code).startsWith('github'))!;
    const [first] = await actionsFor(uri('.vscode/mcp.json'), github);
    assert.equal(first.title, "Ask for it when the server starts: ${input:github-personal-access-token}, kept in VS Code's secret storage");
    assert.equal(first.isPreferred, true);
    const once = applyWorkspaceEdit(first.edit!, new Map([[uri('.vscode/mcp.json'), config]])).get(uri('.vscode/mcp.json'))!;
    assert.equal(
      once,
      config
        .replace(token, '${input:github-personal-access-token}')
        .replace(
          /\r\n\}\r\n$/,
          ',\r\n\t"inputs": [\r\n\t\t{\r\n\t\t\t"type": "promptString",\r\n\t\t\t"id": "github-personal-access-token",\r\n\t\t\t"description": "GitHub personal access token for the github MCP server",\r\n\t\t\t"password": true\r\n\t\t}\r\n\t]\r\n}\r\n',
        ),
    );
    // The header's key next: named after its rule (the header's name is no variable), added to the same inputs.
    await server.change(uri('.vscode/mcp.json'), once);
    const [anthropic] = (
      await server.diagnostics(
        uri('.vscode/mcp.json'),
        all => all.some(d => String(d.code).startsWith('anthropic')) && !all.some(d => String(d.code).startsWith('github')),
      )
    ).filter(d => String(d.code).startsWith('anthropic'));
    const [second] = await actionsFor(uri('.vscode/mcp.json'), anthropic);
    const twice = applyWorkspaceEdit(second.edit!, new Map([[uri('.vscode/mcp.json'), once]])).get(uri('.vscode/mcp.json'))!;
    assert.match(twice, /"Authorization": "Bearer \$\{input:anthropic-api-key\}"/);
    assert.match(
      twice,
      /"password": true\r\n\t\t\},\r\n\t\t\{\r\n\t\t\t"type": "promptString",\r\n\t\t\t"id": "anthropic-api-key",\r\n\t\t\t"description": "Anthropic API key for the remote MCP server",/,
    );
    assert.ok(!twice.includes(hiddenPart(key)) && !twice.includes(hiddenPart(token)));
    assert.doesNotThrow(() => JSON.parse(twice));
  });

  it("in Claude Code's .mcp.json, moves a stdio server's env value to a git-ignored .claude/settings.local.json", async () => {
    const token = fake.github();
    const config = [
      '{',
      '  "mcpServers": {',
      '    "github": {',
      '      "command": "npx",',
      '      "args": ["-y", "@modelcontextprotocol/server-github"],',
      `      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${token}", "GITHUB_TOOLSETS": "repos" }`,
      '    },',
      '    "remote": {',
      '      "type": "http",',
      '      "url": "https://mcp.example.com/mcp",',
      `      "headers": { "Authorization": "Bearer ${key}" }`,
      '    }',
      '  }',
      '}',
      '',
    ].join('\n');
    const local = '{\n  // mine\n  "permissions": { "allow": ["Bash(npm test)"] }\n}\n';
    dir = tempDir({ '.mcp.json': config, '.claude/settings.local.json': local, '.gitignore': '# deps\nnode_modules/' });
    server = await ServerUnderTest.start({ folder: dir.path, trustedWorkspace: false });
    await server.open(uri('.mcp.json'), config, 'json');
    const ds = await server.diagnostics(uri('.mcp.json'), all => all.filter(d => /github|anthropic/.test(String(d.code))).length === 2);
    const [fix] = await actionsFor(uri('.mcp.json'), ds.find(d => String(d.code).startsWith('github'))!);
    assert.equal(fix.title, 'Move GITHUB_PERSONAL_ACCESS_TOKEN to .claude/settings.local.json (git-ignored; Claude Code passes its env to the github server)');
    assert.equal(fix.isPreferred, true);
    applyWorkspaceEdit(fix.edit!);
    assert.equal(readFileSync(join(dir.path, '.mcp.json'), 'utf8'), config.replace(`"GITHUB_PERSONAL_ACCESS_TOKEN": "${token}", `, ''));
    const after = readFileSync(join(dir.path, '.claude/settings.local.json'), 'utf8');
    assert.ok(after.startsWith('{\n  // mine\n  "permissions": { "allow": ["Bash(npm test)"] },'), after.replace(token, '<token>'));
    assert.match(after, new RegExp(`"env": \\{\\s+"GITHUB_PERSONAL_ACCESS_TOKEN": "${token}"\\s+\\}`));
    assert.equal(readFileSync(join(dir.path, '.gitignore'), 'utf8'), '# deps\nnode_modules/\n.claude/settings.local.json');
    // A remote server's header: the key becomes ${NAME}, which a session expands from the same env
    // (prefixed with the server's name: Claude Code would take ANTHROPIC_API_KEY for its own).
    const [header] = await actionsFor(uri('.mcp.json'), ds.find(d => String(d.code).startsWith('anthropic'))!);
    assert.equal(
      header.title,
      "Move to .claude/settings.local.json as REMOTE_ANTHROPIC_API_KEY (git-ignored; Claude Code expands ${REMOTE_ANTHROPIC_API_KEY} in the remote server's header from it)",
    );
    const edited = applyWorkspaceEdit(header.edit!, new Map([[uri('.mcp.json'), config]])).get(uri('.mcp.json'))!;
    assert.equal(edited, config.replace(key, '${REMOTE_ANTHROPIC_API_KEY}'));
  });

  it('moves every key of a Dockerfile to run time at once: one env_file, one .dockerignore line', async () => {
    const openai = fake.openai();
    const dockerfile = `FROM node:22\nWORKDIR /app\nCOPY . .\nENV ANTHROPIC_API_KEY=${key}\nENV OPENAI_API_KEY=${openai} PORT=8080\nCMD ["node", "index.js"]\n`;
    dir = tempDir({ Dockerfile: dockerfile, 'compose.yaml': 'services:\n  web:\n    build: .\n', 'index.js': '1\n', '.gitignore': 'node_modules/\n' });
    server = await ServerUnderTest.start({ folder: dir.path, trustedWorkspace: false });
    await server.open(uri('Dockerfile'), dockerfile, 'dockerfile');
    await server.diagnostics(uri('Dockerfile'), ds => ds.filter(d => /anthropic|openai/.test(String(d.code))).length === 2);
    const [all] = ((await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri('Dockerfile') },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source'] },
    })) ?? []) as CodeAction[];
    const resolved = (await server.connection.sendRequest(CodeActionResolveRequest.type, all)) as CodeAction;
    applyWorkspaceEdit(resolved.edit!);
    const read = (rel: string): string => readFileSync(join(dir.path, rel), 'utf8');
    assert.equal(read('Dockerfile'), 'FROM node:22\nWORKDIR /app\nCOPY . .\nENV PORT=8080\nCMD ["node", "index.js"]\n');
    assert.equal(read('compose.yaml'), 'services:\n  web:\n    build: .\n    env_file: .env\n');
    assert.equal(read('.dockerignore'), '**/.env\n');
    assert.equal(read('.gitignore'), 'node_modules/\n.env\n');
    assert.equal(read('.env'), `ANTHROPIC_API_KEY=${key}\nOPENAI_API_KEY=${openai}\n`);
  });

  it('shows an agent that could read .env on its ignore file, and the fix adds the line', async () => {
    dir = tempDir({ '.cursorignore': 'node_modules\n', '.env': `ANTHROPIC_API_KEY=${key}\n`, 'index.js': '1\n' });
    server = await ServerUnderTest.start({ folder: dir.path, trustedWorkspace: false });
    const agent = (ds: Diagnostic[]) => ds.filter(d => d.code === 'secret-file-readable-by-agent');
    const [d] = agent(await server.diagnostics(uri('.cursorignore'), ds => agent(ds).length > 0));
    assert.equal(
      d.message,
      'Cursor can read .env (an environment file) into what it sends to its model: .cursorignore does not exclude it. Add .env to .cursorignore.',
    );
    await server.open(uri('.cursorignore'), 'node_modules\n', 'ignore');
    const [fix] = await actionsFor(uri('.cursorignore'), d);
    assert.equal(fix.title, 'Keep .env from Cursor: add .env to .cursorignore');
    const after = applyWorkspaceEdit(fix.edit!, new Map([[uri('.cursorignore'), 'node_modules\n']])).get(uri('.cursorignore'))!;
    assert.equal(after, 'node_modules\n.env\n');
    await server.change(uri('.cursorignore'), after);
    await server.diagnostics(uri('.cursorignore'), ds => agent(ds).length === 0);
  });

  it("shows what the project's own exit would send on its ignore file, and the fix adds the line", async () => {
    const config = '{ "exits": [{ "id": "vercel", "name": "vercel deploy", "configuredBy": ["vercel.json"], "ignoreFile": ".vercelignore" }] }\n';
    dir = tempDir({ '.secret-safe.json': config, 'vercel.json': '{}\n', '.env.local': `ANTHROPIC_API_KEY=${key}\n`, 'index.js': '1\n' });
    server = await ServerUnderTest.start({ folder: dir.path, trustedWorkspace: false });
    const custom = (ds: Diagnostic[]) => ds.filter(d => d.code === 'secret-file-in-custom-exit');
    // No ignore file yet: shown on the file that shows the tool is used.
    const [d] = custom(await server.diagnostics(uri('vercel.json'), ds => custom(ds).length > 0));
    assert.equal(
      d.message,
      'vercel deploy would send .env.local (an environment file) with the rest of the folder: .vercelignore does not exclude it. Add .env.local to .vercelignore.',
    );
    assert.ok(!d.message.includes(hiddenPart(key)));
    await server.open(uri('vercel.json'), '{}\n', 'json');
    const [fix] = await actionsFor(uri('vercel.json'), d);
    assert.equal(fix.title, 'Keep .env.local out of vercel deploy: add .env.local to .vercelignore');
    applyWorkspaceEdit(fix.edit!);
    assert.equal(readFileSync(join(dir.path, '.vercelignore'), 'utf8'), '.env.local\n');
    await server.filesChanged([{ uri: uri('.vercelignore'), type: FileChangeType.Created }]);
    await server.diagnostics(uri('vercel.json'), ds => custom(ds).length === 0);
  });

  it('says on a key in a Dockerfile ENV line that the image keeps it', async () => {
    const text = `FROM node:22\nENV ANTHROPIC_API_KEY=${key}\nCMD ["node", "index.js"]\n`;
    dir = tempDir({ Dockerfile: text });
    server = await ServerUnderTest.start({ folder: dir.path, trustedWorkspace: false });
    await server.open(uri('Dockerfile'), text, 'dockerfile');
    const [d] = (await server.diagnostics(uri('Dockerfile'), ds => ds.some(x => x.code === 'anthropic-api-key'))).filter(x => x.code === 'anthropic-api-key');
    assert.equal(d.range.start.line, 1);
    assert.match(String(d.message), /ENV and ARG values stay in the image: every layer and `docker history` keep them for anyone who pulls it\./);
    assert.ok(!String(d.message).includes(hiddenPart(key)));
  });
});
