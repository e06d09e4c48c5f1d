import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fake, hiddenPart } from '../helpers/fake-keys';
import { GIT_TEST_ENV, gitRepo } from '../helpers/git-repo';
import { DIST, REPO_ROOT } from '../helpers/repo';
import { tempDir } from '../helpers/temp-dir';

// Issue 21: the language server in an editor that is not VS Code. A real Neovim (Debian's, headless)
// runs the configuration docs/editors.md gives, word for word, against `secret-safe-language-server
// --stdio`: the diagnostic on a planted key, then Move to .env through Neovim's own code-action path
// (vim.lsp.buf.code_action and its vim.ui.select menu), and the files the fix wrote.

/** The Lua block of docs/editors.md's Neovim section: what a user pastes into init.lua. */
function documentedConfig(): string {
  const docs = readFileSync(join(REPO_ROOT, 'docs/editors.md'), 'utf8');
  const section = docs.slice(docs.indexOf('## Neovim'));
  const block = /```lua\n([\s\S]*?)```/.exec(section);
  assert.ok(block, 'docs/editors.md has a Lua block under "## Neovim"');
  return block[1];
}

/** What the test does inside Neovim, as a user would: wait for the diagnostic, ask for code actions, pick one, save. */
const DRIVER = String.raw`
local out = {}
local function finish()
  local f = io.open(vim.env.RESULT, 'w')
  f:write(vim.fn.json_encode(out))
  f:close()
  vim.cmd('qa!')
end
local buf = vim.api.nvim_get_current_buf()
out.attached = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
out.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(out.diagnostics, { lnum = d.lnum, col = d.col, message = d.message, source = d.source,
    code = d.user_data and d.user_data.lsp and d.user_data.lsp.code or vim.NIL })
end
if not out.attached then return finish() end
local d = vim.diagnostic.get(buf)[1]
vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
out.offered = {}
vim.ui.select = function(items, opts, on_choice)
  local pick
  for i, item in ipairs(items) do
    local title = opts.format_item and opts.format_item(item) or tostring(item)
    table.insert(out.offered, title)
    if not pick and title:match('%.env') and title:match('^Move') then pick = i end
  end
  on_choice(pick and items[pick] or nil, pick)
end
vim.lsp.buf.code_action()
out.applied = vim.wait(20000, function()
  local line = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  return table.concat(line, '\n'):find('process.env', 1, true) ~= nil
end, 50)
vim.wait(500)
vim.cmd('silent! wall')
finish()
`;

describe('the language server in Neovim (headless, docs/editors.md configuration)', function () {
  this.timeout(90_000);
  let repo: ReturnType<typeof gitRepo> | undefined;
  let home: ReturnType<typeof tempDir> | undefined;
  afterEach(() => {
    repo?.dispose();
    home?.dispose();
  });

  it('shows the masked diagnostic, and Move to .env writes .env, .env.example and .gitignore', () => {
    const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    assert.equal(probe.status, 0, 'Neovim is installed (npm test installs Debian\'s "neovim")');
    const key = fake.anthropic();
    repo = gitRepo({ 'src/client.js': `const apiKey = '${key}';\nmodule.exports = { apiKey };\n` }, ['src/client.js']);
    home = tempDir();
    // The bin a global install puts on PATH.
    home.write('bin/secret-safe-language-server', `#!/bin/sh\nexec "${process.execPath}" "${join(DIST, 'server.js')}" "$@"\n`);
    chmodSync(join(home.path, 'bin/secret-safe-language-server'), 0o755);
    home.write('init.lua', documentedConfig());
    home.write('driver.lua', DRIVER);
    const result = join(home.path, 'result.json');
    const run = spawnSync(
      'nvim',
      ['--headless', '-n', '-i', 'NONE', '-u', join(home.path, 'init.lua'), '-c', `luafile ${join(home.path, 'driver.lua')}`, 'src/client.js'],
      {
        cwd: repo.path,
        encoding: 'utf8',
        timeout: 80_000,
        env: {
          ...process.env,
          ...GIT_TEST_ENV,
          PATH: `${join(home.path, 'bin')}:${process.env.PATH}`,
          RESULT: result,
          XDG_CONFIG_HOME: home.path,
          XDG_DATA_HOME: home.path,
          XDG_STATE_HOME: home.path,
        },
      },
    );
    assert.ok(existsSync(result), `Neovim wrote its result (exit ${run.status}): ${run.stderr.slice(-2000)}`);
    const out = JSON.parse(readFileSync(result, 'utf8')) as {
      attached: boolean;
      diagnostics: Array<{ lnum: number; col: number; message: string; source: string; code: string }>;
      offered: string[];
      applied: boolean;
    };
    assert.ok(out.attached, 'a diagnostic arrived');
    const [d] = out.diagnostics;
    assert.equal(d.source, 'secret-safe');
    assert.equal(d.code, 'anthropic-api-key');
    assert.deepEqual([d.lnum, d.col], [0, 16]);
    assert.match(d.message, /^Anthropic API key sk-ant-api03-\*{4}/);
    assert.ok(!d.message.includes(hiddenPart(key)), 'masked');
    assert.ok(
      out.offered.some(t => /^Move .* to \.env/.test(t)),
      `Move to .env is offered: ${out.offered.join(' | ')}`,
    );
    assert.ok(out.applied, 'the edit reached the buffer');
    const source = readFileSync(join(repo.path, 'src/client.js'), 'utf8');
    assert.ok(source.includes('process.env.ANTHROPIC_API_KEY') && !source.includes(key), source);
    // The value, quoted as the dotenv writer quotes it (Neovim writes a new buffer with one more line end).
    const env = readFileSync(join(repo.path, '.env'), 'utf8');
    assert.ok(
      env.split('\n').some(line => line === `ANTHROPIC_API_KEY=${key}` || line === `ANTHROPIC_API_KEY='${key}'`),
      'the key is in .env',
    );
    assert.match(readFileSync(join(repo.path, '.env.example'), 'utf8'), /^ANTHROPIC_API_KEY=/m);
    assert.match(readFileSync(join(repo.path, '.gitignore'), 'utf8'), /^\.env$/m);
  });
});
