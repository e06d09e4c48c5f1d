import { KEYWORD_SCAN_WASM } from './keyword-scan-wasm';

declare global {
  /** The part of the WebAssembly JavaScript API used here, as Node and browsers provide it (its lib, DOM, is not this project's). */
  namespace WebAssembly {
    class Module {
      constructor(bytes: Uint8Array);
    }
    class Instance {
      constructor(module: Module, imports: Record<string, Record<string, unknown>>);
      readonly exports: Record<string, unknown>;
    }
    class Memory {
      constructor(descriptor: { initial: number });
      readonly buffer: ArrayBuffer;
      grow(pages: number): number;
    }
  }
}

/**
 * Copies a text's UTF-16 code units, little-endian, into `into` (two bytes per character) and
 * returns how many bytes it wrote: Node's `Buffer#write(text, 'utf16le')`, natively. The platform
 * gives it: the WebAssembly keyword pass needs the text in its memory, and JavaScript has no fast
 * standard way to put it there.
 */
export type Utf16Writer = (text: string, into: Uint8Array) => number;

/** The four streams' records of where keywords end, as `keyword-scan.wat` writes them. */
export interface WasmHits {
  /** Records (state, end offset), stream after stream: each stream's in order, and the streams in text order. */
  records: Int32Array;
  /** The records' count in each stream, and where each stream's first record is in `records`. */
  counts: Int32Array;
  starts: Int32Array;
}

/** Records per stream: a text with more hits (a megabyte of `aaaa…`) is read by the JavaScript loop instead. */
const CAPACITY = 16384;
/** Where each stream's records start in `records`. */
const STARTS = Int32Array.from([0, 1, 2, 3], k => k * CAPACITY * 2);
const PAGE = 65536;
/** UTF-16 code units: the class map's length. */
export const CODE_UNITS = 65536;

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly is missing or refuses it. Compiled once, on first use. */
function wasmModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Uint8Array.from(atob(KEYWORD_SCAN_WASM), c => c.charCodeAt(0)));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/**
 * The keyword automaton's table in WebAssembly memory, with room for one text at a time: the
 * scanner's pass over long texts. Memory: the table, then the hit counts and regions, then the
 * text, grown to hold the longest text read so far.
 */
export class WasmKeywordPass {
  private readonly memory: WebAssembly.Memory;
  private readonly run: (text: number, n: number, table: number, classes: number, hits: number, capacity: number, runIn: number) => number;
  private readonly runBytes: WasmKeywordPass['run'];
  private readonly classesAt: number;
  private readonly hitsAt: number;
  private readonly textAt: number;

  /**
   * Undefined where WebAssembly is unavailable: the caller reads texts in JavaScript. The memory
   * starts with room for the automaton's table of `tableLength` entries and its class map, which the
   * automaton writes there itself (`table`, `classMap`): one copy of each, read by both passes.
   */
  static create(tableLength: number, runIn: number): WasmKeywordPass | undefined {
    const module = wasmModule();
    return module ? new WasmKeywordPass(module, tableLength, runIn) : undefined;
  }

  private constructor(
    module: WebAssembly.Module,
    private readonly tableLength: number,
    private readonly runIn: number,
  ) {
    this.classesAt = tableLength * 4;
    this.hitsAt = this.classesAt + CODE_UNITS;
    this.textAt = this.hitsAt + 16 + 4 * CAPACITY * 8;
    this.memory = new WebAssembly.Memory({ initial: Math.ceil((this.textAt + PAGE) / PAGE) });
    // Grown once now, which detaches the memory's first buffer: V8 compiles typed array code on
    // the promise that no buffer was ever detached, and the first growth (the first text longer
    // than any before) broke it mid-scan, throwing away the optimised code of every function that
    // had read a typed array, to compile it all again (16 compilations of the scan's loops; the
    // compiler's time on 103 MB of npm packages 282 ms, and 220 ms with this).
    this.memory.grow(1);
    const instance = new WebAssembly.Instance(module, { env: { memory: this.memory } });
    this.run = instance.exports.scan as WasmKeywordPass['run'];
    this.runBytes = instance.exports.scanBytes as WasmKeywordPass['run'];
    this.views = this.view();
  }

  /** The automaton's table (see KeywordAutomaton.step), a view of the memory: valid until the memory grows. */
  get table(): Int32Array {
    return this.views.table;
  }

  /** Each UTF-16 code unit's class (see KeywordAutomaton.classMap), a view of the memory like `table`. */
  get classMap(): Uint8Array {
    return this.views.classMap;
  }

  /** The table, class map, counts and records, as views of the memory: made again only when the memory grows. */
  private views: { table: Int32Array; classMap: Uint8Array; hits: WasmHits };

  private view(): WasmKeywordPass['views'] {
    const { buffer } = this.memory;
    return {
      table: new Int32Array(buffer, 0, this.tableLength),
      classMap: new Uint8Array(buffer, this.classesAt, CODE_UNITS),
      hits: { records: new Int32Array(buffer, this.hitsAt + 16, 4 * CAPACITY * 2), counts: new Int32Array(buffer, this.hitsAt, 4), starts: STARTS },
    };
  }

  /**
   * Reads `text`: its records, or undefined when there were more hits than the regions hold, or
   * no memory for the text. The memory grows to the longest text read, and stays so.
   */
  scan(text: string, write: Utf16Writer): WasmHits | undefined {
    const n = text.length;
    if (!this.room(2 * n)) return undefined;
    if (write(text, new Uint8Array(this.memory.buffer, this.textAt, 2 * n)) !== 2 * n) {
      throw new Error('the UTF-16 writer wrote less than the whole text');
    }
    return this.run(this.textAt, n, 0, this.classesAt, this.hitsAt, CAPACITY, this.runIn) === 0 ? this.views.hits : undefined;
  }

  /** `scan` of a text given as its bytes, one per character: copied as they are (half the bytes, and no encoding). */
  scanBytes(bytes: Uint8Array): WasmHits | undefined {
    if (!this.room(bytes.length)) return undefined;
    new Uint8Array(this.memory.buffer, this.textAt, bytes.length).set(bytes);
    return this.runBytes(this.textAt, bytes.length, 0, this.classesAt, this.hitsAt, CAPACITY, this.runIn) === 0 ? this.views.hits : undefined;
  }

  /** Whether the memory holds a text of `size` bytes, grown if need be; false when it cannot grow so far. */
  private room(size: number): boolean {
    const need = this.textAt + size;
    if (need > this.memory.buffer.byteLength) {
      try {
        this.memory.grow(Math.ceil((need - this.memory.buffer.byteLength) / PAGE));
      } catch {
        return false; // beyond what the engine gives one memory: read in JavaScript
      }
      this.views = this.view(); // growing replaced the buffer the old views saw
    }
    return true;
  }
}
