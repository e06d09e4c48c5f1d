import type { Lang } from '../../language';
import type { TextEdit } from '../text-edit';

/**
 * A project as the loader planner sees it: its root folder (where its manifest is, else the
 * code's own folder) and the texts of the files there that tell what loads `.env`. Paths are
 * relative to the root, with `/`.
 */
export interface ProjectView {
  files: ReadonlyMap<string, string>;
  /** The absolute path of a root-relative one. */
  pathOf(rel: string): string;
  /**
   * For a Dockerfile: the compose services that build it, each with its compose file (root-relative,
   * its text in `files`) and the `.env` as that file's `env_file:` would name it.
   */
  dockerBuilds?: ReadonlyArray<{ rel: string; service: string; envFile: string }>;
  /** For a Dockerfile: the ignore files (root-relative; their texts in `files` when they exist) that need `pattern` to keep `.env` out of its images. */
  dockerignores?: ReadonlyArray<{ rel: string; pattern: string }>;
}

export interface LoadingInput {
  lang: Lang;
  /** The code, relative to the project root, as the move leaves it (the read already in place). */
  document: { rel: string; text: string };
  /** The `.env` the move writes, relative to the project root (`.env`, `../.env`). */
  envRel: string;
  /** The `.env` text as the move leaves it. */
  envText?: string;
  /** The variable the code now reads. */
  name: string;
  project: ProjectView;
}

/** Edits to one project file, relative to its text as the input has it. */
export interface LoaderChange {
  rel: string;
  /** The file does not exist yet. */
  create?: boolean;
  edits: TextEdit[];
}

/**
 * What makes `.env` reach the program: something does already (`by` says what), the fix adds it
 * (`changes`), or it cannot safely, and the user must be told (`reason`, and how the program
 * runs). `refused`: moving to `.env` cannot help at all (browser code).
 */
export type EnvLoading =
  | { kind: 'loaded'; by: string }
  | { kind: 'wired'; by: string; changes: LoaderChange[]; command?: string }
  | {
      kind: 'unwired';
      reason: string;
      /** How the program is run, for the diagnostic: `npm start`, `python app.py`. */
      command?: string;
      /** Ways to wire it that need the user's step first (installing a package), as quick fixes. */
      alternatives?: Array<{ title: string; changes: LoaderChange[] }>;
    }
  | { kind: 'refused'; reason: string };
