/**
 * What makes `.env` reach a program, per ecosystem: the planner behind "Move to .env keeps the
 * program running" and the diagnostic on reads that nothing loads. Pure: the node layer reads the
 * project's files (`LOADER_FILES`, then `loaderEntryFiles`) and applies the changes.
 */
import { dirOf } from './text';
import { dotnetLoading } from './dotnet';
import { goLoading } from './go';
import { jvmLoading } from './jvm';
import { makefileLoading } from './makefile';
import { nodeEntryCandidates, nodeLoading } from './node';
import { phpLoading } from './php';
import { PYTHON_ENTRIES, pythonLoading } from './python';
import { rubyLoading } from './ruby';
import { rustLoading } from './rust';
import { shellLoading } from './shell';
import type { EnvLoading, LoadingInput } from './types';

export { makeSafeValue } from './makefile';
export type { EnvLoading, LoaderChange, LoadingInput, ProjectView } from './types';

/** The files at a project's root that say what loads `.env` (read when present; `*.csproj` too). */
export const LOADER_FILES = [
  'package.json',
  'deno.json',
  'deno.jsonc',
  'bun.lock',
  'bunfig.toml',
  'requirements.txt',
  'requirements-dev.txt',
  'requirements/base.txt',
  'pyproject.toml',
  'Pipfile',
  'setup.py',
  'setup.cfg',
  ...PYTHON_ENTRIES,
  'go.mod',
  'main.go',
  'Gemfile',
  'config/application.rb',
  'composer.json',
  'Cargo.toml',
  'src/main.rs',
  'Program.cs',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
];

/** The further files to read once `LOADER_FILES` are: a Node project's candidate entry points. */
export function loaderEntryFiles(files: ReadonlyMap<string, string>): string[] {
  return nodeEntryCandidates(files.get('package.json'));
}

/**
 * What loads `.env` for code in `input.lang`, or what the fix adds so that something does.
 * Undefined where the question does not arise: config formats whose placeholders some other
 * loader expands (the fix's title says so already), GitHub workflows, Terraform.
 */
export function planEnvLoading(input: LoadingInput): EnvLoading | undefined {
  switch (input.lang) {
    case 'javascript':
    case 'typescript':
      return nodeLoading(input);
    case 'python':
      return pythonLoading(input);
    case 'go':
      return goLoading(input);
    case 'ruby':
      return rubyLoading(input);
    case 'php':
      return phpLoading(input);
    case 'java':
    case 'kotlin':
      return jvmLoading(input);
    case 'properties':
    case 'yaml':
      return /(?:^|\/)application(?:-[\w-]+)?\.(?:properties|ya?ml)$/.test(input.document.rel) ? jvmLoading(input) : undefined;
    case 'csharp':
      return dotnetLoading(input);
    case 'rust':
      return rustLoading(input);
    case 'shell':
      return shellLoading(input);
    case 'makefile':
      return makefileLoading(input);
    case 'compose':
      return dirOf(input.document.rel) === dirOf(input.envRel)
        ? { kind: 'loaded', by: 'Compose, which reads the .env beside the compose file for ${…}' }
        : {
            kind: 'unwired',
            reason: `Compose reads \${…} from the .env beside the compose file, not ${input.envRel}: run it with --env-file`,
            command: 'docker compose up',
          };
    case 'dockerfile':
      return {
        kind: 'unwired',
        reason: 'docker build does not read .env: pass the value with --build-arg, or better, as a build secret',
        command: 'docker build',
      };
    case 'powershell':
    case 'swift':
    case 'dart':
      return { kind: 'unwired', reason: 'nothing loads .env for this language: set the variable where the program runs', command: 'the program' };
    default:
      return undefined;
  }
}
