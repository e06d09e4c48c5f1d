/**
 * The core: string in, data out. No `vscode`, no language server, no file system; the server and
 * the CLI both build on this module and nothing below it knows they exist.
 */
export type { Confidence, Finding, KeyGen, Rule, RuleExamples, Severity, Span } from './types';
export { createScanner, type Scanner, type TextView, WINDOWED_FROM } from './scanner';
export { BUILTIN_RULES } from './rules';
export { maskSecret, MASK } from './mask';
export { lendScannerForRedaction, maskFoundSecrets, redactSecrets } from './redact';
export { shannonEntropy } from './entropy';
export { createKeyGen, seededRandom } from './keygen';
export { fakeKeys, type FakeKeys } from './fake-keys';
export { ruleDocsUrl, DOCS_BASE_URL } from './docs';
export { findingLabel, findingMessage } from './message';
export { parseConfig, jsonSyntaxError, CONFIG_FILE, EMPTY_CONFIG, type CustomExit, type ProjectConfig, type ConfigProblem } from './config';
export { createPathMatcher } from './paths';
export { languageOf, lineComment, type Lang } from './language';
export { isPlaceholder } from './filters';
export { ignoreCommentText, isoDate, type IgnoreScope } from './suppress';
export { RULE_ROTATION_PAGES, rotationOf, ROTATION_NOTE, ROTATION_PAGES } from './rotation';
export type { Utf16Writer } from './wasm-keyword-pass';
export { type NotebookPiece, notebookPieces } from './notebook';
export { PositionCursor } from './positions';
export { baselineInsertion, configBaselineEdit, type BaselineEntry } from './baseline-edits';
