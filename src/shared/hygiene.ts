/** What is wrong with a secret file, for git: both the server's checks and the client's list name these. */
export type HygieneProblem = 'tracked' | 'not-ignored' | 'unignore-rule';
