import { isCommittedEnvName } from '../dotenv/templates';
import { namePrefilter } from './name-prefilter';

/** A kind of file that holds secrets and must be git-ignored, as data the config can extend. */
export interface SecretFileKind {
  id: string;
  /** What the file is, in a sentence's words ("an environment file"). */
  description: string;
  /** Matched against the file's name (`name`) or its path relative to the repository (`path`). */
  name?: RegExp;
  path?: RegExp;
  /** When set, the file counts only if its text matches: `.npmrc` with a token, not any `.npmrc`. */
  contains?: RegExp;
  /** What to add to `.gitignore`; `{name}` is the file's name, `{path}` its path from the repository root. */
  ignorePattern: string;
  /** For the project's own kinds: the glob the editor watches for changes to such files. */
  watchGlob?: string;
}

export const SECRET_FILE_KINDS: readonly SecretFileKind[] = [
  { id: 'env', description: 'an environment file', name: /^\.env(?:\.[\w.-]+)?$/, ignorePattern: '{name}' },
  { id: 'pem', description: 'a key or certificate file', name: /\.(?:pem|key)$/i, contains: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, ignorePattern: '*.{ext}' },
  { id: 'ssh-key', description: 'an SSH private key', name: /^id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?$/, ignorePattern: '{name}' },
  { id: 'keystore', description: 'a keystore', name: /\.(?:p12|pfx|jks|keystore)$/i, ignorePattern: '*.{ext}' },
  { id: 'credentials-json', description: 'a credentials file', name: /^credentials\.json$/i, ignorePattern: '{name}' },
  {
    id: 'gcp-service-account',
    description: 'a Google Cloud service account key',
    name: /\.json$/i,
    contains: /"type"\s*:\s*"service_account"[\s\S]{0,4000}"private_key"\s*:|"private_key"\s*:[\s\S]{0,8000}"type"\s*:\s*"service_account"/,
    ignorePattern: '{path}',
  },
  { id: 'terraform-state', description: 'Terraform state', name: /\.tfstate(?:\.backup)?$/, ignorePattern: '*.tfstate*' },
  {
    id: 'terraform-vars',
    description: 'Terraform variables holding secrets',
    name: /\.tfvars(?:\.json)?$/,
    contains: /(?:password|secret|token|api_?key|access_?key|private_?key)\w*"?\s*[=:]\s*"[^"$\s]{8,}"/i,
    ignorePattern: '{path}',
  },
  {
    id: 'npmrc',
    description: 'an .npmrc with a registry token',
    name: /^\.npmrc$/,
    contains: /(?:_authToken|_auth|_password)\s*=\s*(?!\$\{)\S+/,
    ignorePattern: '.npmrc',
  },
  { id: 'pypirc', description: 'a .pypirc with a password', name: /^\.pypirc$/, contains: /^\s*password\s*[=:]\s*\S+/m, ignorePattern: '.pypirc' },
  { id: 'netrc', description: 'a .netrc with a password', name: /^_?\.?netrc$/, contains: /\bpassword\s+\S+/, ignorePattern: '.netrc' },
  // An AI coding agent's own state: local settings (env and keys for its tools), chat history (what was pasted).
  {
    id: 'agent-local-settings',
    description: "an AI agent's local settings",
    path: /(?:^|\/)\.claude\/settings\.local\.json$/,
    ignorePattern: '.claude/settings.local.json',
  },
  { id: 'agent-history', description: "an AI agent's chat history", name: /^\.aider\.(?:chat\.history\.md|input\.history)$/, ignorePattern: '.aider*' },
  {
    id: 'docker-config',
    description: 'a Docker config with registry credentials',
    path: /(?:^|\/)\.docker\/config\.json$/,
    contains: /"auth"\s*:\s*"[A-Za-z0-9+/=]{8,}"/,
    ignorePattern: '.docker/config.json',
  },
];

/**
 * A file's kind, from its path (relative to the repository, `/`-separated), and its text when a kind
 * needs it. `contains`: whether the text matches a kind's `contains`, where that is known already
 * (see judgeByContent); undefined leaves it to the text.
 */
export function secretFileKind(
  relativePath: string,
  text: (() => string | undefined) | undefined,
  kinds: readonly SecretFileKind[] = SECRET_FILE_KINDS,
  contains?: (kind: SecretFileKind) => boolean | undefined,
): SecretFileKind | undefined {
  const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  if (isCommittedEnvName(name)) {
    return undefined;
  }
  for (const kind of kinds) {
    if (!fitsNameAndPath(kind, name, relativePath)) {
      continue;
    }
    if (kind.contains) {
      const known = contains?.(kind);
      if (known === false) continue;
      if (known === undefined) {
        const content = text?.();
        if (content === undefined || !kind.contains.test(content)) {
          continue;
        }
      }
    }
    return kind;
  }
  return undefined;
}

/**
 * Largest file judged a secret file by its content: key files are a few KB (a service-account JSON
 * 2.4 KB), and the large JSON a tree holds (lock files, schemas) are not. A private key in a larger
 * file is still a finding of the scan itself.
 */
export const MAX_KEY_FILE_BYTES = 256 << 10;

/**
 * The kinds known by content that a file's name makes it a candidate for (those with a `name`; a
 * kind known by its path alone is left to the path), by their index in `kinds`, each with whether
 * the file's text (of `bytes` bytes; asked for only when needed) matches: what a scan that has the text works out while it has
 * it, so that the file is not read again to be judged. Empty when the name makes it no candidate.
 */
export function judgeByContent(name: string, text: () => string, bytes: number, kinds: readonly SecretFileKind[]): Array<[index: number, matches: boolean]> {
  const judged: Array<[number, boolean]> = [];
  if (namePrefilter(kinds, 'content')?.mayMatch(name) === false) return judged;
  let content: string | undefined;
  const textOnce = (): string => {
    content ??= text();
    return content;
  };
  kinds.forEach((kind, index) => {
    if (kind.contains && kind.name?.test(name)) judged.push([index, bytes <= MAX_KEY_FILE_BYTES && kind.contains.test(textOnce())]);
  });
  return judged;
}

/** Whether a name could be a secret file at all, before any content is read (a cheap first pass). */
export function mayBeSecretFile(relativePath: string, kinds: readonly SecretFileKind[] = SECRET_FILE_KINDS): boolean {
  const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  if (isCommittedEnvName(name)) return false;
  // Most names no kind's name pattern matches: then only a kind without one (known by path) can.
  const named = namePrefilter(kinds, 'all')?.mayMatch(name) ?? true;
  return kinds.some(k => (named || !k.name) && fitsNameAndPath(k, name, relativePath));
}

/** Whether a file's name (its last segment) and path (relative, `/`-separated) are a kind's, content aside. */
export function fitsNameAndPath(kind: SecretFileKind, name: string, relativePath: string): boolean {
  return (!kind.name || kind.name.test(name)) && (!kind.path || kind.path.test(relativePath));
}

/** The `.gitignore` line for a file of this kind. */
export function ignorePatternFor(kind: SecretFileKind, relativePath: string): string {
  const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : name;
  return kind.ignorePattern.replace('{name}', name).replace('{path}', `/${relativePath}`).replace('{ext}', ext);
}

/**
 * Globs of the files whose changes can change the git-hygiene answer: ignore files, the index,
 * and the built-in secret files by name. Kinds known only by content in common files (a service
 * account `.json`) are left to the other events and the "Check Git Hygiene" command.
 */
export const HYGIENE_WATCH_GLOBS: readonly string[] = [
  '**/.gitignore',
  '**/.git/index',
  '**/.git/info/exclude',
  '**/.env*',
  '**/*.{pem,key,p12,pfx,jks,keystore,tfstate,tfvars}',
  '**/{id_rsa,id_dsa,id_ecdsa,id_ed25519,credentials.json,.npmrc,.pypirc,.netrc}',
  '**/.docker/config.json',
  '**/.claude/settings.local.json',
  '**/.aider.{chat.history.md,input.history}',
];
