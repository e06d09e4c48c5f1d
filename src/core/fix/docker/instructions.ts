/**
 * A Dockerfile's instructions with their offsets, read as BuildKit's parser reads them: the
 * escape character from an `# escape=` directive at the top (else `\`), lines joined where one
 * ends with it, comment lines inside an instruction skipped, and a heredoc's body (`RUN <<EOF`)
 * part of its instruction.
 */
export interface Instruction {
  /** The instruction, upper-cased: `ENV`, `RUN`. */
  keyword: string;
  /** Offset of its first character. */
  start: number;
  /** Offset just past its last physical line's text (the line break left out). */
  end: number;
  /** Offset of its arguments: after the keyword and the white space that follows it. */
  argsStart: number;
  /** The stage it is in: 0 before the first `FROM` (global `ARG`s), then 1, 2, … */
  stage: number;
  /** It holds a heredoc. */
  heredoc: boolean;
}

export interface Dockerfile {
  escape: string;
  instructions: Instruction[];
}

export function parseDockerfile(text: string): Dockerfile {
  const escapeChar = escapeOf(text);
  const instructions: Instruction[] = [];
  const lineEnd = (from: number): number => {
    const nl = text.indexOf('\n', from);
    const end = nl < 0 ? text.length : nl;
    return end > from && text[end - 1] === '\r' ? end - 1 : end;
  };
  const nextLine = (from: number): number => {
    const nl = text.indexOf('\n', from);
    return nl < 0 ? text.length : nl + 1;
  };
  let stage = 0;
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (at < text.length) {
    const end = lineEnd(at);
    const line = text.slice(at, end);
    if (line.trim() === '' || /^\s*#/.test(line)) {
      at = nextLine(at);
      continue;
    }
    const start = at + (line.length - line.trimStart().length);
    let last = end;
    let cursor = at;
    // Joined while a line ends with the escape character; comment and blank lines inside are skipped.
    while (text.slice(cursor, last).trimEnd().endsWith(escapeChar) && nextLine(cursor) < text.length) {
      cursor = nextLine(cursor);
      while (cursor < text.length && /^\s*(?:#.*)?$/.test(text.slice(cursor, lineEnd(cursor))) && nextLine(cursor) < text.length) cursor = nextLine(cursor);
      last = lineEnd(cursor);
    }
    const keyword = /^[A-Za-z]+/.exec(text.slice(start, last))?.[0].toUpperCase() ?? '';
    const argsStart = start + keyword.length + (/^\s*/.exec(text.slice(start + keyword.length, last))?.[0].length ?? 0);
    // A heredoc's body runs to its delimiter's line.
    const words = text.slice(argsStart, last);
    const heredoc = /<<-?\s*["']?([A-Za-z_]\w*)["']?/.exec(words);
    if (heredoc && keyword !== 'ARG' && keyword !== 'ENV') {
      const strip = heredoc[0].startsWith('<<-');
      let line = nextLine(last);
      while (line < text.length) {
        const body = text.slice(line, lineEnd(line));
        if ((strip ? body.replace(/^\t+/, '') : body) === heredoc[1]) {
          last = lineEnd(line);
          break;
        }
        last = lineEnd(line);
        line = nextLine(line);
      }
    }
    if (keyword === 'FROM') stage++;
    instructions.push({ keyword, start, end: last, argsStart, stage, heredoc: !!heredoc });
    at = nextLine(last);
  }
  return { escape: escapeChar, instructions };
}

/** The escape character: `\`, unless a parser directive at the top says `# escape=` otherwise. */
export function escapeOf(text: string): string {
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const directive = /^\s*#\s*([a-z]+)\s*=\s*(\S*)\s*$/i.exec(line);
    if (!directive) break;
    if (directive[1].toLowerCase() === 'escape' && (directive[2] === '`' || directive[2] === '\\')) return directive[2];
  }
  return '\\';
}

/** One word of an instruction's arguments: `KEY=value`, a flag, a command word; quotes kept. */
export interface Word {
  start: number;
  end: number;
}

/**
 * The words of `[from, to)`: split at white space outside quotes, a line continuation (the escape
 * character before a line break) counting as white space; the escape character keeps the next one.
 */
export function wordsOf(text: string, from: number, to: number, escapeChar: string): Word[] {
  const words: Word[] = [];
  let start = -1;
  let quote = '';
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === escapeChar && !quote && /^\r?\n/.test(text.slice(i + 1, i + 3))) {
      if (start >= 0) words.push({ start, end: i });
      start = -1;
      i += text[i + 1] === '\r' ? 2 : 1;
      continue;
    }
    if (!quote && /\s/.test(c)) {
      if (start >= 0) words.push({ start, end: i });
      start = -1;
      continue;
    }
    if (start < 0) start = i;
    if (c === escapeChar && quote !== "'") i++;
    else if (quote && c === quote) quote = '';
    else if (!quote && (c === '"' || c === "'")) quote = c;
  }
  if (start >= 0) words.push({ start, end: to });
  return words;
}

/** Whether an instruction's text reads the variable: `$NAME`, `${NAME}`, `${NAME:-…}`. */
export function readsVariable(text: string, name: string): boolean {
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\$(?:${n}(?![A-Za-z0-9_])|\\{${n}(?=[}:]))`).test(text);
}
