export { type ContextCopy, contextCopies, LAYER_NOTE, noteExits, noteImageLayers, sourceTakes } from './dockerfile';
export { customExitMessage, dockerContextMessage, EXIT_BY_CODE, type Exit, EXITS, EXITS_DOCS_URL, npmPackageMessage } from './table';
export { renderExitDocs } from './docs';
export { excludeFromFilesEdit, filesAsRules, type PackageFacts, packageFacts } from './npm-package';
export { claudeLocalEnvEdits, inputIdOf, MCP_CONFIGS, type McpConfig, mcpConfigOf, mcpInputEdits, mcpNote, mcpPlace } from './mcp';
export { type Agent, AGENTS, agentMessage, claudeDenyEdit, claudeReadDenials, claudeReadRule } from './agents';
