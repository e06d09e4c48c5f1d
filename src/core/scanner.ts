import { shannonEntropy } from './entropy';
import { isPlaceholder } from './filters';
import { hitBuffer, KeywordAutomaton } from './keyword-automaton';
import { LiteralCursor } from './literal';
import { MASK, maskSecret } from './mask';
import { PositionCursor } from './positions';
import { hasCaptureGroup } from './regex-safety';
import { maxMatchLength } from './regex-shape';
import { checkSuppression, fileWideIgnores, isoDate, mentionsSuppression, type SuppressionVerdict } from './suppress';
import type { Confidence, Finding, Refinement, Rule, Severity } from './types';
import type { Utf16Writer } from './wasm-keyword-pass';

/** Per-scan options. */
export interface ScanOptions {
  /** The current time, for suppressions with an `until` date. Defaults to now. */
  now?: number;
  /** The caller read the text from bytes it checked for NULs (`decodeText`): no second look. */
  checkedText?: boolean;
  /**
   * Where the ids of the config's own rules that ran out of their time budget on this text go
   * (their matches so far are kept; the rest of the text was not checked by them).
   */
  stopped?: string[];
  /**
   * The text's characters as bytes, one each, when every one is below 256 (an ASCII file as read):
   * the keyword pass reads these where they are, instead of a copy of the text as UTF-16.
   */
  bytes?: Uint8Array;
}

/**
 * A stand-in for a text that is not all ASCII, made without decoding it (a file of bundles and
 * source maps with a few non-ASCII characters decodes to a two-byte string twice its size): the
 * same length and the same ASCII characters at the same offsets, each other character replaced by
 * U+0080, or by U+00A0 when it is white space (`\s`). Its characters are below 256, one byte each.
 */
export interface TextView {
  readonly length: number;
  /** The view's characters as bytes, one each (see ScanOptions.bytes). */
  bytes: Uint8Array;
  /** The view's characters `[from, to)` as a string (Latin-1). */
  slice(from: number, to: number): string;
  /** Whether `view[from, to)` holds a replaced character. */
  replacedBetween(from: number, to: number): boolean;
}

/** Scans text for secrets. Build one per rule set and reuse it: compiling the rules costs more than a scan. */
export interface Scanner {
  readonly rules: readonly Rule[];
  scan(text: string, options?: ScanOptions): Finding[];
  /**
   * Whether the text the view stands for surely holds no finding. Every rule reads a non-ASCII
   * character as any other (its patterns spell ASCII only, and no flag makes them read Unicode),
   * so the scan goes the same way on both up to a match: the view is given up (false) only where
   * a match covers a replaced character (its entropy, placeholder check and refinement read the
   * characters themselves), or where something is found: then decode the text and `scan` it.
   */
  clearOfSecrets(text: TextView, options?: Omit<ScanOptions, 'bytes'>): boolean;
}

/** Options fixed when the scanner is built (a project's config, and what the platform offers). */
export interface ScannerOptions {
  /** Secrets matching any of these are never reported (the config's `allowlist.values`). */
  allowlistValues?: readonly RegExp[];
  /**
   * Copies a text into WebAssembly memory (Node's `Buffer#write(text, 'utf16le')`): given, the
   * keyword pass reads long texts there, in half the time. Without it, in JavaScript.
   */
  writeUtf16?: Utf16Writer;
  /** The time a config's own rule may take on one text, in milliseconds (default 250). */
  ruleBudgetMs?: number;
}

interface CompiledRule {
  rule: Rule;
  /** Position in the rule list: where two rules claim the same text, the lower rank wins. */
  rank: number;
  /**
   * Global for rules run over the whole text; sticky for anchored rules, run at keyword hits. Made
   * at the rule's first run (`prepare`): a scan runs few of the rules, and every thread builds a
   * scanner.
   */
  regex: RegExp | undefined;
  /**
   * `rule.prefilter.near` as a lookup table (0 stop, 1 go on, 2 found), or undefined; where the last
   * search stopped (`stop` first: V8 shares an object's map with others that start with the same
   * field, and `LiteralCursor`'s `{ from: Infinity, … }` turned a shared `from` into a double under the
   * scanner's optimised code).
   */
  near: { table: Uint8Array; within: number; seen: { from: number; stop: number; real: boolean } } | undefined;
  /** `rule.prefilter.vetoAt`, read once here rather than at every keyword hit. */
  vetoAt: ((text: string, keywordEnd: number) => number) | undefined;
  /** `rule.prefilter.exact`, with `notAfter` as a table of the ASCII characters it holds. */
  exact: { prefix: string; notAfter: Uint8Array } | undefined;
}

/** A kept match before positions and masking. */
interface Candidate {
  compiled: CompiledRule;
  start: number;
  end: number;
  matchStart: number;
  matchEnd: number;
  /** Where the match starts (`m.index`), while its rule's refinement and checksum have yet to judge it (`decide`). */
  pending?: number;
  severity: Severity;
  confidence: Confidence;
  checksum?: 'valid' | 'invalid';
  refinement?: Refinement;
}

/** How far into a text a NUL byte marks it as binary (git uses the same 8000-byte heuristic). */
const BINARY_PROBE = 8000;

/**
 * Compiles rules into a scanner. The pipeline is gitleaks': a keyword prefilter in one pass over
 * the text, then each rule whose keyword occurred runs its bounded regex, then entropy, the
 * rule's allowlist, the placeholder filter, the rule's own refinement and an offline checksum
 * decide what is kept; overlapping matches go to the more specific rule; suppression comments
 * have the last word.
 */
export function createScanner(rules: readonly Rule[], options: ScannerOptions = {}): Scanner {
  const compiled: CompiledRule[] = rules.map((rule, rank) => {
    const { near: nearSpec, vetoAt, exact: exactSpec } = rule.prefilter ?? {};
    const near = nearSpec
      ? { table: nearTable(nearSpec.chars, nearSpec.through), within: nearSpec.within, seen: { stop: -1, from: 0, real: false } }
      : undefined;
    const exact = exactSpec ? { prefix: exactSpec.prefix, notAfter: classTable(exactSpec.notAfter) } : undefined;
    // Every compiled rule has the same fields in the same order (one hidden class): the scan loop
    // reads them at every keyword hit, and optional fields made those reads megamorphic.
    return { rule, rank, regex: undefined, near, vetoAt, exact };
  });
  const keywords = [...new Set(rules.flatMap(r => r.keywords))];
  const automaton = new KeywordAutomaton(keywords, options.writeUtf16);
  // For each keyword: the anchored rules to try where it occurs, and the other rules it wakes.
  const keywordId = new Map(keywords.map((k, id) => [k, id]));
  const anchoredLists: number[][] = keywords.map(() => []);
  const wakeLists: number[][] = keywords.map(() => []);
  compiled.forEach((c, i) => {
    for (const k of new Set(c.rule.keywords)) (c.rule.prefilter?.anchored ? anchoredLists : wakeLists)[keywordId.get(k)!].push(i);
  });
  const anchoredBy = anchoredLists.map(list => Int32Array.from(list));
  const wakes = wakeLists.map(list => Int32Array.from(list));
  const allowlistValues = options.allowlistValues ?? [];
  // Reused across scans: a scanner serves one document at a time. Room for 32,768 hits (256 KiB,
  // its pages mapped as they are first written): growing it is a path the optimised code of
  // `record` has not seen, where it threw itself away mid-scan.
  const buffer = hitBuffer(1 << 16);
  const active = new Uint8Array(compiled.length);
  const doneUntil = new Int32Array(compiled.length);
  const lastStart = new Int32Array(compiled.length);
  const hasWakes = wakes.some(w => w.length > 0);
  // What each `near` search learnt holds for one text: forgotten when the next scan starts.
  const nearRules = compiled.flatMap(c => (c.near ? [c.near.seen] : []));
  const lengths = Int32Array.from(keywords, k => k.length);
  const longest = Math.max(0, ...lengths);
  // A config's own pattern may read Unicode: then no view is trusted from its first run on (see
  // `prepare`), and every text is decoded.
  let readsAsciiOnly = true;
  // How far from its hit each rule may read: its longest match, and its checks' look around.
  // Worked out when first needed: parsing every pattern took 400 ms.
  const reaches = new Int32Array(compiled.length).fill(-1);
  const reach = (index: number): number => {
    if (reaches[index] < 0) reaches[index] = Math.min(2 ** 30, maxMatchLength(compiled[index].rule.pattern.source) + CHECKS_REACH);
    return reaches[index];
  };

  /**
   * Makes a rule's regex, before its first run. A pattern that may read Unicode gives up the view
   * being read, if any (its run there may differ from one on the text), and every view after it. A
   * view read before is still right: the rule did not run on it, and would not have run on the text
   * (the keywords, ASCII, occur at the same places in both).
   */
  function prepare(c: CompiledRule): void {
    const { pattern, prefilter } = c.rule;
    // Match indices cost an allocation per match; only patterns with groups need them.
    const indices = hasCaptureGroup(pattern.source) ? 'd' : '';
    c.regex = new RegExp(pattern.source, pattern.flags.replace(/[gdy]/g, '') + (prefilter?.anchored ? 'y' : 'g') + indices);
    if (!readsAscii(c.regex)) {
      readsAsciiOnly = false;
      if (replaced !== undefined) touched = true;
    }
  }

  return {
    rules,
    scan(text: string, scanOptions: ScanOptions = {}): Finding[] {
      return run(text, scanOptions.checkedText === true, scanOptions.bytes, scanOptions.stopped, scanOptions.now);
    },
    clearOfSecrets(view: TextView, scanOptions: Omit<ScanOptions, 'bytes'> = {}): boolean {
      if (!readsAsciiOnly) return false;
      touched = false;
      try {
        if (view.length < WINDOWED_FROM) {
          replaced = view.replacedBetween;
          // A config rule that ran out of time on the view is left to the text's own scan, to say so.
          const stopped: string[] = [];
          const text = view.slice(0, view.length);
          return run(text, scanOptions.checkedText === true, view.bytes, stopped, scanOptions.now).length === 0 && !touched && stopped.length === 0;
        }
        return clearInWindows(view);
      } finally {
        replaced = undefined;
        touched = false;
      }
    },
  };

  /**
   * `clearOfSecrets` of a long view, a window at a time: no string of the whole text is made (a
   * string past 128 KiB gets fresh memory of its own, its every page faulted in, at 3 ms a MB;
   * a window's is reused). Each hit is read in the window where it ends, with `WINDOW_BACK`
   * characters before it and `WINDOW_AHEAD` after, more than a rule reads there; a rule that
   * may read further is run at that hit in a window of its own reach. Candidates are judged in
   * the window they came from: the view is cleared only if none is kept, whichever window.
   */
  function clearInWindows(view: TextView): boolean {
    const n = view.length;
    doneUntil.fill(0);
    lastStart.fill(-1);
    for (let coreStart = 0; coreStart < n; coreStart += WINDOW_CORE) {
      const coreEnd = Math.min(n, coreStart + WINDOW_CORE);
      const from = Math.max(0, coreStart - WINDOW_BACK - longest);
      const to = Math.min(n, coreEnd + WINDOW_AHEAD);
      const text = view.slice(from, to);
      replaced = (a, b) => view.replacedBetween(a + from, b + from);
      const count = automaton.scan(text, buffer, view.bytes.subarray(from, to));
      for (let r = 0; r < nearRules.length; r++) nearRules[r].stop = -1;
      const candidates: Candidate[] = [];
      if (!readHits(text, count, from, coreStart, coreEnd, to === n ? Number.POSITIVE_INFINITY : to, view, candidates)) return false;
      if (candidates.length > 0 && resolveOverlaps(candidates, text).length > 0) return false;
    }
    return true;
  }

  /**
   * The hits of a window (`text` from `offset` in the view) that end in `(coreStart, coreEnd]`,
   * for a view; false where the view is given up (a rule woken that runs over the whole text, a
   * match over a replaced character, or a candidate kept in a window of its own).
   */
  function readHits(
    text: string,
    count: number,
    offset: number,
    coreStart: number,
    coreEnd: number,
    windowEnd: number,
    view: TextView,
    candidates: Candidate[],
  ): boolean {
    const hits = buffer.hits;
    for (let h = 0; h < count; h++) {
      const k = hits[h * 2];
      const start = hits[h * 2 + 1];
      const end = start + offset + lengths[k];
      if (end <= coreStart || end > coreEnd) continue;
      if (wakes[k].length > 0) return false;
      const anchored = anchoredBy[k];
      for (let a = 0; a < anchored.length; a++) {
        const index = anchored[a];
        const exact = compiled[index].exact;
        if (exact !== undefined && !exactAt(text, start, exact)) continue;
        const at = start + offset;
        const past = at >= doneUntil[index];
        const before = at < lastStart[index];
        if ((past || before) && nearby(text, start + lengths[k], compiled[index].near)) {
          lastStart[index] = at;
          let local = text;
          let base = offset;
          let own: Candidate[] = candidates;
          if (compiled[index].regex === undefined) prepare(compiled[index]);
          const readsTo = at + reach(index);
          if (readsTo > windowEnd) {
            // A rule reading further than the window: at this hit, a window of its own reach.
            base = Math.max(0, at - WINDOW_BACK);
            local = view.slice(base, Math.min(view.length, readsTo));
            own = [];
            replaced = (x, y) => view.replacedBetween(x + base, y + base);
          }
          const veto = compiled[index].vetoAt;
          const vetoEnd = veto === undefined ? -1 : veto(local, at - base + lengths[k]);
          const done = vetoEnd >= 0 ? vetoEnd + base : tryAt(compiled[index], local, at - base, allowlistValues, own) + base;
          if (own !== candidates) {
            replaced = (x, y) => view.replacedBetween(x + offset, y + offset);
            if (own.length > 0 && !touched && resolveOverlaps(own, local).length > 0) return false;
          }
          if (touched) return false;
          if (done > doneUntil[index]) doneUntil[index] = done;
        }
      }
    }
    return true;
  }

  /**
   * The scan, with `ScanOptions` as arguments (callers' option objects differ in shape, and this
   * loop is compiled once for all). With `replaced` set (a view), it stops as soon as `touched` is.
   */
  function run(text: string, checkedText: boolean, bytes: Uint8Array | undefined, stopped: string[] | undefined, now: number | undefined): Finding[] {
    if (keywords.length === 0 || (!checkedText && looksBinary(text))) {
      return [];
    }
    const count = automaton.scan(text, buffer, bytes !== undefined && bytes.length === text.length ? bytes : undefined);
    const hits = buffer.hits;
    const candidates: Candidate[] = [];
    active.fill(0);
    doneUntil.fill(0);
    lastStart.fill(-1);
    for (let n = 0; n < nearRules.length; n++) nearRules[n].stop = -1;
    // Hits arrive by end offset. A rule skips a hit that starts inside its last match, unless
    // the hit starts before the last one it ran at (overlapping keywords, out of order).
    for (let h = 0; h < count; h++) {
      const k = hits[h * 2];
      const start = hits[h * 2 + 1];
      if (hasWakes) {
        const wake = wakes[k];
        for (let w = 0; w < wake.length; w++) {
          active[wake[w]] = 1;
        }
      }
      const anchored = anchoredBy[k];
      for (let a = 0; a < anchored.length; a++) {
        const index = anchored[a];
        const exact = compiled[index].exact;
        if (exact !== undefined && !exactAt(text, start, exact)) continue;
        // Both read and compared whichever way the test goes: the second, first reached mid-scan,
        // threw the optimised loop away (V8 had no feedback for it).
        const past = start >= doneUntil[index];
        const before = start < lastStart[index];
        if ((past || before) && nearby(text, start + lengths[k], compiled[index].near)) {
          lastStart[index] = start;
          if (compiled[index].regex === undefined) prepare(compiled[index]);
          // Where the veto ended it, or the rule's match: one path on, so the optimised loop has
          // seen the array it updates whichever way it went (a branch it never saw throws it away).
          const veto = compiled[index].vetoAt;
          const vetoEnd = veto === undefined ? -1 : veto(text, start + lengths[k]);
          const end = vetoEnd >= 0 ? vetoEnd : tryAt(compiled[index], text, start, allowlistValues, candidates);
          if (touched) return [];
          if (end > doneUntil[index]) doneUntil[index] = end;
        }
      }
    }
    for (let i = 0; i < compiled.length; i++) {
      if (active[i]) {
        if (compiled[i].regex === undefined) prepare(compiled[i]);
        const budgeted = compiled[i].rule.budgeted;
        if (budgeted === undefined) collect(compiled[i], text, allowlistValues, candidates);
        else if (!collectInWindows(compiled[i], text, allowlistValues, candidates, budgeted.maxMatch, options.ruleBudgetMs ?? RULE_BUDGET_MS)) {
          stopped?.push(compiled[i].rule.id);
        }
        if (touched) return [];
      }
    }
    // Called whether or not there are candidates: a call first made at a file's first candidate,
    // mid-scan, threw this loop's optimised code away; the rare paths are `finish`'s own.
    return finish(candidates, text, now);
  }

  /** The findings of a text's candidates (none without candidates, or on a view). */
  function finish(candidates: Candidate[], text: string, now: number | undefined): Finding[] {
    if (candidates.length === 0) {
      return [];
    }
    const kept = resolveOverlaps(candidates, text);
    if (replaced !== undefined) {
      // Found on a view: where, and whether a comment suppresses it, is for the text's own scan.
      if (kept.length > 0) touched = true;
      return [];
    }
    return toFindings(text, kept, today(now ?? Date.now()));
  }
}

/** Views this long or longer are read in windows (`clearInWindows`). */
export const WINDOWED_FROM = 120_000;
/** A window's hits end in its core; it reads this far before and after (all under 128 KiB). */
const WINDOW_CORE = 96 * 1024;
const WINDOW_BACK = 2048;
const WINDOW_AHEAD = 16 * 1024;
/**
 * How far past its match a rule's checks read: the generic rules' line-end look (4,096 and the
 * 560 of their reach), a refinement's context words (400 either side), with room to spare.
 */
const CHECKS_REACH = 6144;

/**
 * Whether a pattern reads every non-ASCII character as any other (except white space, which the
 * view keeps as such): it spells ASCII only, and has no `u` or `v` flag (with which `.` reads a
 * surrogate pair as one character, and case folding maps some letters to ASCII ones).
 */
function readsAscii(pattern: RegExp): boolean {
  return !/[uv]/.test(pattern.flags) && !/\\u[0-9a-fA-F]{4}|\\u\{|\\x[89a-fA-F]|\\[pP]\{|[^\x00-\x7f]/.test(pattern.source);
}

/**
 * While a view is scanned (`clearOfSecrets`): where its characters were replaced, and whether the
 * view is given up (a match covered one, or something was found): the scan then stops, and the
 * text is decoded. A scanner scans one text at a time.
 */
let replaced: ((from: number, to: number) => boolean) | undefined;
let touched = false;

const DAY_MS = 86_400_000;
// `iso` first: an object whose first field is `from` shares V8's map with the `near` searches' `seen`,
// and a day's times (no small integers) changed that field's kind under the scanner's optimised code.
let day = { iso: '', from: Number.NEGATIVE_INFINITY, to: Number.NEGATIVE_INFINITY };

/** `isoDate(now)`, kept for the day it names: most scans ask within the same day. */
function today(now: number): string {
  if (now < day.from || now >= day.to) {
    const from = now - (((now % DAY_MS) + DAY_MS) % DAY_MS);
    day = { iso: isoDate(now), from, to: from + DAY_MS };
  }
  return day.iso;
}

function nearTable(chars: string, through: string): Uint8Array {
  const key = `${chars}\0${through}`;
  const known = nearTables.get(key);
  if (known) return known;
  const table = new Uint8Array(128);
  // `\w`: letters, digits and `_`.
  for (let c = 0; c < 128; c++) {
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) table[c] = 1;
  }
  for (const c of through) table[c.charCodeAt(0) & 127] = 1;
  for (const c of chars) table[c.charCodeAt(0) & 127] = 2;
  nearTables.set(key, table);
  return table;
}

/**
 * The tables made so far, by what they were made from: read only, so rules with the same spec (every
 * context rule's) share one. Made one per rule, 128 regex tests each, they were a tenth of the
 * scanner's construction as a scan starts.
 */
const nearTables = new Map<string, Uint8Array>();
const classTables = new Map<string, Uint8Array>();

/** The ASCII characters a regex character class's contents (`A-Za-z0-9_-`) hold, as a table. */
function classTable(source: string): Uint8Array {
  const known = classTables.get(source);
  if (known) return known;
  const table = new Uint8Array(128);
  const cls = new RegExp(`[${source}]`);
  for (let c = 0; c < 128; c++) table[c] = cls.test(String.fromCharCode(c)) ? 1 : 0;
  classTables.set(source, table);
  return table;
}

/** Whether a keyword hit spells the rule's prefix exactly, not right after one of its boundary characters. */
function exactAt(text: string, start: number, exact: NonNullable<CompiledRule['exact']>): boolean {
  if (start > 0) {
    const before = text.charCodeAt(start - 1);
    if (before < 128 && exact.notAfter[before] === 1) return false;
  }
  return text.startsWith(exact.prefix, start);
}

/**
 * Whether the rule's `near` character is reached from `at` (a keyword's end) over the characters
 * it allows. The first character past `at` that is not one it allows is remembered with where the
 * search began (until the next scan): the next hit in the same stretch shares it, so a run of hits
 * (a minified line of `tokenKeySecret…` without an `=`) is read once, not once per hit.
 */
function nearby(text: string, at: number, near: CompiledRule['near']): boolean {
  if (!near) {
    return true;
  }
  const seen = near.seen;
  // Known: [from, stop) holds only characters the search goes on over; `real`: stop is where it ends.
  if (!(seen.from <= at && at <= seen.stop && (seen.real || at + near.within <= seen.stop))) {
    // Far enough for this hit, and on as long as the stretch goes (up to LOOK_AHEAD).
    const cap = Math.min(text.length, at + Math.max(near.within, LOOK_AHEAD));
    let stop = at;
    while (stop < cap) {
      const c = text.charCodeAt(stop);
      if ((c < 128 ? near.table[c] : 0) !== 1) break;
      stop++;
    }
    seen.from = at;
    seen.stop = stop;
    // Both compared every time (the second, first reached mid-scan, threw the optimised code away).
    const short = stop < cap;
    const atEnd = cap === text.length;
    seen.real = short || atEnd;
  }
  if (seen.stop >= text.length || seen.stop - at >= near.within) return false;
  const c = text.charCodeAt(seen.stop);
  return (c < 128 ? near.table[c] : 0) === 2;
}

/** How far a `near` search reads on past its own reach, for the hits after it to share. */
const LOOK_AHEAD = 4096;

function looksBinary(text: string): boolean {
  // A forward search of the probe's slice (a view, not a copy): the bounded backward search
  // (`lastIndexOf`) measured at a tenth of a whole scan's time.
  return (text.length > BINARY_PROBE ? text.slice(0, BINARY_PROBE) : text).indexOf('\u0000') >= 0;
}

/** Runs a whole-text rule over the text. */
function collect(compiled: CompiledRule, text: string, allowlistValues: readonly RegExp[], out: Candidate[]): void {
  const regex = compiled.regex!; // made by `prepare`, as in the functions below
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    if (m[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    consider(compiled, text, m, allowlistValues, out);
  }
}

/** A config rule's time on one text, by default: a file can be scanned, not held. */
const RULE_BUDGET_MS = 250;
/** The windows a config rule runs in: short enough that one regex call stays well inside the budget. */
const WINDOW = 16_384;
/** Text before a window its pattern may look back on (lookbehind). */
const LOOK_BACK = 256;

/**
 * Runs a config rule over the text in windows, as `collect` would over the whole (the same
 * matches: windows overlap by the longest match, and a match starts where the last one ended),
 * checking the clock between windows. False when the budget ran out first.
 */
function collectInWindows(
  compiled: CompiledRule,
  text: string,
  allowlistValues: readonly RegExp[],
  out: Candidate[],
  maxMatch: number,
  budgetMs: number,
): boolean {
  const regex = compiled.regex!;
  const deadline = performance.now() + budgetMs;
  let from = 0; // where the next match may start: the end of the last one
  for (let start = 0; start < text.length; start += WINDOW) {
    const ws = Math.max(0, start - LOOK_BACK);
    const window = text.slice(ws, Math.min(text.length, start + WINDOW + maxMatch));
    regex.lastIndex = Math.max(start, from) - ws;
    for (let m = regex.exec(window); m !== null; m = regex.exec(window)) {
      if (m.index + ws >= start + WINDOW) break; // the next window's
      if (m[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      from = m.index + ws + m[0].length;
      m.index += ws;
      for (const span of m.indices ?? []) {
        if (span) {
          span[0] += ws;
          span[1] += ws;
        }
      }
      consider(compiled, text, m, allowlistValues, out);
    }
    if (performance.now() > deadline && start + WINDOW < text.length) return false;
  }
  return true;
}

/** Runs an anchored rule at one keyword hit; returns where its match ended (or `at` when none). */
function tryAt(compiled: CompiledRule, text: string, at: number, allowlistValues: readonly RegExp[], out: Candidate[]): number {
  const regex = compiled.regex!;
  regex.lastIndex = at;
  const m = regex.exec(text);
  if (m === null || m[0].length === 0) {
    return at;
  }
  consider(compiled, text, m, allowlistValues, out);
  return m.index + m[0].length;
}

/**
 * Entropy, allowlists and placeholders decide on one match at once. Its rule's refinement and
 * checksum, which cost more, wait until the match is sure to be reported if they pass (`decide`,
 * from `resolveOverlaps`): where two rules claim the same text, as a provider's rule and the
 * generic assignment rule do at every `token = "gldt-…"`, only the winner is judged. Judged early
 * or late, the findings are the same.
 */
function consider(compiled: CompiledRule, text: string, m: RegExpExecArray, allowlistValues: readonly RegExp[], out: Candidate[]): void {
  const { rule } = compiled;
  const span = secretSpan(rule, m);
  if (!span) {
    return;
  }
  const [start, end] = span;
  if (replaced?.(Math.min(start, matchStart(m)), Math.max(end, m.index + m[0].length))) {
    touched = true;
    return;
  }
  if (rule.minEntropy !== undefined && shannonEntropy(text, start, end) < rule.minEntropy) {
    return;
  }
  const secret = text.slice(start, end);
  if ((rule.allowlist !== undefined && anyMatch(rule.allowlist, secret)) || anyMatch(allowlistValues, secret) || isPlaceholder(secret)) {
    return;
  }
  const candidate: Candidate = {
    compiled,
    start,
    end,
    matchStart: matchStart(m),
    matchEnd: m.index + m[0].length,
    severity: rule.severity,
    confidence: rule.confidence ?? 'medium',
  };
  if (rule.refine !== undefined || rule.validate !== undefined) {
    // A config rule's match came from a window of the text: judged now, on that match.
    if (rule.budgeted !== undefined) {
      if (!decide(candidate, text, m)) return;
    } else {
      // Only where the match starts is kept, not its arrays (holding those for every match cost
      // the collector more than the judging saved): `decide` runs the rule there again.
      candidate.pending = m.index;
    }
  }
  out.push(candidate);
}

/**
 * Whether the candidate's rule keeps it: its refinement (which may reject it), then its checksum.
 * The match is `given`, or found again where it started (a rule's match at a place is always the
 * same one: sticky rules match there or not, global ones find the first match from there).
 */
function decide(c: Candidate, text: string, given?: RegExpExecArray): boolean {
  let m = given;
  if (m === undefined) {
    if (c.pending === undefined) return true;
    const regex = c.compiled.regex!;
    regex.lastIndex = c.pending;
    m = regex.exec(text) ?? undefined;
    if (m === undefined || m.index !== c.pending) return false;
    c.pending = undefined;
  }
  const { rule } = c.compiled;
  const secret = text.slice(c.start, c.end);
  const refinement = rule.refine ? rule.refine({ text, match: m, secret, start: c.start, end: c.end }) : {};
  if (!refinement) {
    return false;
  }
  let severity = refinement.severity ?? rule.severity;
  let confidence = refinement.confidence ?? rule.confidence ?? 'medium';
  if (rule.validate) {
    c.checksum = rule.validate(secret) ? 'valid' : 'invalid';
    if (c.checksum === 'valid') {
      confidence = 'high';
    } else {
      // Right shape, wrong checksum: a typo, a truncation or a made-up value, not a live key.
      severity = severity === 'error' ? 'warning' : severity;
      confidence = 'low';
    }
  }
  c.severity = severity;
  c.confidence = confidence;
  c.refinement = refinement;
  return true;
}

/** Whether any of the patterns matches: a loop, as this runs for every match. */
function anyMatch(patterns: readonly RegExp[], value: string): boolean {
  for (const pattern of patterns) if (pattern.test(value)) return true;
  return false;
}

/** Where the match starts, counting groups captured by a lookbehind (a URL's scheme). */
function matchStart(m: RegExpExecArray): number {
  let start = m.index;
  for (const span of m.indices ?? []) {
    if (span && span[0] < start) {
      start = span[0];
    }
  }
  return start;
}

function secretSpan(rule: Rule, m: RegExpExecArray): [number, number] | undefined {
  if (rule.secretGroup === undefined) {
    return [matchStart(m), m.index + m[0].length];
  }
  const groups = typeof rule.secretGroup === 'number' ? [rule.secretGroup] : rule.secretGroup;
  for (const g of groups) {
    const span = m.indices?.[g];
    if (span) {
      return span;
    }
  }
  return undefined;
}

/**
 * Where matches overlap, one finding stays: the more specific rule (earlier in the list, so a
 * provider's format beats the generic assignment rule), then the longer match. A candidate is
 * judged (`decide`) only when it would be kept: one its rule rejects changes nothing here, so
 * the result is that of resolving the judged candidates alone.
 */
function resolveOverlaps(candidates: Candidate[], text: string): Candidate[] {
  // Of matches with the same span the more specific comes first, so the others are never judged.
  candidates.sort((a, b) => a.start - b.start || b.end - a.end || a.compiled.rank - b.compiled.rank);
  const kept: Candidate[] = [];
  for (const c of candidates) {
    const last = kept[kept.length - 1];
    if (!last || c.start >= last.end) {
      if (decide(c, text)) kept.push(c);
    } else if (c.compiled.rank < last.compiled.rank) {
      if (decide(c, text)) kept[kept.length - 1] = c;
    }
  }
  return kept;
}

function toFindings(text: string, candidates: Candidate[], today: string): Finding[] {
  // Most texts hold no secret: no positions to count, no suppression comments to look for.
  if (candidates.length === 0) return [];
  const cursor = new PositionCursor(text);
  const literals = new LiteralCursor(text);
  const findings: Finding[] = [];
  const suppressible = mentionsSuppression(text);
  const fileWide = suppressible ? fileWideIgnores(text) : [];
  for (const c of candidates) {
    const { rule } = c.compiled;
    const from = cursor.at(c.start);
    // Only the finding's line and the one before: cheaper than searching the whole text for comments.
    const verdict = suppressible ? checkSuppression(rule.id, lineAround(text, c.start), previousLine(text, c.start), today, fileWide) : NOT_SUPPRESSED;
    const to = cursor.at(c.end);
    if (verdict.suppressed) {
      continue;
    }
    const secret = text.slice(c.start, c.end);
    const masked = rule.maskInContext ? contextMask(text, c) : maskSecret(secret, rule);
    const finding: Finding = {
      ruleId: rule.id,
      provider: rule.provider,
      description: c.refinement?.description ?? rule.description,
      severity: c.severity,
      confidence: c.confidence,
      start: c.start,
      end: c.end,
      line: from.line,
      column: from.column,
      endLine: to.line,
      endColumn: to.column,
      masked,
      envVar: c.refinement?.envVar ?? rule.envVar,
      match: { start: c.matchStart, end: c.matchEnd },
    };
    const literal = literals.at(c.start, c.end);
    if (literal) finding.literal = literal;
    if (c.refinement?.name) finding.name = c.refinement.name;
    if (c.refinement?.note) finding.note = c.refinement.note;
    if (verdict.expired) finding.suppressionExpired = verdict.expired;
    if (c.checksum) finding.checksum = c.checksum;
    findings.push(finding);
  }
  return findings;
}

const NOT_SUPPRESSED: SuppressionVerdict = { suppressed: false };

/** The match with the secret replaced by the mask, cut to a readable length. */
function contextMask(text: string, c: Candidate): string {
  const shown = text.slice(c.matchStart, c.start) + MASK + text.slice(c.end, c.matchEnd);
  return shown.length > 80 ? `${shown.slice(0, 77)}...` : shown;
}

/** Comments this far from a secret on a long (minified) line are not about it. */
const LINE_CONTEXT = 2000;

/** The bounds of the line holding `offset`, each cut to `LINE_CONTEXT` characters away. */
function lineBounds(text: string, offset: number): { start: number; end: number; whole: boolean } {
  let start = offset;
  const minStart = Math.max(0, offset - LINE_CONTEXT);
  while (start > minStart && text.charCodeAt(start - 1) !== 10) start--;
  let end = offset;
  const maxEnd = Math.min(text.length, offset + LINE_CONTEXT);
  while (end < maxEnd && text.charCodeAt(end) !== 10) end++;
  return { start, end, whole: start === 0 || text.charCodeAt(start - 1) === 10 };
}

function lineAround(text: string, offset: number): string {
  const { start, end } = lineBounds(text, offset);
  return text.slice(start, end);
}

/** The line before the one holding `offset`, if that line's start is known and it exists. */
function previousLine(text: string, offset: number): string | undefined {
  const { start, whole } = lineBounds(text, offset);
  return whole && start > 0 ? lineAround(text, start - 1) : undefined;
}
