/** Move to .env, as pure plans: what the editor and the server may use of `core/fix`. */
export { planMoveToEnv, examplePlaceholder, isConnectionString, type FileChange, type FileState, type FixPlan, type GitignoreState } from './plan';
export { planExampleSecretFix } from './example-secret';
export { appendVariable } from './dotenv';
export { applyEdits, eolOf, type TextEdit } from './text-edit';
export { LOADER_FILES, loaderEntryFiles, planEnvLoading, type EnvLoading, type LoaderChange, type ProjectView } from './loading';
