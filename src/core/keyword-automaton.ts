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
  private readonly classes: number;
  /** Next state for (state, class) while building: `delta[state * classes + class]`. */
  private readonly delta: Int32Array;
  /**
   * The table the scan runs on: next state for (state, ASCII code) at `step[state * 128 + code]`,
   * code 0 standing for every non-ASCII character. States are stored pre-multiplied by 128, and a
   * state where keywords end is stored as its bitwise NOT, so the inner loop is one lookup and
   * one sign test per character.
   */
  private readonly step: Int32Array;
  /** The keywords that end at each state, as ranges into `outputs`. */
  private readonly outputStart: Int32Array;
  private readonly outputEnd: Int32Array;
  private readonly outputs: Int32Array;

  constructor(keywords: readonly string[]) {
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

    // The trie.
    const children: Array<Map<number, number>> = [new Map()];
    const ending: number[][] = [[]];
    this.keywords.forEach((keyword, id) => {
      let state = 0;
      for (let i = 0; i < keyword.length; i++) {
        const cls = this.classOf[keyword.charCodeAt(i)];
        let next = children[state].get(cls);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          ending.push([]);
          children[state].set(cls, next);
        }
        state = next;
      }
      ending[state].push(id);
    });

    // Failure links, breadth first, folded into a complete transition table.
    const states = children.length;
    this.delta = new Int32Array(states * this.classes);
    const fail = new Int32Array(states);
    const outputsOf: number[][] = ending.map(e => [...e]);
    const queue: number[] = [];
    for (let cls = 0; cls < this.classes; cls++) {
      const next = children[0].get(cls);
      if (next !== undefined) {
        this.delta[cls] = next;
        fail[next] = 0;
        queue.push(next);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      outputsOf[state].push(...outputsOf[fail[state]]);
      for (let cls = 0; cls < this.classes; cls++) {
        const next = children[state].get(cls);
        if (next === undefined) {
          this.delta[state * this.classes + cls] = this.delta[fail[state] * this.classes + cls];
        } else {
          this.delta[state * this.classes + cls] = next;
          fail[next] = this.delta[fail[state] * this.classes + cls];
          queue.push(next);
        }
      }
    }
    this.outputStart = new Int32Array(states);
    this.outputEnd = new Int32Array(states);
    const flat: number[] = [];
    outputsOf.forEach((list, state) => {
      this.outputStart[state] = flat.length;
      flat.push(...list);
      this.outputEnd[state] = flat.length;
    });
    this.outputs = Int32Array.from(flat);
    this.step = new Int32Array(states * 128);
    for (let state = 0; state < states; state++) {
      for (let code = 0; code < 128; code++) {
        const target = this.delta[state * this.classes + this.classOf[code]];
        this.step[state * 128 + code] = this.outputEnd[target] > this.outputStart[target] ? ~(target * 128) : target * 128;
      }
    }
    this.lengths = Int32Array.from(this.keywords, k => k.length);
  }

  private readonly lengths: Int32Array;

  /**
   * Every occurrence, in order of where it ends: `hits` receives pairs (keyword id, start
   * offset). Returns the number of pairs written; `hits` grows as needed and is returned in `out`.
   */
  scan(text: string, out: { hits: Int32Array }): number {
    const { step, outputStart, outputEnd, outputs, lengths } = this;
    let hits = out.hits;
    let count = 0;
    let state = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      state = step[state + (c < 128 ? c : 0)];
      if (state < 0) {
        state = ~state;
        const s = state >> 7;
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
      }
    }
    return count;
  }
}
