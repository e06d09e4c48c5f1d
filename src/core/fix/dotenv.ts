import { readDotenv } from '../dotenv/entries';
import { appendLines, applyEdits, type TextEdit } from './text-edit';

/**
 * The variables a `.env` text defines; a later line wins, as in dotenv. Read by `readDotenv`,
 * which follows dotenv's own line pattern and unquoting, so what this module writes `dotenv.parse`
 * reads back exactly (a test checks both against `dotenv` itself on random input).
 */
export function parseDotenv(text: string): Map<string, string> {
  return new Map(readDotenv(text).entries.map(e => [e.name, e.value]));
}

/** Why a value cannot go into `.env` unchanged. */
export class DotenvEncodingError extends Error {}

/**
 * Writes a value so that dotenv reads back exactly it: single quotes when it has none (they
 * keep `#`, `$`, spaces, backslashes and newlines as they are), else backticks, else double
 * quotes (newlines as `\n`), else bare. dotenv turns every `\r` into `\n`, so a value holding
 * one cannot be written, and neither can one that no quote holds (all three quote kinds, or a
 * final backslash) and that cannot go bare (a line break, a `#`, outer spaces). A line break
 * includes U+2028 and U+2029: dotenv's patterns are multiline, and a bare value broken there
 * loses the quotes of a `'…'` part after the break.
 */
export function encodeDotenvValue(value: string): string {
  if (value.includes('\r')) {
    throw new DotenvEncodingError('it contains a carriage return, which dotenv reads as a newline');
  }
  // A backslash right before the closing quote would read as an escaped quote, and the value
  // would run on into the next line: such values go bare.
  const quotable = !value.endsWith('\\');
  if (quotable && !value.includes("'")) {
    return `'${value}'`;
  }
  if (quotable && !value.includes('`')) {
    return `\`${value}\``;
  }
  if (quotable && !value.includes('"') && !/\\[nr]/.test(value)) {
    return `"${value.replace(/\n/g, '\\n')}"`;
  }
  const bare = value.length > 0 && !/[#\n\u2028\u2029]/.test(value) && value.trim() === value && !/^['"`]/.test(value);
  if (bare) {
    return value;
  }
  throw new DotenvEncodingError(
    quotable
      ? 'it mixes all three kinds of quote with a line break, a # or outer spaces'
      : 'it ends with a backslash and holds a line break, a # or outer spaces',
  );
}

/**
 * Appends `NAME=value` to a `.env` text, keeping its line endings and final-newline state, such that
 * dotenv then reads the new variable with exactly that value and every variable it read before
 * unchanged. A last line dotenv would continue into the next (`DEBUG:` with nothing after the
 * colon takes the following line as its value; an unclosed `'` runs on to the next quote) gets a
 * blank line after it first; when even that is not enough, it throws, and nothing is written.
 */
export function appendVariable(text: string, name: string, encodedValue: string): TextEdit {
  const wanted = parseDotenv(`${name}=${encodedValue}`).get(name);
  // The same value in the other quotes, for a file whose unclosed quote would reach into ours.
  const spellings = [encodedValue, ...['`', '"', "'"].map(q => `${q}${wanted}${q}`)].filter(
    (spelled, i, all) => all.indexOf(spelled) === i && parseDotenv(`${name}=${spelled}`).get(name) === wanted,
  );
  const before = parseDotenv(text);
  for (const spelled of spellings) {
    for (const lines of [[`${name}=${spelled}`], ['', `${name}=${spelled}`]]) {
      const edit = appendLines(text, lines);
      const after = parseDotenv(applyEdits(text, [edit]));
      if (after.get(name) === wanted && [...before].every(([k, v]) => k === name || after.get(k) === v)) return edit;
    }
  }
  throw new DotenvEncodingError('its last lines would take in the new line (an unclosed quote?); close them, then try again');
}
