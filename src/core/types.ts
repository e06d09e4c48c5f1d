/** How serious a finding is; maps to the LSP severity and to the CLI's and SARIF's levels. */
export type Severity = 'error' | 'warning' | 'info';

/** How sure the scanner is that a match is a live secret (a passing checksum is `high`). */
export type Confidence = 'high' | 'medium' | 'low';

/**
 * Builds random strings for a rule's examples. Examples are generated at test time so that the
 * repository never holds a real-looking key, and every run exercises a fresh body.
 */
export interface KeyGen {
  /** `n` characters drawn from `alphabet`. */
  chars(alphabet: string, n: number): string;
  alnum(n: number): string;
  hex(n: number): string;
  upper(n: number): string;
  base64(n: number): string;
  base64url(n: number): string;
  /** A lowercase UUID v4. */
  uuid(): string;
  /** `lines` lines of 64 base64 characters joined by `eol`: the body of a PEM key. */
  pemBody(lines: number, eol: string): string;
}

/**
 * How a rule narrows where its pattern runs, all optional: the scanner's cheap checks before the
 * regex, grouped so that a rule author finds them in one place.
 */
export interface Prefilter {
  /**
   * Every match begins where one of the keywords occurs (in any case). The scanner then runs the
   * pattern only at those places instead of over the whole text. A keyword inside the secret can
   * still anchor it: capture the part before it in a lookbehind (the secret then starts there).
   */
  anchored?: boolean;
  /**
   * For anchored rules, a cheap necessary condition checked before the pattern runs: from the
   * end of the keyword, over letters, digits, `_` and the characters in `through` only, one of
   * `chars` is reached within `within` characters (the `=` or `:` of an assignment). Most keyword
   * hits in code (`getToken(`, `authority.`) fail it after a few characters, without a regex call.
   */
  near?: { chars: string; through: string; within: number };
  /**
   * For anchored rules: a quick look at a keyword hit before the pattern runs. Returns where the
   * match would reach at least when `refine` would drop it anyway (the scanner then skips the
   * pattern, and this rule's other hits before that offset, as after a match), or -1 to run it.
   */
  vetoAt?: (text: string, keywordEnd: number) => number;
  /**
   * For anchored rules whose keyword is their case-sensitive prefix (`ion_`, `KEY`): the hit must
   * spell `prefix` exactly, and the character before it must not be one of `notAfter` (a regex
   * character class's contents: the token's boundary). The keyword pass ignores case and word
   * edges; this rejects `version_` and `apiKey` hits without a regex call.
   */
  exact?: { prefix: string; notAfter: string };
}

/** A rule's own true and false positives, as text a file could contain. */
export interface RuleExamples {
  positive(g: KeyGen): string[];
  negative(g: KeyGen): string[];
}

/** One kind of secret, described as data (gitleaks' shape): adding a rule never changes the scanner. */
export interface Rule {
  /** Stable kebab-case id: the diagnostic `code`, the SARIF rule id and the docs anchor. */
  id: string;
  /** Who issues the secret, as a user would name it ("Anthropic"). */
  provider: string;
  /** What the secret is ("API key"). */
  description: string;
  /** Bounded quantifiers only. The scanner adds `g` (and `d`); `i` is kept where given. */
  pattern: RegExp;
  /** Lower-case ASCII literals, one of which must occur in the text for the rule to run (the prefilter). */
  keywords: readonly string[];
  /** What lets the scanner skip work before the pattern runs: anchoring, `near`, `vetoAt`. */
  prefilter?: Prefilter;
  /**
   * The capture group holding the secret, or several for a pattern with alternatives (the first
   * that took part in the match). When absent, the whole match, extended back over any group
   * captured in a lookbehind.
   */
  secretGroup?: number | readonly number[];
  /** Minimum Shannon entropy of the secret, in bits per character. */
  minEntropy?: number;
  /** Values that match the pattern but are documented examples, not secrets (`AKIAIOSFODNN7EXAMPLE`). */
  allowlist?: readonly RegExp[];
  /** Offline check of the secret's own structure (a checksum). A failing match is downgraded. */
  validate?: (secret: string) => boolean;
  /** The environment variable the extract fix proposes. */
  envVar: string;
  severity: Severity;
  /** The leading part of the secret that identifies its kind and may be shown (`sk-ant-api03-`). */
  maskPrefix?: RegExp;
  /** Show the last 4 characters in the masked value (off where they carry no meaning, as in PEM). */
  maskTail?: boolean;
  /**
   * Show the whole match with only the secret masked (`postgres://app:****@db/orders`), where
   * the text around the secret says what it is and is not itself secret.
   */
  maskInContext?: boolean;
  /** How sure a match of this rule is, before checksums: distinctive prefixes are `high`. */
  confidence?: Confidence;
  /**
   * Rejects a match or adjusts it, for what a regex cannot say: the assigned name of a generic
   * secret, a Firebase config around a Google key. Returning undefined drops the match.
   */
  refine?: (match: MatchContext) => Refinement | undefined;
  /**
   * A rule from a project's config: run in windows of the text, under a time budget per text,
   * with the longest text its pattern can match (the windows overlap by that much).
   */
  budgeted?: { maxMatch: number };
  examples: RuleExamples;
}

/** What a rule's `refine` sees of a match. */
export interface MatchContext {
  text: string;
  /** The regex match, its groups included. */
  match: RegExpExecArray;
  /** The secret: the secret group, or the whole match. */
  secret: string;
  start: number;
  end: number;
}

/** What `refine` may change about a match it keeps. */
export interface Refinement {
  /** What the secret is, where the match says more than the rule (`password`, `API key`). */
  description?: string;
  severity?: Severity;
  confidence?: Confidence;
  /** The identifier the secret is assigned to (`apiKey`), for the env var name of the fix. */
  name?: string;
  envVar?: string;
  /** A sentence added to the message ("Firebase web keys are public identifiers…"). */
  note?: string;
}

/** A `[start, end)` span of UTF-16 offsets into the scanned text. */
export interface Span {
  start: number;
  end: number;
}

/** One secret found in a text. Offsets cover exactly the secret: what a fix replaces. */
export interface Finding {
  ruleId: string;
  provider: string;
  description: string;
  severity: Severity;
  confidence: Confidence;
  start: number;
  end: number;
  /** Zero-based position of `start` and `end`, as LSP counts them (UTF-16 code units). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The secret with all but its identifying prefix and at most 4 trailing characters hidden. */
  masked: string;
  envVar: string;
  /** What the rule's regex matched around the secret (a whole connection string, an assignment). */
  match: Span;
  /** The string literal holding the secret, quotes included, when it sits in one on its line. */
  literal?: Span;
  /** The identifier or key the secret is assigned to, when the rule knows it. */
  name?: string;
  note?: string;
  /** The outcome of the rule's offline check, when it has one: an invalid checksum is no live key. */
  checksum?: 'valid' | 'invalid';
  /** Set when a suppression comment covers this line but expired on that date (YYYY-MM-DD). */
  suppressionExpired?: string;
}
