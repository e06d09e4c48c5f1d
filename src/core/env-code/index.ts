/** Env reads in code: what the server may use of `core/env-code`. */
export { envReadAt, envReadContext, envReads, type EnvRead } from './reads';
export { isCredentialName, loggedEnvFix, loggedEnvMessage, loggedEnvValues } from './logging';
export { clientSideReason } from './client-side';
