import type { Severity } from '../types';

/**
 * The ways a secret file leaves the machine besides git, as data: what configures each exit, how
 * Secret Safe tests that the secret files stay out of it, and the fix. Each exit's check reports
 * under its code; `docs/exits.md` is written from this table.
 */
export interface Exit {
  id: string;
  /** The diagnostic code (and SARIF rule id) of a secret file this exit would carry. */
  code: string;
  name: string;
  /** The files that configure the exit. */
  configuredBy: string;
  /** How coverage is tested. */
  test: string;
  /** What the quick fix does. */
  fix: string;
  severity: Severity;
}

export const EXITS: readonly Exit[] = [
  {
    id: 'docker-context',
    code: 'secret-file-in-docker-context',
    name: 'Docker build context',
    configuredBy:
      "`Dockerfile`, `*.Dockerfile`, `Containerfile`, with its folder as the build context, and every `build.context` a compose file (`compose.yaml`, `docker-compose.yml`, their overrides) in its folder or above gives it; `.dockerignore` at the context's root, or `<Dockerfile>.dockerignore` beside the Dockerfile (which wins)",
    test: "each `COPY` or `ADD` from the context (not `--from`) is matched against the secret files under the Dockerfile's folder with Docker's own rules: `filepath.Match` sources, a folder bringing all below it, `--exclude`, and `.dockerignore` as Docker reads it (`**`, root-anchored names, last match wins, `!` re-including under an excluded folder)",
    fix: 'add the file to `.dockerignore` (created if missing), as `**/<name>` so every folder is covered, or by its path',
    severity: 'warning',
  },
  {
    id: 'npm-package',
    code: 'secret-file-in-npm-package',
    name: 'npm package',
    configuredBy:
      '`package.json` without `"private": true`: its `files` entries, and in each folder `.npmignore` (else `.gitignore`); root ignore files do not count once `files` is set',
    test: "the secret files under the package's folder are judged by npm's own rules (`files` entries anchored at the root, `!` entries, a folder's `.npmignore` replacing its `.gitignore`, `.npmrc` never packed); tests hold the answer equal to the real `npm pack --dry-run --json`",
    fix: 'with `files`, a `!path` entry appended to it; else the pattern added to the root `.npmignore`, or to `.gitignore` when there is none (what npm then reads)',
    severity: 'warning',
  },
  {
    id: 'ai-agent',
    code: 'secret-file-readable-by-agent',
    name: 'AI coding agent',
    configuredBy:
      "the agent's own files show it is used: `.cursorignore`, `.cursor/`, `.cursorrules` (Cursor); `CLAUDE.md`, `.claude/` (Claude Code); `GEMINI.md`, `.gemini/`, `.geminiignore` (Gemini CLI); `.aiexclude` (Gemini Code Assist); `.windsurfrules`, `.windsurf/`, `.codeiumignore` (Windsurf)",
    test: "each secret file in the workspace folder is matched against the agent's own exclusions: its ignore file in `.gitignore` syntax, or Claude Code's `permissions.deny` `Read(…)` rules in `.claude/settings.json` (`./` and `/` anchored at the project, `**` anywhere)",
    fix: "the file added in the agent's own syntax: a line in its ignore file (created if missing), or `Read(./path)` appended to `permissions.deny`",
    severity: 'warning',
  },
  {
    id: 'custom',
    code: 'secret-file-in-custom-exit',
    name: "The project's own exits",
    configuredBy:
      '`exits` in `.secret-safe.json`: each a tool that uploads the folder (`gcloud app deploy`, `vercel`, `eb deploy`, a sync script), the files that show it is used (`configuredBy`), and its ignore file (`ignoreFile`, `.gitignore` syntax)',
    test: "when one of its `configuredBy` files exists, each secret file under the config's folder is matched against the tool's ignore file",
    fix: 'the pattern added to the ignore file (created if missing)',
    severity: 'warning',
  },
];

/** What a secret file a project's own exit would send says, in the editor and the CLI. */
export function customExitMessage(f: { name: string; relativePath: string; description: string; ignoreFile: string; pattern: string }): string {
  return `${f.name} would send ${f.relativePath} (${f.description}) with the rest of the folder: ${f.ignoreFile} does not exclude it. Add ${f.pattern} to ${f.ignoreFile}.`;
}

export const EXIT_BY_CODE: ReadonlyMap<string, Exit> = new Map(EXITS.map(e => [e.code, e]));

export const EXITS_DOCS_URL = 'https://github.com/secret-safe/secret-safe/blob/main/docs/exits.md';

/** What a secret file an npm package would publish says, in the editor and the CLI. */
export function npmPackageMessage(f: { relativePath: string; description: string; fix: string }): string {
  return `npm publish would send ${f.relativePath} (${f.description}) to the registry, where anyone can download it and every version stays: ${f.fix}.`;
}

/** What a secret file in a Docker build context says, in the editor and the CLI. */
export function dockerContextMessage(f: {
  instruction: string;
  relativePath: string;
  description: string;
  pattern: string;
  ignoreFile: string;
  via?: string;
}): string {
  return (
    `${f.instruction.toUpperCase()} copies ${f.relativePath} (${f.description})${f.via ? ` from the build context of ${f.via}` : ''} into the image, where every layer keeps it for anyone who pulls it: ` +
    `${f.ignoreFile} does not exclude it. Add ${f.pattern} to ${f.ignoreFile}.`
  );
}
