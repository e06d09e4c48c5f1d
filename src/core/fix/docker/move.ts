import { nextLineStart } from '../loading/text';
import type { TextEdit } from '../text-edit';
import { type Dockerfile, type Instruction, parseDockerfile, readsVariable, type Word, wordsOf } from './instructions';

/**
 * "Move to .env" in a Dockerfile. Neither `ENV` nor `ARG` keeps a value out of the image: both stay
 * in its layers and `docker history`. So the value leaves the Dockerfile for where it is used:
 *
 * - `ENV KEY=value`, read by the program at run time: the pair goes, and the container gets `KEY`
 *   from `.env` at run time (compose's `env_file:`, `docker run --env-file`); in a build stage
 *   (not the last), which no container runs, it becomes a build secret as an `ARG` does;
 * - `ARG KEY=value`, read by the build: it becomes a build secret, mounted into each `RUN` of its
 *   stage (which saw `KEY` in its environment before), and exported there under its old name;
 * - a value written in a `RUN` command: a build secret read in its place, `$(cat /run/secrets/ID)`.
 *
 * Anything else (a `LABEL`, a global `ARG`, a value the build reads outside a `RUN`) keeps the
 * general move.
 */
export type DockerMove =
  | { kind: 'runtime'; key: string; edits: TextEdit[]; note?: string }
  | { kind: 'build'; edits: (id: string) => TextEdit[] }
  | { kind: 'disabled'; reason: string };

export function dockerfileMove(text: string, span: { start: number; end: number }): DockerMove | undefined {
  const file = parseDockerfile(text);
  const at = file.instructions.find(i => i.start <= span.start && span.end <= i.end);
  if (!at || !['ENV', 'ARG', 'RUN'].includes(at.keyword)) return undefined;
  const raw = text.slice(span.start, span.end);
  if (/[\\$`'"\s]/.test(raw))
    return { kind: 'disabled', reason: 'the value holds quotes, escapes, $ or spaces, which Docker and the shell would read differently' };
  if (at.keyword === 'RUN') return runMove(text, file, at, span);
  const pair = pairAt(text, file, at, span);
  if ('reason' in pair) return { kind: 'disabled', reason: pair.reason };
  return at.keyword === 'ENV' ? envMove(text, file, at, pair) : argMove(text, file, at, pair);
}

const secretRead = (id: string): string => `$(cat /run/secrets/${id})`;

interface Pair {
  key: string;
  word: Word;
  words: Word[];
}

/** The `KEY=value` (or legacy `ENV KEY value`) whose whole value is the secret. */
function pairAt(text: string, file: Dockerfile, at: Instruction, span: { start: number; end: number }): Pair | { reason: string } {
  const words = wordsOf(text, at.argsStart, at.end, file.escape);
  const legacy = words.length > 0 && !/^[A-Za-z_][\w.-]*=/.test(text.slice(words[0].start, words[0].end));
  if (legacy) {
    if (at.keyword === 'ARG' || words.length !== 2) return { reason: 'only part of the value is the secret: move it by hand' };
    return wholeValue(text, words[1], span)
      ? { key: text.slice(words[0].start, words[0].end), word: { start: words[0].start, end: words[1].end }, words: [words[0]] }
      : { reason: 'only part of the value is the secret: move it by hand' };
  }
  const word = words.find(w => w.start <= span.start && span.end <= w.end);
  if (!word) return { reason: 'the value is not one KEY=value of the instruction' };
  const key = /^[^=]+/.exec(text.slice(word.start, word.end))![0];
  if (!wholeValue(text, { start: word.start + key.length + 1, end: word.end }, span))
    return { reason: `only part of ${key}'s value is the secret: move it by hand` };
  return { key, word, words };
}

/** Whether the secret is all of a value, bare or inside one pair of quotes. */
function wholeValue(text: string, value: Word, span: { start: number; end: number }): boolean {
  if (value.start === span.start && value.end === span.end) return true;
  const q = text[value.start];
  return (q === '"' || q === "'") && text[value.end - 1] === q && value.start + 1 === span.start && value.end - 1 === span.end;
}

function envMove(text: string, file: Dockerfile, at: Instruction, pair: Pair): DockerMove {
  const lastStage = Math.max(...file.instructions.map(i => i.stage));
  if (at.stage > 0 && at.stage < lastStage) {
    // A build stage's ENV is in no image that runs: its RUN steps are what read it.
    const alias = stageAlias(text, file, at.stage);
    const heir = alias && file.instructions.find(i => i.keyword === 'FROM' && i.stage > at.stage && fromImage(text, file, i) === alias);
    if (heir)
      return { kind: 'disabled', reason: `the stage on line ${lineOf(text, heir.start)} is built FROM ${alias} and inherits ${pair.key}: move it by hand` };
    return secretForRuns(text, file, at, pair.key, removePair(text, file, at, pair));
  }
  const later = file.instructions.filter(i => i.start > at.start && !['CMD', 'ENTRYPOINT', 'HEALTHCHECK'].includes(i.keyword));
  const reader = later.find(i => readsVariable(text.slice(i.argsStart, i.end), pair.key));
  const sameLine = pair.words.filter(w => w.start > pair.word.start).some(w => readsVariable(text.slice(w.start, w.end), pair.key));
  if (reader || sameLine) {
    const line = lineOf(text, reader?.start ?? at.start);
    return { kind: 'disabled', reason: `the build reads ${pair.key} (line ${line}), so it cannot wait for run time: move it to a build secret by hand` };
  }
  const runsAfter = later.some(i => i.keyword === 'RUN' && i.stage === at.stage);
  return {
    kind: 'runtime',
    key: pair.key,
    edits: removePair(text, file, at, pair),
    ...(runsAfter ? { note: `the RUN steps after it no longer see ${pair.key}` } : {}),
  };
}

function argMove(text: string, file: Dockerfile, at: Instruction, pair: Pair): DockerMove {
  if (at.stage === 0) return { kind: 'disabled', reason: `${pair.key} is a global ARG (before FROM): declare it in the stage that uses it first` };
  if (pair.words.length !== 1) return { kind: 'disabled', reason: 'this ARG declares more than one variable: give the secret one of its own first' };
  return secretForRuns(text, file, at, pair.key, [removeInstruction(text, at)]);
}

/**
 * A build secret in place of a variable the RUN steps of its stage saw in their environment: each
 * RUN after it mounts the secret and exports it under the variable's name; `removal` takes the
 * variable out. Refused where only a RUN could not read it (another instruction expands it).
 */
function secretForRuns(text: string, file: Dockerfile, at: Instruction, key: string, removal: TextEdit[]): DockerMove {
  const windows = windowsStage(text, file, at.stage);
  if (windows) return { kind: 'disabled', reason: windows };
  const rest = file.instructions.filter(i => i.stage === at.stage && i.start > at.start);
  const runs: Instruction[] = [];
  for (const i of rest) {
    const args = text.slice(i.argsStart, i.end);
    if (i.keyword === 'SHELL') return { kind: 'disabled', reason: `line ${lineOf(text, i.start)} sets another SHELL: the secret's read is written for sh` };
    if (i.keyword === 'RUN') {
      if (i.heredoc || commandOf(text, file, i).startsWith('['))
        return { kind: 'disabled', reason: `the RUN on line ${lineOf(text, i.start)} is a heredoc or exec form: mount the secret there by hand` };
      runs.push(i);
    } else if (readsVariable(args, key)) {
      return { kind: 'disabled', reason: `the ${i.keyword} on line ${lineOf(text, i.start)} reads ${key}, and only a RUN can read a build secret` };
    }
  }
  return {
    kind: 'build',
    edits: id => [...removal, ...runs.flatMap(r => mountInto(text, file, r, id, `export ${key}="${secretRead(id)}" && `))],
  };
}

/** Why a stage's RUN steps are no sh (a Windows image: cmd or PowerShell runs them), or undefined. */
function windowsStage(text: string, file: Dockerfile, stage: number): string | undefined {
  const from = file.instructions.find(i => i.keyword === 'FROM' && i.stage === stage);
  const image = from ? fromImage(text, file, from) : '';
  if (file.escape === '`' || /(?:^|\/)windows(?:\/|servercore|$)|nanoserver|servercore/.test(image)) {
    return "a Windows image's RUN steps run in cmd or PowerShell: the secret's read is written for sh";
  }
  return undefined;
}

/** The name a stage's FROM gives it (`FROM node:22 AS build`), lower-cased. */
function stageAlias(text: string, file: Dockerfile, stage: number): string | undefined {
  const from = file.instructions.find(i => i.keyword === 'FROM' && i.stage === stage);
  if (!from) return undefined;
  const words = wordsOf(text, from.argsStart, from.end, file.escape).map(w => text.slice(w.start, w.end));
  const as = words.findIndex(w => w.toLowerCase() === 'as');
  return as >= 0 && words[as + 1] ? words[as + 1].toLowerCase() : undefined;
}

/** The image a FROM builds on (its first word that is not a flag), lower-cased. */
function fromImage(text: string, file: Dockerfile, from: Instruction): string {
  const words = wordsOf(text, from.argsStart, from.end, file.escape).map(w => text.slice(w.start, w.end));
  return (words.find(w => !w.startsWith('--')) ?? '').toLowerCase();
}

function runMove(text: string, file: Dockerfile, at: Instruction, span: { start: number; end: number }): DockerMove {
  const command = commandOf(text, file, at);
  if (at.heredoc || command.startsWith('[')) return { kind: 'disabled', reason: 'this RUN is a heredoc or exec form: mount a build secret there by hand' };
  const windows = windowsStage(text, file, at.stage);
  if (windows) return { kind: 'disabled', reason: windows };
  const shell = file.instructions.find(i => i.keyword === 'SHELL' && i.stage === at.stage && i.start < at.start);
  if (shell) return { kind: 'disabled', reason: `line ${lineOf(text, shell.start)} sets another SHELL: the secret's read is written for sh` };
  const quote = shellQuoteAt(text, file, at, span.start);
  if (quote === undefined) return { kind: 'disabled', reason: 'the value sits where the shell does not read a $(…)' };
  return {
    kind: 'build',
    edits: id => {
      const read = secretRead(id);
      const replacement = quote === '"' ? read : quote === "'" ? `'"${read}"'` : `"${read}"`;
      return [...mountInto(text, file, at, id, ''), { start: span.start, end: span.end, newText: replacement }];
    },
  };
}

/** A RUN's command: its arguments after its flags (`--mount=…`, `--network=…`). */
function commandOf(text: string, file: Dockerfile, run: Instruction): string {
  return text.slice(commandStart(text, file, run), run.end);
}

function commandStart(text: string, file: Dockerfile, run: Instruction): number {
  const words = wordsOf(text, run.argsStart, run.end, file.escape);
  const command = words.find(w => !text.startsWith('--', w.start));
  return command?.start ?? run.end;
}

/** The edits that give a RUN the secret mount (unless it has it) and put `prefix` before its command. */
function mountInto(text: string, file: Dockerfile, run: Instruction, id: string, prefix: string): TextEdit[] {
  const has = new RegExp(`--mount=\\S*type=secret\\S*\\bid=${id}(?![\\w-])`).test(text.slice(run.argsStart, commandStart(text, file, run)));
  const mount = has ? '' : `--mount=type=secret,id=${id} `;
  const command = commandStart(text, file, run);
  if (command === run.argsStart) return mount + prefix ? [{ start: command, end: command, newText: mount + prefix }] : [];
  return [
    ...(mount ? [{ start: run.argsStart, end: run.argsStart, newText: mount }] : []),
    ...(prefix ? [{ start: command, end: command, newText: prefix }] : []),
  ];
}

/** The shell's quoting at an offset of a RUN's command: none (''), inside '…' or "…"; undefined inside a comment or `…`. */
function shellQuoteAt(text: string, file: Dockerfile, run: Instruction, offset: number): string | undefined {
  let quote = '';
  for (let i = commandStart(text, file, run); i < offset; i++) {
    const c = text[i];
    if (c === file.escape && /^\r?\n/.test(text.slice(i + 1, i + 3))) {
      i += text[i + 1] === '\r' ? 2 : 1;
      continue;
    }
    if (quote === "'") {
      if (c === "'") quote = '';
    } else if (c === '\\') i++;
    else if (c === '"') quote = quote ? '' : '"';
    else if (!quote && c === "'") quote = "'";
    else if (c === '`') return undefined;
    else if (!quote && c === '#' && /\s/.test(text[i - 1] ?? ' ')) return undefined;
  }
  return quote;
}

/** The edits that take one pair out of an instruction, or the whole instruction when it was its only one. */
function removePair(text: string, file: Dockerfile, at: Instruction, pair: Pair): TextEdit[] {
  if (pair.words.length === 1) return [removeInstruction(text, at)];
  const index = pair.words.findIndex(w => w.start === pair.word.start);
  const lineStart = text.lastIndexOf('\n', pair.word.start - 1) + 1;
  let lineEnd = text.indexOf('\n', pair.word.start);
  if (lineEnd < 0) lineEnd = text.length;
  if (text[lineEnd - 1] === '\r') lineEnd--;
  // The pair and the blanks before it; the first pair, with the blanks after it instead.
  let start = pair.word.start;
  let end = pair.word.end;
  if (index === 0) while (end < lineEnd && /[ \t]/.test(text[end])) end++;
  else while (start > lineStart && /[ \t]/.test(text[start - 1])) start--;
  const left = text.slice(lineStart, start) + text.slice(end, lineEnd);
  const escapeChar = file.escape;
  if (left.trim() === escapeChar && lineStart > at.start) {
    // A continuation line that held only this pair: the line goes.
    return [{ start: lineStart, end: nextLineStart(text, lineEnd), newText: '' }];
  }
  if (left.trim() === '' && lineStart > at.start) {
    // The last line of the instruction held only this pair: it goes with the continuation before it.
    const before = text.slice(at.start, lineStart).replace(/\r?\n$/, '');
    const cut = before.trimEnd().length - escapeChar.length;
    const from = at.start + before.slice(0, cut).trimEnd().length;
    return [{ start: from, end: lineEnd, newText: '' }];
  }
  return [{ start, end, newText: '' }];
}

/** The edit that deletes an instruction's lines, its line break included (before it, at the end of a file without a final one). */
function removeInstruction(text: string, at: Instruction): TextEdit {
  const lineStart = text.lastIndexOf('\n', at.start - 1) + 1;
  const next = nextLineStart(text, at.end);
  if (next === text.length && !text.endsWith('\n') && lineStart > 0) {
    const from = text[lineStart - 2] === '\r' ? lineStart - 2 : lineStart - 1;
    return { start: from, end: text.length, newText: '' };
  }
  return { start: lineStart, end: next, newText: '' };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
