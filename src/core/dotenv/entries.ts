/**
 * A `.env` text as the `dotenv` package reads it, with positions: each variable's name and raw
 * value (quotes included) located in the text, and the lines dotenv skips without a word. The
 * line pattern is dotenv's own (v16 to v18), so what this sees is what the program gets.
 */
const LINE = /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/dgm;

export interface DotenvEntry {
  name: string;
  /** The value as dotenv returns it: unquoted, `\n` expanded in double quotes. */
  value: string;
  /** Offsets in the text of the name, and of the raw value (quotes included; empty for `KEY=`). */
  nameStart: number;
  nameEnd: number;
  valueStart: number;
  valueEnd: number;
}

export interface DotenvText {
  entries: DotenvEntry[];
  /** Offsets of lines that are neither blank, a comment nor a variable: dotenv ignores them. */
  ignored: Array<{ start: number; end: number }>;
  /** Values on commented-out lines (`# KEY=value`): not read, but still secrets on screen. */
  commented: Array<{ name: string; valueStart: number; valueEnd: number }>;
}

/** Reads a `.env` text; CRLF and CR line ends are read as dotenv reads them, offsets stay the text's own. */
export function readDotenv(text: string): DotenvText {
  // dotenv turns \r\n and \r into \n first. Here \r\n becomes " \n" (a space dotenv trims), so
  // every offset in `source` is the same offset in `text`; values are read from `text` itself.
  const source = text.replace(/\r\n/g, ' \n').replace(/\r/g, '\n');
  const entries: DotenvEntry[] = [];
  const covered: Array<[number, number]> = [];
  LINE.lastIndex = 0;
  for (let m = LINE.exec(source); m !== null; m = LINE.exec(source)) {
    if (m[0] === '') {
      LINE.lastIndex++;
      continue;
    }
    const indices = m.indices!;
    const [nameStart, nameEnd] = indices[1];
    let [valueStart, valueEnd] = indices[2] ?? [nameEnd, nameEnd];
    // The raw value without the spaces dotenv trims around it.
    const raw = source.slice(valueStart, valueEnd);
    valueStart += raw.length - raw.trimStart().length;
    valueEnd -= raw.length - raw.trimEnd().length;
    entries.push({ name: m[1], value: unquote(text.slice(valueStart, valueEnd).replace(/\r\n?/g, '\n')), nameStart, nameEnd, valueStart, valueEnd });
    covered.push([m.index, m.index + m[0].length]);
  }
  const ignored: DotenvText['ignored'] = [];
  const commented: DotenvText['commented'] = [];
  let offset = 0;
  let next = 0; // matches come in order: the first one that may still cover a line
  for (const line of source.split('\n')) {
    const start = offset;
    const end = offset + line.length;
    offset = end + 1;
    while (next < covered.length && covered[next][1] <= start) next++;
    const trimmed = line.trim();
    if (trimmed === '' || (next < covered.length && covered[next][0] <= start)) continue;
    const comment = /^(\s*#\s*(?:export\s+)?)([\w.-]+)\s*[=:]\s*(.*?)\s*$/.exec(line);
    if (comment) {
      const valueStart = start + line.indexOf(comment[3], comment[1].length + comment[2].length);
      if (comment[3] !== '') commented.push({ name: comment[2], valueStart, valueEnd: valueStart + comment[3].length });
      continue;
    }
    if (!trimmed.startsWith('#')) ignored.push({ start: start + line.length - line.trimStart().length, end });
  }
  return { entries, ignored, commented };
}

function unquote(raw: string): string {
  const quote = raw[0];
  let value = raw.replace(/^(['"`])([\s\S]*)\1$/gm, '$2');
  if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
  return value;
}
