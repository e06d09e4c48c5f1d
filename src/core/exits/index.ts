export { type ContextCopy, contextCopies, sourceTakes } from './dockerfile';
export { dockerContextMessage, EXIT_BY_CODE, type Exit, EXITS, EXITS_DOCS_URL } from './table';
export { renderExitDocs } from './docs';
