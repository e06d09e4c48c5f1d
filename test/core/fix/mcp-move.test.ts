import * as assert from 'node:assert/strict';
import { fake } from '../../helpers/fake-keys';
import { fix } from './plan.test';

/** The general Move to .env in an MCP config: each client's own reference, and where it expands it from. */
describe("Move to .env in an MCP config: the client's own variable syntax", () => {
  const key = fake.openai();
  const config = `{ "mcpServers": { "r": { "url": "https://mcp.example.com", "headers": { "Authorization": "Bearer ${key}" } } } }\n`;

  it("Cursor's .cursor/mcp.json gets ${env:NAME}, and the title says Cursor reads it from its environment", () => {
    const r = fix('/p/.cursor/mcp.json', config);
    assert.equal(r.code, config.replace(key, '${env:OPENAI_API_KEY}'));
    assert.match(r.title, /Cursor expands \$\{env:OPENAI_API_KEY\} from the environment it starts in, not from \.env: set OPENAI_API_KEY there/);
  });

  it("Claude Code's .mcp.json and Gemini CLI's settings get ${NAME}, each with its own caveat", () => {
    const claude = fix('/p/.mcp.json', config);
    assert.equal(claude.code, config.replace(key, '${OPENAI_API_KEY}'));
    assert.match(claude.title, /Claude Code expands \$\{OPENAI_API_KEY\} from the environment it starts in/);
    const gemini = fix('/p/.gemini/settings.json', config);
    assert.equal(gemini.code, config.replace(key, '${OPENAI_API_KEY}'));
    assert.match(gemini.title, /Gemini CLI resolves \$\{OPENAI_API_KEY\} from the environment it starts in, before it reads \.env/);
  });

  it("Claude Desktop's config has no variables: the move is refused, saying so", () => {
    const r = fix('/p/claude_desktop_config.json', config);
    assert.match(r.disabled ?? '', /Claude Desktop cannot name a variable/);
  });

  it('any other JSON file keeps the general placeholder', () => {
    const r = fix('/p/config/mcp.json', config);
    assert.match(r.title, /JSON cannot read the environment/);
  });
});
