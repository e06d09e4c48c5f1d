import * as assert from 'node:assert/strict';
import { BUILTIN_RULES, createScanner, findingMessage } from '../../src/core';
import { scanText } from '../../src/node/scan/scan-batch';
import { fake, hiddenPart } from '../helpers/fake-keys';

describe('MCP configs: a key in one says who reads the file and how to keep the value out', () => {
  const scanner = createScanner(BUILTIN_RULES);
  const token = fake.github();
  const config = (top: string) =>
    `{\n  "${top}": {\n    "github": {\n      "command": "npx",\n      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${token}" }\n    }\n  }\n}\n`;

  it("names each client's own way, as its documentation writes it", () => {
    const cases: Array<[string, string, RegExp]> = [
      ['.vscode/mcp.json', 'servers', /VS Code reads this MCP config, .*use an input, which VS Code asks for once and keeps in its secret storage/],
      ['.cursor/mcp.json', 'mcpServers', /Cursor reads this MCP config, .*write "\$\{env:NAME\}" and set NAME in the environment Cursor starts from/],
      ['.mcp.json', 'mcpServers', /Claude Code reads this MCP config, .*write "\$\{NAME\}"/],
      ['.gemini/settings.json', 'mcpServers', /Gemini CLI reads this MCP config, .*write "\$NAME"/],
      [
        'claude_desktop_config.json',
        'mcpServers',
        /Claude Desktop reads this MCP config, .*it cannot name a variable, so keep this file out of the repository/,
      ],
    ];
    for (const [path, top, note] of cases) {
      const [f] = scanText(scanner, config(top), true, undefined, false, `project/${path}`);
      assert.equal(f.ruleId, 'github-pat', path);
      assert.match(findingMessage(f), note, path);
      assert.ok(!findingMessage(f).includes(hiddenPart(token)));
    }
    const [plain] = scanText(scanner, config('mcpServers'), true, undefined, false, 'project/settings.json');
    assert.ok(!findingMessage(plain).includes('MCP config'));
  });
});
