/** `.env` files as text: what the server may use of `core/dotenv`. */
export { readDotenv } from './entries';
export { DOTENV_CODES, DOTENV_DOCS_URL, driftProblems, lineProblems, publicSecretProblems, sharedSecretProblems, type DotenvProblem } from './checks';
export { ENV_FILE_NAME, ENV_TEMPLATE_NAMES, endsAsTemplate, envNameOfTemplate, isEnvTemplateName, templateNamesFor } from './templates';
export { removeEntryLines, rewriteSkippedLine } from './line-fixes';
export { plainValueLines } from './plain-values';
