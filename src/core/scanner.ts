import { shannonEntropy } from './entropy';
import { isPlaceholder } from './filters';
import { enclosingLiteral } from './literal';
import { MASK, maskSecret } from './mask';
import { PositionCursor } from './positions';
import { checkSuppression, isoDate } from './suppress';
import type { Confidence, Finding, Refinement, Rule, Severity } from './types';

/** Per-scan options. */
export interface ScanOptions {
  /** The current time, for suppressions with an `until` date. Defaults to now. */
  now?: number;
}

/** Scans text for secrets. Build one per rule set and reuse it: compiling the rules costs more than a scan. */
export interface Scanner {
  readonly rules: readonly Rule[];
  scan(text: string, options?: ScanOptions): Finding[];
}

/** Options fixed when the scanner is built (a project's config). */
export interface ScannerOptions {
  /** Secrets matching any of these are never reported (the config's `allowlist.values`). */
  allowlistValues?: readonly RegExp[];
}

interface CompiledRule {
  rule: Rule;
  regex: RegExp;
  /** Position in the rule list: where two rules claim the same text, the lower rank wins. */
  rank: number;
}

/** A kept match before positions and masking. */
interface Candidate {
  compiled: CompiledRule;
  start: number;
  end: number;
  matchStart: number;
  matchEnd: number;
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
  const compiled: CompiledRule[] = rules.map((rule, rank) => ({
    rule,
    rank,
    regex: new RegExp(rule.pattern.source, rule.pattern.flags.replace(/[gdy]/g, '') + (rule.secretGroup === undefined ? 'g' : 'gd')),
  }));
  const byKeyword = activationsByKeyword(compiled);
  const prefilter = keywordRegex([...byKeyword.keys()]);
  const allowlistValues = options.allowlistValues ?? [];

  return {
    rules,
    scan(text: string, scanOptions: ScanOptions = {}): Finding[] {
      if (prefilter === null || looksBinary(text)) {
        return [];
      }
      const active = new Uint8Array(compiled.length);
      let inactive = compiled.length;
      prefilter.lastIndex = 0;
      for (let m = prefilter.exec(text); m !== null && inactive > 0; m = prefilter.exec(text)) {
        for (const index of byKeyword.get(m[0].toLowerCase()) ?? []) {
          inactive -= 1 - active[index];
          active[index] = 1;
        }
        // Resume one character on: a keyword may start inside the one just found.
        prefilter.lastIndex = m.index + 1;
      }
      const candidates: Candidate[] = [];
      for (let i = 0; i < compiled.length; i++) {
        if (active[i]) {
          collect(compiled[i], text, allowlistValues, candidates);
        }
      }
      return toFindings(text, resolveOverlaps(candidates), isoDate(scanOptions.now ?? Date.now()));
    },
  };
}

/**
 * The rules each keyword activates. The prefilter reports one keyword per position (the longest),
 * so a keyword also activates the rules of every keyword it contains: finding `password=` must
 * wake the rules keyed on `pass`.
 */
function activationsByKeyword(compiled: readonly CompiledRule[]): Map<string, number[]> {
  const direct = new Map<string, number[]>();
  compiled.forEach((c, index) => {
    for (const keyword of c.rule.keywords) {
      const list = direct.get(keyword) ?? [];
      list.push(index);
      direct.set(keyword, list);
    }
  });
  const closure = new Map<string, number[]>();
  for (const keyword of direct.keys()) {
    const indices = new Set<number>();
    for (const [other, list] of direct) {
      if (keyword.includes(other)) {
        list.forEach(i => indices.add(i));
      }
    }
    closure.set(keyword, [...indices]);
  }
  return closure;
}

function keywordRegex(keywords: string[]): RegExp | null {
  if (keywords.length === 0) {
    return null;
  }
  // Longest first, so that a keyword that prefixes another does not hide it.
  const alternatives = keywords.sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(alternatives.join('|'), 'gi');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function looksBinary(text: string): boolean {
  const end = Math.min(text.length, BINARY_PROBE);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 0) {
      return true;
    }
  }
  return false;
}

function collect(compiled: CompiledRule, text: string, allowlistValues: readonly RegExp[], out: Candidate[]): void {
  const { rule, regex } = compiled;
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    if (m[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    const span = secretSpan(rule, m);
    if (!span) {
      continue;
    }
    const [start, end] = span;
    if (rule.minEntropy !== undefined && shannonEntropy(text, start, end) < rule.minEntropy) {
      continue;
    }
    const secret = text.slice(start, end);
    if (rule.allowlist?.some(a => a.test(secret)) || allowlistValues.some(a => a.test(secret)) || isPlaceholder(secret)) {
      continue;
    }
    const refinement = rule.refine ? rule.refine({ text, match: m, secret, start, end }) : {};
    if (!refinement) {
      continue;
    }
    let severity = refinement.severity ?? rule.severity;
    let confidence = refinement.confidence ?? rule.confidence ?? 'medium';
    let checksum: Candidate['checksum'];
    if (rule.validate) {
      checksum = rule.validate(secret) ? 'valid' : 'invalid';
      if (checksum === 'valid') {
        confidence = 'high';
      } else {
        // Right shape, wrong checksum: a typo, a truncation or a made-up value, not a live key.
        severity = severity === 'error' ? 'warning' : severity;
        confidence = 'low';
      }
    }
    out.push({ compiled, start, end, matchStart: matchStart(m), matchEnd: m.index + m[0].length, severity, confidence, checksum, refinement });
  }
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
    return [m.index, m.index + m[0].length];
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
 * provider's format beats the generic assignment rule), then the longer match.
 */
function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Candidate[] = [];
  for (const c of candidates) {
    const last = kept[kept.length - 1];
    if (!last || c.start >= last.end) {
      kept.push(c);
    } else if (c.compiled.rank < last.compiled.rank) {
      kept[kept.length - 1] = c;
    }
  }
  return kept;
}

function toFindings(text: string, candidates: Candidate[], today: string): Finding[] {
  const cursor = new PositionCursor(text);
  const findings: Finding[] = [];
  for (const c of candidates) {
    const { rule } = c.compiled;
    const from = cursor.at(c.start);
    const verdict = checkSuppression(rule.id, lineAround(text, c.start), previousLine(text, c.start), today);
    const to = cursor.at(c.end);
    if (verdict.suppressed) {
      continue;
    }
    const secret = text.slice(c.start, c.end);
    const masked = rule.maskInContext
      ? contextMask(text, c)
      : maskSecret(secret, rule);
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
    const literal = enclosingLiteral(text, c.start, c.end);
    if (literal) finding.literal = literal;
    if (c.refinement?.name) finding.name = c.refinement.name;
    if (c.refinement?.note) finding.note = c.refinement.note;
    if (verdict.expired) finding.suppressionExpired = verdict.expired;
    if (c.checksum) finding.checksum = c.checksum;
    findings.push(finding);
  }
  return findings;
}

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
