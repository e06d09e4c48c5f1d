/**
 * Reads of an environment variable in code, by name, in the forms each language writes them:
 * `process.env.NAME`, `os.environ["NAME"]`, `os.Getenv("NAME")`, `ENV["NAME"]`, … Pure text
 * matching: nothing is evaluated, and a read spelled another way is simply not seen.
 */
export interface EnvRead {
  name: string;
  /** Offsets of the whole read (`process.env.NAME`) and of the name in it. */
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
}

const Q = `(['"\`])`;
const NAME = '([A-Za-z_][\\w.-]*)';

/** Each form, with the name in group 2 (group 1 is the quote, when there is one). */
const READS: RegExp[] = [
  // JavaScript and TypeScript: Node, Vite and Astro, Bun, Deno.
  new RegExp(`\\b(?:process\\.env|import\\.meta\\.env|Bun\\.env)()\\.${NAME.replace('.-', '')}`, 'dg'),
  new RegExp(`\\b(?:process\\.env|import\\.meta\\.env|Bun\\.env)\\[\\s*${Q}${NAME}\\1\\s*\\]`, 'dg'),
  new RegExp(`\\bDeno\\.env\\.get\\(\\s*${Q}${NAME}\\1`, 'dg'),
  // Python.
  new RegExp(`\\bos\\.environ\\[\\s*${Q}${NAME}\\1\\s*\\]`, 'dg'),
  new RegExp(`\\bos\\.(?:environ\\.get|getenv)\\(\\s*${Q}${NAME}\\1`, 'dg'),
  // Go.
  new RegExp(`\\bos\\.(?:Getenv|LookupEnv)\\(\\s*(")${NAME}"`, 'dg'),
  // Ruby.
  new RegExp(`\\bENV(?:\\[\\s*|\\.fetch\\(\\s*)${Q}${NAME}\\1`, 'dg'),
  // Java and Kotlin, C#, Rust, PHP, Swift, Dart.
  new RegExp(`\\bSystem\\.getenv\\(\\s*(")${NAME}"`, 'dg'),
  new RegExp(`\\bEnvironment\\.GetEnvironmentVariable\\(\\s*(")${NAME}"`, 'dg'),
  new RegExp(`\\benv::var(?:_os)?\\(\\s*(")${NAME}"`, 'dg'),
  new RegExp(`(?:\\bgetenv\\(|\\$_(?:ENV|SERVER)\\[)\\s*${Q}${NAME}\\1`, 'dg'),
  new RegExp(`\\.environment\\[\\s*(")${NAME}"\\s*\\]`, 'dg'),
  new RegExp(`\\bPlatform\\.environment\\[\\s*${Q}${NAME}\\1\\s*\\]`, 'dg'),
];

/** Every env read in `text`, in order of position. */
export function envReads(text: string): EnvRead[] {
  const reads: EnvRead[] = [];
  const seen = new Set<number>();
  for (const pattern of READS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const [nameStart, nameEnd] = m.indices![2];
      if (seen.has(nameStart)) continue;
      seen.add(nameStart);
      // The closing bracket, or a call's parenthesis when the name is its only argument, belongs to the read.
      const opener = m[1] && !m[0].endsWith(']') ? /[[(](?=\s*['"`]\w)/.exec(m[0])?.[0] : undefined;
      const closing = opener ? (opener === '[' ? /^\s*\]/ : /^\s*\)/).exec(text.slice(m.index + m[0].length)) : null;
      reads.push({ name: m[2], start: m.index, end: m.index + m[0].length + (closing ? closing[0].length : 0), nameStart, nameEnd });
    }
  }
  return reads.sort((a, b) => a.start - b.start);
}

/** The read whose name or expression covers `offset`, if any. */
export function envReadAt(text: string, offset: number): EnvRead | undefined {
  // Only the line around the offset: reads do not span lines.
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const next = text.indexOf('\n', offset);
  const lineEnd = next === -1 ? text.length : next;
  const read = envReads(text.slice(lineStart, lineEnd)).find(r => r.start <= offset - lineStart && offset - lineStart <= r.end);
  return (
    read && { ...read, start: read.start + lineStart, end: read.end + lineStart, nameStart: read.nameStart + lineStart, nameEnd: read.nameEnd + lineStart }
  );
}

/** Where a name is being typed into an env read: the partial name's start. */
export interface EnvReadContext {
  /** The name typed so far, and where it starts. */
  typed: string;
  start: number;
  /** The read is a property (`process.env.`), so names must be identifiers. */
  property: boolean;
}

/** What may sit right before the cursor while a name is typed, each ending in the partial name. */
const CONTEXTS: Array<{ pattern: RegExp; property: boolean }> = [
  { pattern: /\b(?:process\.env|import\.meta\.env|Bun\.env)\.([A-Za-z_]\w*)?$/, property: true },
  { pattern: /\b(?:process\.env|import\.meta\.env|Bun\.env|os\.environ|ENV|\$_ENV|\$_SERVER|Platform\.environment)\[\s*['"`]([\w.-]*)$/, property: false },
  {
    pattern:
      /\b(?:Deno\.env\.get|os\.environ\.get|os\.getenv|os\.Getenv|os\.LookupEnv|ENV\.fetch|System\.getenv|Environment\.GetEnvironmentVariable|env::var|env::var_os|getenv)\(\s*['"`]([\w.-]*)$/,
    property: false,
  },
];

/** Whether the text before the cursor is an env read waiting for its name. */
export function envReadContext(text: string, offset: number): EnvReadContext | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(Math.max(lineStart, offset - 200), offset);
  for (const { pattern, property } of CONTEXTS) {
    const m = pattern.exec(before);
    if (m) {
      const typed = m[1] ?? '';
      return { typed, start: offset - typed.length, property };
    }
  }
  return undefined;
}
