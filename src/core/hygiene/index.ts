/** Git hygiene's facts and messages: what the node layer and the server may use of `core/hygiene`. */
export { HYGIENE_CODES, HYGIENE_DOCS_URL, HYGIENE_SEVERITY, hygieneMessage, type HygieneProblem } from './checks';
export {
  fitsNameAndPath,
  HYGIENE_WATCH_GLOBS,
  ignorePatternFor,
  judgeByContent,
  MAX_KEY_FILE_BYTES,
  mayBeSecretFile,
  SECRET_FILE_KINDS,
  secretFileKind,
  type SecretFileKind,
} from './secret-files';
export { addIgnorePattern, lastNegation, relatedPatterns, removeLine } from './gitignore-edit';
