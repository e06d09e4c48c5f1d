/**
 * The shape of a regular expression, read statically: what makes a backtracking engine (V8's)
 * take exponential or high-polynomial time, as safe-regex analysers judge it. A repository's
 * config may bring its own rules, and `(?:a|a){1,40}b` took 40 s on a 31-byte file. Patterns
 * with bounded quantifiers only (see regex-safety.ts) still blow up in three shapes:
 *
 * - a repeated part that itself repeats: `(a{1,30}){1,30}` (each way of splitting the text is tried);
 * - repeated alternatives that can match the same text: `(?:a|ab){1,10}`;
 * - quantifiers side by side over the same characters, `a{0,200}a{0,200}a{0,200}`, where the
 *   ways to split a run multiply.
 *
 * The reader covers JavaScript's syntax (groups, lookaround, classes, escapes, `\p{…}`); what it
 * cannot place (a backreference) counts as any character, the cautious reading.
 */

/** The characters a part can consume: the 128 ASCII ones, and one slot for all the others. */
type CharSet = Uint8Array<ArrayBuffer>;
const OTHER = 128;

type Node =
  | { kind: 'chars'; set: CharSet }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; alts: Node[] }
  | { kind: 'quant'; body: Node; min: number; max: number }
  | { kind: 'empty' };

/** How many ways to split a text among quantifiers a pattern may allow before it counts as catastrophic. */
const MAX_SPLITS = 10_000;

/** Why a pattern could take exponential or high-polynomial time, or undefined when its shape is safe. */
export function catastrophicShape(source: string): string | undefined {
  let tree: Node;
  try {
    tree = new Reader(source).pattern();
  } catch {
    // The engine accepted it (callers compile first), but its shape cannot be read: not run.
    return 'syntax this check cannot read, so its time cannot be bounded';
  }
  return check(tree, false);
}

/** The longest text a pattern can match (Infinity when unbounded). */
export function maxMatchLength(source: string): number {
  try {
    // Lengths only: no part's characters are needed, and sets of them cost most of a read (see Reader).
    return maxLen(new Reader(source, false).pattern());
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function check(node: Node, repeated: boolean): string | undefined {
  switch (node.kind) {
    case 'chars':
    case 'empty':
      return undefined;
    case 'alt': {
      if (repeated) {
        for (let i = 0; i < node.alts.length; i++) {
          for (let j = i + 1; j < node.alts.length; j++) {
            if (nullable(node.alts[i]) || nullable(node.alts[j]) || intersects(first(node.alts[i]), first(node.alts[j]))) {
              return 'repeated alternatives that can match the same text, as in (?:a|ab){1,10}';
            }
          }
        }
      }
      for (const alt of node.alts) {
        const why = check(alt, repeated);
        if (why) return why;
      }
      return undefined;
    }
    case 'seq': {
      // A run of variable quantifiers whose characters overlap, with only optional parts between
      // them: the ways to split a text among them multiply. A part that must match breaks the run,
      // unless its characters are the run's.
      let product = 1;
      let joined = 0;
      let streak = 0;
      let run: CharSet | undefined;
      for (const item of node.items) {
        const range = item.kind === 'quant' ? item.max - item.min : 0;
        const set = consumed(item);
        if (range > 0) {
          const joins = run !== undefined && intersects(run, set);
          // Disjoint from the run and never empty: a new run starts. Disjoint but optional: the
          // parts on either side of it may still meet.
          const fresh = !joins && !nullable(item);
          product = joins ? product * (range + 1) : fresh ? range + 1 : Math.max(product, range + 1);
          joined = joins ? joined + 1 : fresh ? 0 : joined;
          run = run && !fresh ? union(run, set) : set;
          if (joined > 0 && product > MAX_SPLITS) return 'quantifiers side by side over the same characters, as in a{0,200}a{0,200}';
        } else if (!nullable(item)) {
          // A required part breaks the run, unless it is one character the run also matches: two
          // required characters in a row (a literal such as `sig=`) pin where the run splits.
          streak = item.kind === 'chars' && run && subset(set, run) ? streak + 1 : 2;
          if (streak >= 2) {
            run = undefined;
            product = 1;
            joined = 0;
          }
        }
        if (range > 0) streak = 0;
        const why = check(item, repeated);
        if (why) return why;
      }
      return undefined;
    }
    case 'quant': {
      // A repeated part with a variable part inside: unless something it must match between
      // iterations tells them apart (the dot in (?:\d{1,3}\.){3}), a text splits into iterations
      // in (range + 1) ^ repeats ways.
      if (node.max > 1) {
        const inner = widestRange(node.body);
        if (inner > 0 && !delimited(node.body) && (inner + 1) ** Math.min(node.max, 64) > MAX_SPLITS) {
          return 'a repeated part that repeats itself, as in (a{1,30}){1,30}';
        }
      }
      return check(node.body, repeated || node.max > 1);
    }
  }
}

/** The widest range (max - min) of a quantifier inside the part, 0 when there is none. */
function widestRange(node: Node): number {
  switch (node.kind) {
    case 'quant':
      return Math.max(node.max - node.min, widestRange(node.body));
    case 'seq':
      return Math.max(0, ...node.items.map(widestRange));
    case 'alt':
      return Math.max(0, ...node.alts.map(widestRange));
    default:
      return 0;
  }
}

/**
 * Whether each match of the part holds a character its variable parts can never consume (a
 * delimiter), so that where one iteration ends is never in doubt.
 */
function delimited(node: Node): boolean {
  if (node.kind !== 'seq') return false;
  const variable = node.items.filter(i => widestRange(i) > 0).map(consumed);
  if (variable.length === 0) return true;
  const all = variable.reduce(union);
  return node.items.some(i => widestRange(i) === 0 && !nullable(i) && !intersects(consumed(i), all));
}

function nullable(node: Node): boolean {
  switch (node.kind) {
    case 'empty':
      return true;
    case 'chars':
      return false;
    case 'seq':
      return node.items.every(nullable);
    case 'alt':
      return node.alts.some(nullable);
    case 'quant':
      return node.min === 0 || nullable(node.body);
  }
}

/** The characters a match of the part can start with. */
const first = (node: Node): CharSet => charsOf(node, true);

/** Every character the part can consume. */
const consumed = (node: Node): CharSet => charsOf(node, false);

function charsOf(node: Node, leading: boolean): CharSet {
  switch (node.kind) {
    case 'empty':
      return new Uint8Array(129);
    case 'chars':
      return node.set;
    case 'alt':
      return node.alts.map(alt => charsOf(alt, leading)).reduce(union);
    case 'quant':
      return node.max === 0 ? new Uint8Array(129) : charsOf(node.body, leading);
    case 'seq': {
      let out = new Uint8Array(129);
      for (const item of node.items) {
        out = union(out, charsOf(item, leading));
        if (leading && !nullable(item)) break;
      }
      return out;
    }
  }
}

function maxLen(node: Node): number {
  switch (node.kind) {
    case 'empty':
      return 0;
    case 'chars':
      return 2; // a surrogate pair at most
    case 'alt':
      return Math.max(...node.alts.map(maxLen));
    case 'quant':
      return node.max === 0 ? 0 : maxLen(node.body) * node.max;
    case 'seq':
      return node.items.reduce((n, item) => n + maxLen(item), 0);
  }
}

function union(a: CharSet, b: CharSet): CharSet {
  const out = new Uint8Array(129);
  for (let i = 0; i < 129; i++) out[i] = a[i] | b[i];
  return out;
}

function intersects(a: CharSet, b: CharSet): boolean {
  for (let i = 0; i < 129; i++) if (a[i] & b[i]) return true;
  return false;
}

function subset(a: CharSet, b: CharSet): boolean {
  for (let i = 0; i < 129; i++) if (a[i] && !b[i]) return false;
  return true;
}

function setOf(test: (c: string) => boolean, other: boolean): CharSet {
  const set = new Uint8Array(129);
  for (let c = 0; c < 128; c++) set[c] = test(String.fromCharCode(c)) ? 1 : 0;
  set[OTHER] = other ? 1 : 0;
  return set;
}

// The sets the reader shares between parts (none is written to after it is made: each join makes
// a new set).
const ANY = setOf(() => true, true);
const NOTHING = setOf(() => false, false);
const NON_ASCII = setOf(() => false, true);
const DOT = setOf(ch => ch !== '\n' && ch !== '\r', true);
const CONTROL = setOf(ch => ch.charCodeAt(0) < 32, false);
const CLASS_ESCAPES: Record<string, CharSet> = {
  d: setOf(ch => /\d/.test(ch), false),
  D: setOf(ch => !/\d/.test(ch), true),
  w: setOf(ch => /\w/.test(ch), false),
  W: setOf(ch => !/\w/.test(ch), true),
  s: setOf(ch => /\s/.test(ch), true),
  S: setOf(ch => !/\s/.test(ch), true),
};

/** A recursive-descent reader of a pattern's source into the parts above. */
class Reader {
  private at = 0;
  /**
   * `sets` false: a class's characters are not gathered (each part reads as any character), for
   * a caller that needs the parts' lengths alone: a typed array per class was most of a read of
   * the built-in rules' patterns (37,000 classes, `[aA][zZ]…`, 1.5 us each).
   */
  constructor(
    private readonly source: string,
    private readonly sets = true,
  ) {}

  pattern(): Node {
    const node = this.alternation();
    if (this.at < this.source.length) throw new Error('unbalanced )');
    return node;
  }

  private alternation(): Node {
    const alts = [this.sequence()];
    while (this.source[this.at] === '|') {
      this.at++;
      alts.push(this.sequence());
    }
    return alts.length === 1 ? alts[0] : { kind: 'alt', alts };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.at < this.source.length && this.source[this.at] !== '|' && this.source[this.at] !== ')') {
      const atom = this.atom();
      items.push(this.quantified(atom));
    }
    return items.length === 0 ? { kind: 'empty' } : items.length === 1 ? items[0] : { kind: 'seq', items };
  }

  private quantified(atom: Node): Node {
    const s = this.source;
    let min: number;
    let max: number;
    const c = s[this.at];
    let braces: RegExpExecArray | null = null;
    if (c === '{') {
      BRACES.lastIndex = this.at;
      braces = BRACES.exec(s);
    }
    if (c === '?') [min, max] = [0, 1];
    else if (c === '*') [min, max] = [0, Number.POSITIVE_INFINITY];
    else if (c === '+') [min, max] = [1, Number.POSITIVE_INFINITY];
    else if (braces) {
      min = Number(braces[1]);
      max = braces[2] === undefined ? min : braces[3] === '' ? Number.POSITIVE_INFINITY : Number(braces[3]);
    } else return atom;
    this.at += braces ? braces[0].length : 1;
    if (s[this.at] === '?') this.at++; // lazy: the same work on failure
    return this.quantified({ kind: 'quant', body: atom, min, max });
  }

  private atom(): Node {
    const s = this.source;
    const c = s[this.at++];
    if (c === '(') {
      let lookaround = false;
      if (s[this.at] === '?') {
        const head = /^\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(s.slice(this.at));
        if (!head) throw new Error('unknown group');
        lookaround = /^\?(?:=|!|<=|<!)$/.test(head[0]);
        this.at += head[0].length;
      }
      const body = this.alternation();
      if (s[this.at++] !== ')') throw new Error('unclosed group');
      // A lookaround consumes nothing, but its own shape still counts: it runs at every position.
      return lookaround ? { kind: 'seq', items: [{ kind: 'quant', body, min: 0, max: 0 }] } : body;
    }
    if (c === '[') return { kind: 'chars', set: this.characterClass() };
    if (c === '.') return { kind: 'chars', set: DOT };
    if (c === '^' || c === '$') return { kind: 'empty' };
    if (c === '\\') return this.escape(false) ?? { kind: 'empty' };
    return { kind: 'chars', set: literal(c) };
  }

  /** An escape after `\`: its characters, or undefined for an assertion (`\b`, `\B`). */
  private escape(inClass: boolean): Node | undefined {
    const s = this.source;
    const c = s[this.at++];
    switch (c) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 's':
      case 'S':
        return chars(CLASS_ESCAPES[c]);
      case 'b':
        return inClass ? chars(literal('\b')) : undefined;
      case 'B':
        return undefined;
      case 'x':
        this.at += 2;
        return chars(literal(String.fromCharCode(Number.parseInt(s.slice(this.at - 2, this.at), 16) || 0)));
      case 'u': {
        const m = /^\{([0-9a-fA-F]+)\}|^[0-9a-fA-F]{4}/.exec(s.slice(this.at));
        this.at += m ? m[0].length : 0;
        const code = m ? Number.parseInt(m[1] ?? m[0], 16) : 0x75;
        return chars(code < 128 ? literal(String.fromCharCode(code)) : NON_ASCII);
      }
      case 'p':
      case 'P': {
        const end = s.indexOf('}', this.at);
        this.at = end < 0 ? s.length : end + 1;
        return chars(ANY);
      }
      case 'k': {
        const end = s.indexOf('>', this.at);
        this.at = end < 0 ? s.length : end + 1;
        return chars(ANY);
      }
      case 'n':
        return chars(literal('\n'));
      case 'r':
        return chars(literal('\r'));
      case 't':
        return chars(literal('\t'));
      case 'f':
        return chars(literal('\f'));
      case 'v':
        return chars(literal('\v'));
      case 'c':
        this.at++;
        return chars(CONTROL);
      case '0':
        return chars(literal('\0'));
      default:
        if (/[1-9]/.test(c)) {
          while (/\d/.test(s[this.at] ?? '')) this.at++;
          return chars(ANY); // a backreference: whatever its group matched
        }
        return chars(literal(c));
    }
  }

  private characterClass(): CharSet {
    const s = this.source;
    const negated = s[this.at] === '^';
    if (negated) this.at++;
    // Written in place, a character a bit: a set per character, joined one by one, was nine tenths
    // of the time a pattern of many classes (`[aA][zZ]…`) took to read, run once, uncompiled.
    const gather = this.sets;
    // Not gathered: ANY stands in, never written to.
    const set = gather ? new Uint8Array(129) : ANY;
    while (this.at < s.length && s.charCodeAt(this.at) !== 0x5d /* ] */) {
      // The element: one character (`low`), or a set of them (an escape such as \d).
      let from = NOTHING;
      let low: number | undefined;
      if (s.charCodeAt(this.at) === 0x5c /* \ */) {
        this.at++;
        const node = this.escape(true);
        from = node && node.kind === 'chars' ? node.set : NOTHING;
        low = singleCode(from);
      } else {
        low = s.charCodeAt(this.at++);
      }
      // A range `a-z` (not `a-]`, not after a class escape such as \d).
      if (s[this.at] === '-' && s[this.at + 1] !== ']' && s[this.at + 1] !== undefined && low !== undefined) {
        this.at++;
        let high: number | undefined;
        if (s[this.at] === '\\') {
          this.at++;
          const node = this.escape(true);
          high = node && node.kind === 'chars' ? singleCode(node.set) : undefined;
        } else {
          high = s.charCodeAt(this.at++);
        }
        const top = high ?? low;
        if (gather) {
          for (let c = low; c <= Math.min(top, 127); c++) set[c] = 1;
          if (top >= 128) set[OTHER] = 1;
        }
      } else if (gather) {
        if (low !== undefined) set[Math.min(low, OTHER)] = 1;
        else for (let i = 0; i < 129; i++) set[i] |= from[i];
      }
    }
    if (s[this.at++] !== ']') throw new Error('unclosed class');
    if (!gather) return ANY;
    if (negated) {
      const out = new Uint8Array(129);
      for (let i = 0; i < 128; i++) out[i] = set[i] ? 0 : 1;
      out[OTHER] = 1;
      return out;
    }
    return set;
  }
}

/** A bounded quantifier, `{2}`, `{2,}` or `{2,5}`, read where the reader stands. */
const BRACES = /\{(\d+)(,(\d*))?\}/y;

const chars = (set: CharSet): Node => ({ kind: 'chars', set });

/** The set of one character (its code's, or OTHER's past ASCII): made once, shared, never written to. */
function literal(c: string): CharSet {
  const code = Math.min(c.charCodeAt(0), OTHER);
  return LITERALS[code];
}

const LITERALS: CharSet[] = Array.from({ length: 129 }, (_, code) => {
  const set = new Uint8Array(129);
  set[code] = 1;
  return set;
});

/** The one ASCII character a set holds, if it holds exactly one. */
function singleCode(set: CharSet): number | undefined {
  let found: number | undefined;
  for (let i = 0; i < 128; i++) {
    if (set[i]) {
      if (found !== undefined) return undefined;
      found = i;
    }
  }
  return set[OTHER] ? undefined : found;
}
