/**
 * The program still runs after "Move to .env": each ecosystem's real runtime runs a small program
 * before the fix and after it, and both runs must print the same thing: a hash of the key, never
 * the key. The fix is the one the real language server offers first, resolved and applied to disk
 * as an editor would; the program then runs the project's own way (`node index.js`, `npm start`,
 * `python app.py`, `go run .`, …) with the variable unset in its environment, so only `.env` can
 * give it the value.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, CodeActionResolveRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit } from '../helpers/apply-edit';
import { fake } from '../helpers/fake-keys';
import { NODE24_BIN } from '../helpers/repo';
import { ServerUnderTest } from '../helpers/lsp-server';
import { tempDir } from '../helpers/temp-dir';

const REPO = resolve(__dirname, '../../..');
/** The Node the e2e host installs (24): new enough for --env-file-if-exists. */
const NODE24 = NODE24_BIN;
/** Debian's python3, where python3-dotenv is installed (a pyenv python3 may come first on PATH). */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const GODOTENV = '/usr/share/gocode/src/github.com/joho/godotenv';

interface Case {
  title: string;
  files: (key: string) => Record<string, string>;
  /** The file holding the key, opened in the editor. */
  open: string;
  languageId: string;
  run: { command: string; args: string[]; cwd?: string; path?: string };
  /** What the fix's title says it loads `.env` with (undefined: something loads it already). */
  loads?: RegExp;
  setup?: (dir: string) => void;
}

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

const CASES: Case[] = [
  {
    title: 'a plain index.js, run with node index.js',
    files: key => ({ 'index.js': `const apiKey = '${key}';\nconsole.log(require('node:crypto').createHash('sha256').update(apiKey).digest('hex'));\n` }),
    open: 'index.js',
    languageId: 'javascript',
    run: { command: 'node', args: ['index.js'] },
    loads: /process\.loadEnvFile in index\.js/,
  },
  {
    title: 'an ES module, run with node from another folder',
    files: key => ({
      'app/main.mjs': `import { createHash } from 'node:crypto';\n\nconst apiKey = "${key}";\nconsole.log(createHash('sha256').update(apiKey).digest('hex'));\n`,
    }),
    open: 'app/main.mjs',
    languageId: 'javascript',
    run: { command: 'node', args: ['app/main.mjs'] },
    loads: /process\.loadEnvFile in main\.mjs/,
  },
  {
    title: 'npm start, no dependencies, the key in a module the entry requires',
    files: key => ({
      'package.json': JSON.stringify({ name: 'svc', private: true, scripts: { start: 'node src/server.js' } }, null, 2),
      'src/server.js': `const { apiKey } = require('./config');\nconsole.log(require('node:crypto').createHash('sha256').update(apiKey).digest('hex'));\n`,
      'src/config.js': `module.exports = { apiKey: '${key}' };\n`,
    }),
    open: 'src/config.js',
    languageId: 'javascript',
    run: { command: 'npm', args: ['start', '--silent'] },
    loads: /process\.loadEnvFile in src\/config\.js/,
  },
  {
    title: 'npm start in a project that depends on dotenv but never calls it',
    files: key => ({
      'package.json': JSON.stringify(
        { name: 'svc', private: true, main: 'src/index.js', scripts: { start: 'node src/index.js' }, dependencies: { dotenv: '^16.0.0' } },
        null,
        2,
      ),
      'src/index.js': `'use strict';\nconst { client } = require('./client');\nconsole.log(client());\n`,
      'src/client.js': `const crypto = require('node:crypto');\nconst openaiKey = '${key}';\nexports.client = () => crypto.createHash('sha256').update(openaiKey).digest('hex');\n`,
    }),
    open: 'src/client.js',
    languageId: 'javascript',
    run: { command: 'npm', args: ['start', '--silent'] },
    loads: /dotenv in src\/index\.js/,
    setup: dir => {
      mkdirSync(join(dir, 'node_modules'));
      symlinkSync(join(REPO, 'node_modules/dotenv'), join(dir, 'node_modules/dotenv'), 'dir');
    },
  },
  {
    title: 'npm start on Node 24, whose engines allow --env-file-if-exists',
    files: key => ({
      'package.json': JSON.stringify({ name: 'svc', private: true, type: 'module', engines: { node: '>=22.9' }, scripts: { start: 'node index.js' } }, null, 2),
      'index.js': `import { createHash } from 'node:crypto';\nconst apiKey = '${key}';\nconsole.log(createHash('sha256').update(apiKey).digest('hex'));\n`,
    }),
    open: 'index.js',
    languageId: 'javascript',
    run: { command: 'npm', args: ['start', '--silent'], path: NODE24 },
    loads: /--env-file-if-exists in the start script/,
  },
  {
    title: 'python app.py with python-dotenv',
    files: key => ({
      'requirements.txt': 'python-dotenv==0.21.0\n',
      'app.py': `"""A tiny service."""\nimport hashlib\n\nAPI_KEY = "${key}"\n\nprint(hashlib.sha256(API_KEY.encode()).hexdigest())\n`,
    }),
    open: 'app.py',
    languageId: 'python',
    run: { command: PYTHON, args: ['app.py'] },
    loads: /load_dotenv\(\) in app\.py/,
  },
  {
    title: 'go run . with godotenv, the key in a package-level var',
    files: key => ({
      'go.mod': `module example.com/svc\n\ngo 1.19\n\nrequire github.com/joho/godotenv v1.5.1\n\nreplace github.com/joho/godotenv => ${GODOTENV}\n`,
      'main.go': `package main\n\nimport (\n\t"crypto/sha256"\n\t"fmt"\n)\n\nvar apiKey = "${key}"\n\nfunc main() {\n\tfmt.Printf("%x\\n", sha256.Sum256([]byte(apiKey)))\n}\n`,
    }),
    open: 'main.go',
    languageId: 'go',
    run: { command: 'go', args: ['run', '.'] },
    loads: /godotenv's autoload in main\.go/,
  },
  {
    title: 'ruby app.rb with the dotenv gem',
    files: key => ({
      Gemfile: `source "https://rubygems.org"\n\ngem "dotenv"\n`,
      'app.rb': `# frozen_string_literal: true\n\nrequire "digest"\n\napi_key = "${key}"\nputs Digest::SHA256.hexdigest(api_key)\n`,
    }),
    open: 'app.rb',
    languageId: 'ruby',
    run: { command: 'ruby', args: ['app.rb'] },
    loads: /dotenv in app\.rb/,
  },
  {
    title: 'php index.php with vlucas/phpdotenv',
    files: key => ({
      'composer.json': JSON.stringify({ require: { 'vlucas/phpdotenv': '^5.4' } }, null, 2),
      // What composer install would leave: an autoloader that finds phpdotenv (Debian's copy here).
      'vendor/autoload.php': "<?php\nrequire '/usr/share/php/Dotenv/autoload.php';\n",
      'index.php': `<?php\ndeclare(strict_types=1);\n\n$apiKey = '${key}';\necho hash('sha256', $apiKey), "\\n";\n`,
    }),
    open: 'index.php',
    languageId: 'php',
    run: { command: 'php', args: ['index.php'] },
    loads: /phpdotenv in index\.php/,
  },
  {
    title: 'a bash script with set -u, run from another folder',
    files: key => ({
      'bin/deploy.sh': `#!/usr/bin/env bash\nset -euo pipefail\n\nAPI_KEY='${key}'\nprintf '%s' "$API_KEY" | sha256sum | cut -d' ' -f1\n`,
    }),
    open: 'bin/deploy.sh',
    languageId: 'shellscript',
    run: { command: 'bash', args: ['deploy.sh'], cwd: 'bin' },
    loads: /source of \.env/,
  },
  {
    title: 'make, the key in a Makefile variable its recipe uses',
    files: key => ({ Makefile: `# Deploys the app.\nAPI_KEY := ${key}\n\nall:\n\t@printf '%s' "$(API_KEY)" | sha256sum | cut -d' ' -f1\n` }),
    open: 'Makefile',
    languageId: 'makefile',
    run: { command: 'make', args: ['-s'] },
    loads: /-include \.env in Makefile/,
  },
];

describe('the program still runs after Move to .env (real runtimes)', () => {
  for (const c of CASES) {
    it(c.title, async () => {
      const key = c.languageId === 'go' || c.languageId === 'ruby' ? fake.openai() : fake.anthropic();
      const dir = tempDir(c.files(key));
      mkdirSync(join(dir.path, '.git'));
      c.setup?.(dir.path);
      const run = (): string => {
        const env: NodeJS.ProcessEnv = {
          ...process.env,
          GOFLAGS: '-mod=mod',
          GOPROXY: 'off',
          GOSUMDB: 'off',
          GOCACHE: join(dir.path, '.gocache'),
          HOME: dir.path,
        };
        for (const name of ['API_KEY', 'ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'OPENAI_KEY']) delete env[name];
        if (c.run.path) env.PATH = `${c.run.path}:${env.PATH}`;
        const r = spawnSync(c.run.command, c.run.args, { cwd: join(dir.path, c.run.cwd ?? ''), env, encoding: 'utf8' });
        assert.equal(r.status, 0, `${c.run.command} ${c.run.args.join(' ')} failed: ${(r.stderr || '').replaceAll(key, '<key>').slice(-1500)}`);
        return r.stdout.trim();
      };
      const server = await ServerUnderTest.start({ folder: dir.path });
      try {
        const before = run();
        assert.equal(before, sha(key), 'before the fix, the program prints the hash of its key');
        const file = join(dir.path, c.open);
        const text = readFileSync(file, 'utf8');
        const uri = pathToFileURL(file).href;
        await server.open(uri, text, c.languageId);
        const diagnostics: Diagnostic[] = await server.diagnostics(uri, ds => ds.length > 0);
        const list = (await server.connection.sendRequest(CodeActionRequest.type, {
          textDocument: { uri },
          range: diagnostics[0].range,
          context: { diagnostics: [diagnostics[0]] },
        })) as CodeAction[];
        const move = list.find(a => a.isPreferred);
        assert.ok(move, `no preferred fix among ${list.map(a => a.title).join(' | ')}`);
        if (c.loads) assert.match(move.title, c.loads);
        const resolved = (await server.connection.sendRequest(CodeActionResolveRequest.type, move)) as CodeAction;
        applyWorkspaceEdit(resolved.edit!);
        assert.ok(!readFileSync(file, 'utf8').includes(key), 'the key has left the code');
        assert.equal(run(), before, `after "${move.title}", the program prints the same`);
      } finally {
        await server.stop();
        dir.dispose();
      }
    });
  }
});
