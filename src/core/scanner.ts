import { shannonEntropy } from './entropy';
import { maskSecret } from './mask';
import { PositionCursor } from './positions';
import type { Confidence, Finding, Rule, Severity } from './types';

/** Scans text for secrets. Build one per rule set and reuse it: compiling the rules costs more than a scan. */
export interface Scanner {
  readonly rules: readonly Rule[];
  scan(text: string): Finding[];
}

interface CompiledRule {
  rule: Rule;
  regex: RegExp;
}

/** A match before positions and masking: the scanner's internal, allocation-light record. */
interface Candidate {
  rule: Rule;
  start: number;
  end: number;
  severity: Severity;
  confidence: Confidence;
}

/** How far into a text a NUL byte marks it as binary (git uses the same 8000-byte heuristic). */
const BINARY_PROBE = 8000;

/**
 * Compiles rules into a scanner. The pipeline is gitleaks': a keyword prefilter in one pass over
 * the text, then each rule whose keyword occurred runs its regex, then entropy, allowlist and
 * checksum decide what is reported.
 */
export function createScanner(rules: readonly Rule[]): Scanner {
  const compiled: CompiledRule[] = rules.map(rule => ({
    rule,
    regex: new RegExp(rule.pattern.source, rule.secretGroup ? 'gd' : 'g'),
  }));
  const byKeyword = new Map<string, number[]>();
  compiled.forEach((c, index) => {
    for (const keyword of c.rule.keywords) {
      const list = byKeyword.get(keyword) ?? [];
      list.push(index);
      byKeyword.set(keyword, list);
    }
  });
  const prefilter = keywordRegex([...byKeyword.keys()]);

  return {
    rules,
    scan(text: string): Finding[] {
      if (prefilter === null || looksBinary(text)) {
        return [];
      }
      const active = new Uint8Array(compiled.length);
      prefilter.lastIndex = 0;
      for (let m = prefilter.exec(text); m !== null; m = prefilter.exec(text)) {
        for (const index of byKeyword.get(m[0].toLowerCase()) ?? []) {
          active[index] = 1;
        }
      }
      const candidates: Candidate[] = [];
      for (let i = 0; i < compiled.length; i++) {
        if (active[i]) {
          collect(compiled[i], text, candidates);
        }
      }
      return toFindings(text, dropOverlaps(candidates));
    },
  };
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

function collect({ rule, regex }: CompiledRule, text: string, out: Candidate[]): void {
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    if (m[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    const span = rule.secretGroup ? m.indices?.[rule.secretGroup] : [m.index, m.index + m[0].length];
    if (!span) {
      continue;
    }
    const [start, end] = span;
    if (rule.minEntropy !== undefined && shannonEntropy(text, start, end) < rule.minEntropy) {
      continue;
    }
    const secret = text.slice(start, end);
    if (rule.allowlist?.some(a => a.test(secret))) {
      continue;
    }
    let severity = rule.severity;
    let confidence: Confidence = 'medium';
    if (rule.validate) {
      if (rule.validate(secret)) {
        confidence = 'high';
      } else {
        // Right shape, wrong checksum: a typo, a truncation or a made-up value, not a live key.
        severity = 'warning';
        confidence = 'low';
      }
    }
    out.push({ rule, start, end, severity, confidence });
  }
}

/** Where two rules claim overlapping text, the earlier and then longer match wins. */
function dropOverlaps(candidates: Candidate[]): Candidate[] {
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Candidate[] = [];
  let lastEnd = -1;
  for (const c of candidates) {
    if (c.start >= lastEnd) {
      kept.push(c);
      lastEnd = c.end;
    }
  }
  return kept;
}

function toFindings(text: string, candidates: Candidate[]): Finding[] {
  const cursor = new PositionCursor(text);
  return candidates.map(({ rule, start, end, severity, confidence }) => {
    const from = cursor.at(start);
    const to = cursor.at(end);
    return {
      ruleId: rule.id,
      provider: rule.provider,
      description: rule.description,
      severity,
      confidence,
      start,
      end,
      line: from.line,
      column: from.column,
      endLine: to.line,
      endColumn: to.column,
      masked: maskSecret(text.slice(start, end), rule),
      envVar: rule.envVar,
    };
  });
}
