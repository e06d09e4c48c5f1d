/** Env reads in code: what the server may use of `core/env-code`. */
export { envReadAt, envReadContext } from './reads';
export { isCredentialName, loggedEnvFix, loggedEnvMessage, loggedEnvValues } from './logging';
export { clientSideReason } from './client-side';
