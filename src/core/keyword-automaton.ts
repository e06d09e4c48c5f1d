import { CODE_UNITS, type Utf16Writer, type WasmHits, WasmKeywordPass } from './wasm-keyword-pass';

/**
 * Finds every occurrence of many keywords in one pass (Aho–Corasick), ignoring ASCII case. The
 * automaton is a full DFA over a small alphabet (the characters the keywords use, and "other"),
 * stored in typed arrays, so the inner loop is one table lookup per character and allocates
 * nothing. Overlapping occurrences are all reported, so a rule keyed on `pass` still wakes when
 * the text says `password=`.
 */
export class KeywordAutomaton {
  readonly keywords: readonly string[];
  /** Character code (below 128) to alphabet class while building; 0 is "any other character". */
  private readonly classOf = new Uint8Array(128);
  /** The alphabet's size, classes 0 to `classes - 1`: a row of the table. */
  private readonly classes: number;
  /**
   * The table the scan runs on: next state for (state, class) at `step[state + class]`, a
   * character's class from `classMap`. States are stored pre-multiplied by the row's length (the
   * number of classes), and a state where keywords end is stored as its bitwise NOT, so the inner
   * loop is two lookups (the class one waiting on no earlier step) and one sign test per character.
   * A row per class, not per ASCII code: 48 classes for the built-in rules' keywords, where a row
   * of 128 codes made the table 3 MB, each page of it a page fault, and the rows the scan keeps
   * visiting spread over more cache. Where WebAssembly is available the table lives in its pass's
   * memory (written there, not copied), and this is a view of it, made again when that memory grows.
   */
  private get step(): Int32Array {
    return this.wasm ? this.wasm.table : this.jsStep!;
  }

  /** Each UTF-16 code unit's class: the keywords' letters in either case, and 0 for every other unit. */
  private get classMap(): Uint8Array {
    return this.wasm ? this.wasm.classMap : this.jsClassMap!;
  }

  /** The table and class map where WebAssembly is unavailable. */
  private readonly jsStep: Int32Array | undefined;
  private readonly jsClassMap: Uint8Array | undefined;
  /** The keywords that end at each state, as ranges into `outputs`. */
  private readonly outputStart: Int32Array;
  private readonly outputEnd: Int32Array;
  private readonly outputs: Int32Array;

  /**
   * `writeUtf16`: how to copy a text into WebAssembly memory (Node's `Buffer#write`); given, long
   * texts are read there, in four streams at once. Without it, every text is read in JavaScript.
   * `webAssembly` false: none at all, the table in JavaScript, as where the engine has none.
   */
  constructor(
    keywords: readonly string[],
    private readonly writeUtf16?: Utf16Writer,
    webAssembly = true,
  ) {
    this.keywords = keywords.map(k => k.toLowerCase());
    let nextClass = 1;
    for (const keyword of this.keywords) {
      for (let i = 0; i < keyword.length; i++) {
        const c = keyword.charCodeAt(i);
        if (c >= 128) {
          throw new RangeError(`keyword "${keyword}" must be ASCII`);
        }
        if (this.classOf[c] === 0) {
          this.classOf[c] = nextClass++;
        }
      }
    }
    // Upper-case letters share their lower-case letter's class.
    for (let c = 65; c <= 90; c++) {
      this.classOf[c] = this.classOf[c + 32];
    }
    this.classes = nextClass;

    // The trie, its states numbered as they are made: each state's children as a list in typed
    // arrays (a Map per state, thousands of them, was a third of the constructor's time and most of
    // its garbage), and the keywords ending at it, where any do.
    let bound = 1;
    for (const keyword of this.keywords) bound += keyword.length;
    const firstChild = new Int32Array(bound).fill(-1);
    const sibling = new Int32Array(bound);
    const edge = new Uint8Array(bound); // the class on the edge into each state
    const outputsOf: Array<number[] | undefined> = [];
    let states = 1;
    this.keywords.forEach((keyword, id) => {
      let state = 0;
      for (let i = 0; i < keyword.length; i++) {
        const cls = this.classOf[keyword.charCodeAt(i)];
        let next = firstChild[state];
        while (next >= 0 && edge[next] !== cls) next = sibling[next];
        if (next < 0) {
          next = states++;
          edge[next] = cls;
          sibling[next] = firstChild[state];
          firstChild[state] = next;
        }
        state = next;
      }
      const endingHere = outputsOf[state];
      if (endingHere) endingHere.push(id);
      else outputsOf[state] = [id];
    });

    // Failure links, breadth first, folded into the table the scan runs on: a state's row starts as
    // a copy of its failure state's row (complete already, being shallower), and its own children
    // overwrite their classes. A row is copied natively, and only a state's children are written
    // one by one: this runs once, in the interpreter, before any optimising compiler has looked at it.
    const width = this.classes;
    const fail = new Int32Array(states);
    this.lengths = Int32Array.from(this.keywords, k => k.length);
    this.longest = Math.max(1, ...this.lengths);
    this.wasm = webAssembly ? WasmKeywordPass.create(states * width, this.longest - 1) : undefined;
    this.jsStep = this.wasm ? undefined : new Int32Array(states * width);
    this.jsClassMap = this.wasm ? undefined : new Uint8Array(CODE_UNITS);
    this.classMap.set(this.classOf);
    const step = this.step;
    const queue = new Int32Array(states);
    for (let head = 0, tail = 1; head < tail; head++) {
      const state = queue[head];
      const row = state * width;
      const failRow = fail[state] * width;
      if (state !== 0) step.copyWithin(row, failRow, failRow + width);
      for (let next = firstChild[state]; next >= 0; next = sibling[next]) {
        const cls = edge[next];
        // Where the failure state's row goes on this class (the root's children fail to the root).
        if (state !== 0) {
          const via = step[failRow + cls];
          fail[next] = (via < 0 ? ~via : via) / width;
          // Shallower, so its keywords are all in already.
          const inherited = outputsOf[fail[next]];
          if (inherited) outputsOf[next] = [...(outputsOf[next] ?? []), ...inherited];
        }
        step[row + cls] = outputsOf[next] ? ~(next * width) : next * width;
        queue[tail++] = next;
      }
    }
    const outputStart = new Int32Array(states);
    const outputEnd = new Int32Array(states);
    this.outputStart = outputStart;
    this.outputEnd = outputEnd;
    const flat: number[] = [];
    for (let state = 0; state < states; state++) {
      outputStart[state] = flat.length;
      const list = outputsOf[state];
      if (list) flat.push(...list);
      outputEnd[state] = flat.length;
    }
    this.outputs = Int32Array.from(flat);
  }

  private readonly lengths: Int32Array;
  /** The longest keyword's length: how far back a second stream must start to be in step. */
  private readonly longest: number;
  /** The second stream's hits, before they are appended to the first's. */
  private readonly later = hitBuffer(1024);
  /** The WebAssembly pass, holding the table; undefined where WebAssembly is unavailable. */
  private readonly wasm: WasmKeywordPass | undefined;

  /**
   * Every occurrence, in order of where it ends: `hits` receives pairs (keyword id, start
   * offset). Returns the number of pairs written; `hits` grows as needed and is returned in `out`.
   * Texts of `WASM_FROM` characters or more are read in WebAssembly when a writer was given, or
   * `bytes`: the text's characters as bytes, one each (all below 256), read where they are.
   */
  scan(text: string, out: { hits: Int32Array }, bytes?: Uint8Array): number {
    if (text.length >= WASM_FROM && (this.writeUtf16 || bytes)) {
      const hits = bytes ? this.wasm?.scanBytes(bytes) : this.wasm?.scan(text, this.writeUtf16!);
      if (hits) {
        this.lastPass = 'webassembly';
        return this.collect(hits, out);
      }
    }
    this.lastPass = 'javascript';
    return this.scanHere(text, out);
  }

  /** Which pass read the last text. */
  get pass(): 'javascript' | 'webassembly' {
    return this.lastPass;
  }

  private lastPass: 'javascript' | 'webassembly' = 'javascript';

  /**
   * `scan` in JavaScript. A long text is read as two halves at once, in one loop: each step
   * waits on the previous step's table lookup, and two independent chains keep the processor
   * busy while one waits (about 1.4 times the speed of one chain; more chains spill registers
   * and are slower).
   */
  private scanHere(text: string, out: { hits: Int32Array }): number {
    const n = text.length;
    if (n < TWO_STREAMS_FROM) {
      return this.run(text, 0, n, 0, out, 0);
    }
    const { step, classMap } = this;
    const half = n >> 1;
    // The second half's stream starts a keyword's length early, from the start state: past that
    // run-in it is in the same state as a stream that read the text from its start.
    let b = 0;
    for (let i = Math.max(0, half - this.longest + 1); i < half; i++) {
      b = step[b + classMap[text.charCodeAt(i)]];
      if (b < 0) b = ~b;
    }
    let a = 0;
    let countA = 0;
    let countB = 0;
    const later = this.later;
    for (let i = 0; i < half; i++) {
      a = step[a + classMap[text.charCodeAt(i)]];
      b = step[b + classMap[text.charCodeAt(i + half)]];
      if ((a | b) < 0) {
        if (a < 0) {
          a = ~a;
          countA = this.record(a, i, out, countA);
        }
        if (b < 0) {
          b = ~b;
          countB = this.record(b, i + half, later, countB);
        }
      }
    }
    countB = this.run(text, 2 * half, n, b, later, countB);
    const total = countA + countB;
    if (total * 2 > out.hits.length) {
      const grown = new Int32Array(total * 4);
      grown.set(out.hits.subarray(0, countA * 2));
      out.hits = grown;
    }
    out.hits.set(later.hits.subarray(0, countB * 2), countA * 2);
    return total;
  }

  /** One stream over `[from, to)` from `state`, appending to `out` after `count` pairs. */
  private run(text: string, from: number, to: number, state: number, out: { hits: Int32Array }, count: number): number {
    const { step, classMap } = this;
    for (let i = from; i < to; i++) {
      state = step[state + classMap[text.charCodeAt(i)]];
      if (state < 0) {
        state = ~state;
        count = this.record(state, i, out, count);
      }
    }
    return count;
  }

  /** The WebAssembly pass's records as hits, stream after stream (so in order of where they end). */
  private collect({ records, counts, starts }: WasmHits, out: { hits: Int32Array }): number {
    let count = 0;
    for (let k = 0; k < counts.length; k++) {
      for (let at = starts[k], end = at + counts[k] * 2; at < end; at += 2) {
        count = this.record(records[at], records[at + 1], out, count);
      }
    }
    return count;
  }

  /** Writes the keywords ending at `i` in `state` (pre-multiplied) as pairs after `count`. */
  private record(state: number, i: number, out: { hits: Int32Array }, count: number): number {
    const { outputStart, outputEnd, outputs, lengths } = this;
    const s = (state / this.classes) | 0;
    let hits = out.hits;
    for (let o = outputStart[s], end = outputEnd[s]; o < end; o++) {
      if (count * 2 + 2 > hits.length) {
        const grown = new Int32Array(hits.length * 2);
        grown.set(hits);
        hits = grown;
        out.hits = hits;
      }
      const id = outputs[o];
      hits[count * 2] = id;
      hits[count * 2 + 1] = i + 1 - lengths[id];
      count++;
    }
    return count;
  }
}

/** Texts shorter than this are read as one stream: the second one's run-in would not pay. */
const TWO_STREAMS_FROM = 4096;
/** Texts this long or longer are read in WebAssembly (measured: below, the copy and the call cost more than they save). */
const WASM_FROM = 512;

/**
 * An array of hits that `scan` grows as it needs, in the object it returns it in. Its field is
 * written twice here: V8 takes a field written once for a constant, and the first time a scan grew
 * the array it threw away the optimised code of every function that read the field (the scan's
 * own loops among them), to compile them again.
 */
export function hitBuffer(size: number): { hits: Int32Array } {
  const buffer = { hits: new Int32Array(0) };
  buffer.hits = new Int32Array(size);
  return buffer;
}
