import { readDotenv } from '../dotenv/entries';
import type { Finding } from '../types';
import { DotenvEncodingError, appendVariable, encodeDotenvValue, parseDotenv } from './dotenv';
import { envIgnorePattern, examplePlaceholder, type FileChange, type FileState, type FixPlan, type GitignoreState } from './plan';
import { appendLines } from './text-edit';

export interface ExampleSecretInput {
  /** The committed template holding a real secret (`.env.example`, `.env.production.sample`, …). */
  example: { path: string; text: string };
  finding: Finding;
  /** The env file it documents, beside it (`.env`, `.env.production`), and whether git ignores that. */
  env: FileState;
  gitignore: GitignoreState;
}

/**
 * A real secret in a committed example file: the value becomes a placeholder there, and moves
 * into the env file it documents (created and git-ignored if need be) unless that file already
 * sets the variable. A commented-out line gets its placeholder only. Pure: the caller applies the
 * changes as one edit.
 */
export function planExampleSecretFix(input: ExampleSecretInput): FixPlan {
  const { example, finding } = input;
  const placeholder = examplePlaceholder(finding);
  const doc = readDotenv(example.text);
  const entry = doc.entries.find(e => e.valueStart <= finding.start && finding.end <= e.valueEnd);
  const envName = envIgnorePattern(input.env.path);
  const title = `Replace with a placeholder, and move the value to ${envName}`;
  if (!entry) {
    // A commented-out line, or a value dotenv would not read: only the placeholder.
    return {
      kind: 'plan',
      title: 'Replace with a placeholder',
      name: '',
      changes: [{ path: example.path, create: false, edits: [{ start: finding.start, end: finding.end, newText: placeholder }] }],
    };
  }
  const changes: FileChange[] = [{ path: example.path, create: false, edits: [{ start: entry.valueStart, end: entry.valueEnd, newText: placeholder }] }];
  const existing = parseDotenv(input.env.text ?? '');
  if (existing.has(entry.name)) {
    const same = existing.get(entry.name) === entry.value;
    return {
      kind: 'plan',
      title: `Replace with a placeholder (${envName} ${same ? 'has this value already' : `keeps its own ${entry.name}`})`,
      name: entry.name,
      changes,
    };
  }
  let encoded: string;
  try {
    encoded = encodeDotenvValue(entry.value);
  } catch (e) {
    if (e instanceof DotenvEncodingError) return { kind: 'disabled', title, reason: `the value cannot be written to ${envName} exactly: ${e.message}` };
    throw e;
  }
  changes.push({ path: input.env.path, create: input.env.text === undefined, edits: [appendVariable(input.env.text ?? '', entry.name, encoded)] });
  if (!input.gitignore.ignoresEnv) {
    changes.push({ path: input.gitignore.path, create: input.gitignore.text === undefined, edits: [appendLines(input.gitignore.text ?? '', [envName])] });
  }
  return { kind: 'plan', title, name: entry.name, changes };
}
