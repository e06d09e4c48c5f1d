import { isIdentifierWord } from '../filters';
import type { Confidence, KeyGen, Prefilter, Refinement, MatchContext, Rule, Severity } from '../types';

/**
 * Builders for the two common shapes of rule, so that a provider's rule is a few lines of data:
 * a token with a distinctive prefix, and a value recognised by the name it is assigned to.
 * Both generate their own examples from the same generator as the rule's format.
 *
 * A built rule makes its pattern (and mask prefix) at first use, not as the bundle loads: every
 * thread that scans loads all the rules, and a scan runs few of them (of the 570 rules built here,
 * a scan of the bench's npm packages ran 49). Spelling out hundreds of context words in either case
 * and parsing the result took a quarter of the rules' load time.
 */

/** Characters of a token; the lookarounds keep a match from starting or ending inside a longer run. */
const TOKEN_CHARS = 'A-Za-z0-9_-';

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A case-insensitive spelling of a literal word for patterns that are otherwise case-sensitive. */
export function anyCase(word: string): string {
  // A loop over a table, not a regex test or two case conversions per character: every rule with
  // context words calls this as the bundle loads, in the interpreter, on every thread that scans
  // (the table made the built-in rules' spellings three times as fast, with a third of the garbage).
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    out += c < 128 ? ASCII_ANY_CASE[c] : escapeRegExp(word[i]);
  }
  return out;
}

/** Each ASCII character as `anyCase` spells it: a letter as `[aA]`, anything else escaped. */
const ASCII_ANY_CASE = Array.from({ length: 128 }, (_, code) => {
  const c = String.fromCharCode(code);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ? `[${c.toLowerCase()}${c.toUpperCase()}]` : escapeRegExp(c);
});

/** `OPENAI_API_KEY` -> `openaiApiKey`, for the JSON-shaped example. */
function camel(envVar: string): string {
  return envVar.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

interface Common {
  id: string;
  provider: string;
  description: string;
  envVar: string;
  severity?: Severity;
  confidence?: Confidence;
  minEntropy?: number;
  validate?: (secret: string) => boolean;
  allowlist?: readonly RegExp[];
  refine?: (match: MatchContext) => Refinement | undefined;
  /** `near` and `vetoAt` for the rule; a token rule's `anchored` defaults to whether its keyword is its prefix. */
  prefilter?: Prefilter;
  /** More positive examples, beyond the generated assignments. */
  extraPositive?: (g: KeyGen) => string[];
  extraNegative?: (g: KeyGen) => string[];
}

export interface TokenSpec extends Common {
  /** The literal that starts every token of this kind (`gsk_`). */
  prefix: string;
  /** The rest of the token, as a bounded regex source (`[A-Za-z0-9]{52}`). */
  body: string;
  /** Builds a valid rest of the token. */
  gen: (g: KeyGen) => string;
  /** Characters that may not touch the token on either side; defaults to letters, digits, `_` and `-`. */
  boundary?: string;
  /** Prefilter keywords; defaults to the prefix. */
  keywords?: string[];
  /** What of the token may be shown; defaults to the prefix. */
  maskPrefix?: RegExp;
}

/** A token with a distinctive prefix: found anywhere, in any file, with high confidence. */
export function tokenRule(spec: TokenSpec): Rule {
  const boundary = spec.boundary ?? TOKEN_CHARS;
  const full = (g: KeyGen): string => spec.prefix + spec.gen(g);
  let pattern: RegExp | undefined;
  let maskPrefix: RegExp | undefined;
  return {
    id: spec.id,
    provider: spec.provider,
    description: spec.description,
    // "=" may end a token (base64 padding) but may precede one (`KEY=token`). Made at first use.
    get pattern(): RegExp {
      pattern ??= new RegExp(`(?<![${boundary.replace('=', '')}])${escapeRegExp(spec.prefix)}(?:${spec.body})(?![${boundary}])`);
      return pattern;
    },
    keywords: spec.keywords ?? [spec.prefix.toLowerCase()],
    prefilter: {
      anchored: spec.prefilter?.anchored ?? spec.keywords === undefined,
      ...(spec.prefilter?.near ? { near: spec.prefilter.near } : {}),
      ...(spec.prefilter?.vetoAt ? { vetoAt: spec.prefilter.vetoAt } : {}),
      // The keyword is the prefix: a hit must spell it in its case, not inside a longer run.
      ...(spec.prefilter?.exact
        ? { exact: spec.prefilter.exact }
        : spec.keywords === undefined && spec.prefilter?.anchored !== false
          ? { exact: { prefix: spec.prefix, notAfter: boundary.replace('=', '') } }
          : {}),
    },
    minEntropy: spec.minEntropy ?? 3,
    envVar: spec.envVar,
    severity: spec.severity ?? 'error',
    confidence: spec.confidence ?? 'high',
    get maskPrefix(): RegExp {
      maskPrefix ??= spec.maskPrefix ?? new RegExp(`^${escapeRegExp(spec.prefix)}`);
      return maskPrefix;
    },
    ...(spec.validate ? { validate: spec.validate } : {}),
    ...(spec.allowlist ? { allowlist: spec.allowlist } : {}),
    ...(spec.refine ? { refine: spec.refine } : {}),
    examples: {
      positive: g => [
        `const token = "${full(g)}";`,
        `${spec.envVar}=${full(g)}`,
        `{ "${camel(spec.envVar)}": "${full(g)}" }`,
        ...(spec.extraPositive?.(g) ?? []),
      ],
      negative: g => {
        const body = spec.gen(g);
        return [`${spec.prefix}${body.slice(0, 4)}`, `${spec.envVar}=${spec.prefix}${'x'.repeat(body.length)}`, ...(spec.extraNegative?.(g) ?? [])];
      },
    },
  };
}

/**
 * The keywords without those another one starts (`ipstack_access_key` goes, `ipstack` stays):
 * every match of such a keyword starts at the shorter one's hit too, where the pattern (which
 * keeps both) runs. Fewer keywords are a smaller keyword automaton for every scanner and worker.
 */
function prefixFree(keywords: readonly string[]): string[] {
  const unique = [...new Set(keywords)];
  return unique.filter(k => !unique.some(o => o !== k && k.startsWith(o)));
}

export interface ContextSpec extends Common {
  /** Words that name the provider where the value is assigned (`mistral`); any case. */
  context: string[];
  /** The value, as a bounded regex source, or what makes it (called once, at the pattern's first use). */
  value: string | (() => string);
  gen: (g: KeyGen) => string;
}

/**
 * A value with no distinctive prefix, recognised by the provider's name in what it is assigned
 * to: `MISTRAL_API_KEY=…`, `mistral_key: …`, `Mistral(api_key="…")`.
 */
export function contextRule(spec: ContextSpec): Rule {
  // The env var's name counts as context too, and every context in each spelling of its
  // separators: `aws_session_token`, `aws.session.token`, `aws-session-token`, `awsSessionToken`.
  const spellings = (c: string): string[] => (/[_.-]/.test(c) ? ['_', '.', '-', ''].map(sep => c.replace(/[_.-]/g, sep)) : [c]);
  const contexts = [...new Set([...spec.context, spec.envVar.toLowerCase()].flatMap(spellings))];
  let pattern: RegExp | undefined;
  const name = spec.context[0];
  return {
    id: spec.id,
    provider: spec.provider,
    description: spec.description,
    // Made at first use.
    get pattern(): RegExp {
      pattern ??= new RegExp(
        // The separator: `=`, `:`, `:=`, `=>`, an XML pair's `" value=` (`<add key="CodecovToken" value="…" />`),
        // or an XML element's `>`, its value on the same line or the next (`<codecovToken>…</codecovToken>`).
        `(?:${contexts.map(anyCase).join('|')})[\\w.(-]{0,30}(?:>[ \\t]{0,20}(?:\\r?\\n[ \\t]{0,40})?|["'\\]]?(?:[ \\t]{0,3}:[ \\t]{0,3}[\\w<>\\[\\]&.?]{1,30})?[ \\t]{0,3}(?::=|=>|=|:|value[ \\t]{0,3}=)[ \\t]{0,3}["'\`]?)(${typeof spec.value === 'string' ? spec.value : spec.value()})(?![A-Za-z0-9_+/-])`,
      );
      return pattern;
    },
    keywords: prefixFree(contexts.map(c => c.toLowerCase())),
    // (A type annotation's ":" satisfies `near` too; the pattern sorts it out.)
    prefilter: { anchored: true, near: { chars: '=:>', through: '.(-"\'] \t', within: 80 } },
    secretGroup: 1,
    minEntropy: spec.minEntropy ?? 3,
    envVar: spec.envVar,
    severity: spec.severity ?? 'error',
    confidence: spec.confidence ?? 'medium',
    ...(spec.validate ? { validate: spec.validate } : {}),
    ...(spec.allowlist ? { allowlist: spec.allowlist } : {}),
    // A name followed by code, not a literal (`exports.FIREWORKS_API_KEY = fireworksApiKeyFromSettings`):
    // a camelCase or PascalCase identifier, which random keys never spell.
    refine: ctx => (isIdentifierWord(ctx.secret) ? undefined : spec.refine ? spec.refine(ctx) : {}),
    examples: {
      positive: g => [
        `${spec.envVar}=${spec.gen(g)}`,
        `const ${name}Key = '${spec.gen(g)}';`,
        `${name}:\n  api_key: "${spec.gen(g)}"`.replace(`${name}:\n  `, `${name}_`),
        `<add key="${spec.envVar}" value="${spec.gen(g)}" />`,
        ...(spec.extraPositive?.(g) ?? []),
      ],
      negative: g => [
        `${spec.envVar}=\${${spec.envVar}}`,
        `const ${name}Key = process.env.${spec.envVar};`,
        `# no provider here: key = "${spec.gen(g)}"`.replace(/key = "/, 'value "'),
        ...(spec.extraNegative?.(g) ?? []),
      ],
    },
  };
}
