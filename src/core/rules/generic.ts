import type { KeyGen, Rule } from '../types';
import { KEYWORD, KEYWORDS, assignment, judge, keySuffix, labelEnd, pair } from './secret-names';

/**
 * How far after its keyword a generic secret's match must reach a line end or a quote: a name
 * suffix (30), a type annotation and operator (about 60), a bare value (200), then spaces and a
 * comment (220) before the line ends; a quoted value's opening quote comes far sooner.
 */
const REACH = 560;
/** How far one look ahead goes: hits within it that cannot reach a line end are skipped at once. */
const LOOK = 4096;

/**
 * The pattern needs a quote or a line end (a newline, an escaped `\n`, or the text's end) within
 * REACH of the keyword. Where the text has none for longer (a minified bundle, a run of
 * `KEY=value` pairs on one line), every hit before the last REACH of that stretch is skipped in
 * one step: the pattern would scan up to 200 characters from each, and fail. Undefined: run it.
 */
function lineEndVeto(text: string, keywordEnd: number): number | undefined {
  const limit = Math.min(text.length, keywordEnd + LOOK);
  let i = keywordEnd;
  for (; i < limit; i++) {
    const c = text.charCodeAt(i);
    // \n \r " ' ` \
    if (c === 10 || c === 13 || c === 34 || c === 39 || c === 96 || c === 92) break;
  }
  // The text's end is a line end too. Both tests and the veto worked out at every call: what ran
  // only when the first test failed had no type feedback when the optimised code first got there,
  // which then threw itself away.
  const near = i - keywordEnd <= REACH;
  const atEnd = i === text.length;
  const veto = i - REACH;
  return near || atEnd ? undefined : veto;
}

/**
 * Generic secrets in context: a value bound to a name that says "secret". The name decides what
 * is checked (passwords may be short and plain, tokens must look random); the value must pass the
 * filters that keep placeholders, code and public data out.
 */

const examplePassword = (g: KeyGen): string => `${g.alnum(10)}!${g.chars('0123456789', 2)}`;

/**
 * A quoted value (with C#, Python and Rust string prefixes): the quote is group `quoteGroup`,
 * the value the group after it.
 */
function quoted(quoteGroup: number): string {
  // Rust's raw strings (`r#"…"#`) put up to a few `#` around the quotes.
  return `(?:@|[rbuRBU]{1,2})?#{0,3}(["'\`])([^"'\`\\s\\\\]{6,200})\\${quoteGroup}#{0,3}`;
}

export const genericRules: Rule[] = [
  // The specific shapes first: where they match, they know the name better.
  {
    id: 'generic-secret-xml',
    provider: 'Generic',
    description: 'secret',
    // <password>value</password> (the value on its own line too), <add key="ApiKey" value="..."/> in
    // .NET config files, and Android's <string name="api_key">value</string>.
    // Anchored on the keyword; the start of the element or key name is captured behind it.
    pattern: new RegExp(
      `(?:(?<=<([\\w.:-]{0,30}))(${KEYWORD})([\\w.:-]{0,30})>[ \\t]{0,40}(?:\\r?\\n[ \\t]{0,40})?([^<>\\s]{6,200})[ \\t]{0,40}(?:\\r?\\n[ \\t]{0,40})?</\\1\\2\\3>` +
        `|(?<=key[ \\t]{0,3}=[ \\t]{0,3}"([\\w.:-]{0,30}))(${KEYWORD})([\\w.:-]{0,30})"[ \\t]{1,3}value[ \\t]{0,3}=[ \\t]{0,3}"([^"\\s]{6,200})"` +
        // Android resources: <string name="api_key">value</string>.
        `|(?<=<string[ \\t]{1,3}name[ \\t]{0,3}=[ \\t]{0,3}"([\\w.:-]{0,30}))(${KEYWORD})([\\w.:-]{0,30})"[^<>]{0,60}>([^<>\\s]{6,200})</string>)`,
      'i',
    ),
    keywords: KEYWORDS,
    prefilter: { anchored: true, near: { chars: '>"', through: '.:-', within: 70 } },
    secretGroup: [4, 8, 12],
    envVar: 'SECRET',
    severity: 'warning',
    confidence: 'low',
    refine: ({ match, secret }) => {
      const first = match[2] !== undefined ? 1 : match[6] !== undefined ? 5 : 9;
      const [nameStart] = match.indices![first];
      const [keywordStart, keywordEnd] = match.indices![first + 1];
      const [, nameEnd] = match.indices![first + 2];
      return judge(match.input, nameStart, nameEnd, keywordStart, keywordEnd, secret);
    },
    examples: {
      positive: g => [
        `<password>${examplePassword(g)}</password>`,
        `<add key="StripeApiKey" value="${g.alnum(32)}" />`,
        `<password>\n    ${examplePassword(g)}\n  </password>`,
        `    <string name="maps_api_key">${g.alnum(32)}</string>`,
      ],
      negative: () => ['<password>${DB_PASSWORD}</password>', '<add key="ApiKeyHeader" value="X-Api-Key-Value" />'],
    },
  },
  {
    id: 'generic-secret-pair',
    provider: 'Generic',
    description: 'secret',
    // ("API_KEY", "value") in calls: setenv, define, put, headers.set, ["password", "value"] pairs.
    // Anchored on the keyword; the start of the quoted name is captured behind it.
    pattern: new RegExp(`(?<=["']([\\w.-]{0,30}))(${KEYWORD})([\\w-]{0,30})["'][ \\t]{0,3},[ \\t]{0,3}${quoted(4)}`, 'i'),
    keywords: KEYWORDS,
    prefilter: { anchored: true, near: { chars: ',', through: '-"\' \t', within: 70 } },
    secretGroup: 5,
    envVar: 'SECRET',
    severity: 'warning',
    confidence: 'low',
    refine: pair,
    examples: {
      positive: g => [
        `os.Setenv("API_KEY", "${g.alnum(32)}")`,
        `define('DB_PASSWORD', '${examplePassword(g)}');`,
        `headers.set("X-Auth-Token", "${g.base64url(40)}")`,
      ],
      negative: () => ['os.Setenv("API_KEY", os.Getenv("X"))', `define('DB_PASSWORD', getenv('DB_PASSWORD'));`],
    },
  },
  {
    id: 'generic-secret',
    provider: 'Generic',
    description: 'secret',
    // name [type] operator value — covers JS/TS, Python, Go, Java, Kotlin, C#, Ruby, PHP, Rust,
    // Swift, shell, YAML, TOML, INI, properties, JSON, HCL, dotenv and HTTP headers.
    pattern: new RegExp(
      `(${KEYWORD})([\\w-]{0,30})["'\\]]?` +
        // A type (`apiKey: string = …`, `var token string = …`) is followed by an assignment, never
        // by a bare `:`: so `password: Xk9:mP2…` is one YAML value, not a type and a shorter value.
        `(?:(?:[ \\t]{0,3}:[ \\t]{0,3}[\\w<>\\[\\]&.?]{1,30}|[ \\t]{1,3}[a-z_][\\w.\\[\\]*]{0,20})[ \\t]{0,3}(?::=|=>|\\?\\?=|\\|\\|=|\\?=|=)` +
        // Make's `::=`, `:::=`, `?=` and `+=`, PHP's `.=`.
        `|[ \\t]{0,3}(?::::=|::=|:=|=>|\\?\\?=|\\|\\|=|\\?=|\\.=|\\+=|=|:))[ \\t]{0,3}` +
        // A bare value must end its line (a trailing comment aside): config formats write them so,
        // while in code a bare right-hand side is an expression. A `#` inside it is the value's own
        // (YAML, properties and shell start a comment only after a space). A line may also end at
        // an escaped `\n`: a .env or .ini file held in a JSON string.
        `(?:${quoted(3)}|([^\\s"'\`,;#&|<>(){}\\[\\]\\\\][^\\s"'\`,;&|<>(){}\\[\\]\\\\]{5,199})(?=[ \\t]{0,20}(?:(?:#|//)[^\\n]{0,200})?(?:\\r?\\n|$|\\\\[rn])))`,
      'i',
    ),
    keywords: KEYWORDS,
    // A name that is a label (`tokenKey = …`) is dropped before the pattern runs.
    prefilter: {
      anchored: true,
      near: { chars: '=:', through: '-"\'] \t<>[&?*+.', within: 100 },
      vetoAt: (text, end) => lineEndVeto(text, end) ?? labelEnd(text, end),
    },
    secretGroup: [4, 5],
    envVar: 'SECRET',
    severity: 'warning',
    confidence: 'low',
    refine: assignment,
    examples: {
      positive: g => [
        `const dbPassword = "${examplePassword(g)}";`,
        `DB_PASSWORD=${examplePassword(g)}`,
        `  password: "${examplePassword(g)}"`,
        `client_secret = '${g.alnum(32)}'`,
        `let apiKey: String = "${g.alnum(24)}"`,
        `$apiKey = '${g.hex(40)}';`,
        `"auth_token": "${g.base64url(40)}",`,
        `var token string = "${g.alnum(30)}"`,
        `spring.datasource.password=${examplePassword(g)}`,
        `X-Api-Key: ${g.alnum(32)}`,
      ],
      negative: g => [
        'const password = process.env.DB_PASSWORD;',
        'password = os.environ["DB_PASSWORD"]',
        'api_key = "your-api-key-here"',
        'token: ${{ secrets.DEPLOY_TOKEN }}',
        'passwordField = "user-password-input"',
        `password_hash = "${g.hex(64)}"`,
        'tokenizer = "bert-base-uncased"',
        'const secret = getSecret();',
        'apiKey: this.config.apiKey,',
        'password: "<PASSWORD>"',
        'max_tokens: 1024',
        'TOKEN_URL=https://auth.acme.io/oauth/token',
        'secretName: my-app-secrets',
        'password: changeme',
        'db_password = "postgres"',
      ],
    },
  },
  {
    id: 'generic-key',
    provider: 'Generic',
    description: 'key',
    // A name ending in `key` (`_KEY`, `Key`, `-key`) bound to a quoted value, or to an unquoted one that
    // ends its line (dotenv, shell, YAML: `ALGOLIA_ADMIN_KEY=…`); the name is looked behind.
    pattern:
      /(?<=(?<![\w.$-])([A-Za-z][A-Za-z0-9]{0,30}(?:[_-][A-Za-z0-9]{1,30}){0,4}?[_-]?))(?:key|Key|KEY)["']?[ \t]{0,3}(?::=|=|:)[ \t]{0,3}(?:(["'`])([A-Za-z0-9+/=_.-]{16,200})\2|([A-Za-z0-9+/=_.-]{16,200})(?=[ \t]{0,20}(?:\r?\n|$)))/,
    keywords: ['key'],
    // `key` is everywhere in code; only `key` right before `=` or `:` (a quote or spaces between) goes on.
    prefilter: { anchored: true, near: { chars: '=:', through: '"\' \t', within: 5 } },
    secretGroup: [3, 4],
    minEntropy: 3,
    envVar: 'API_KEY',
    severity: 'warning',
    confidence: 'low',
    refine: keySuffix,
    examples: {
      positive: g => [
        `const analyticsWriteKey = "${g.alnum(24)}";`,
        `ALGOLIA_WRITE_KEY="${g.alnum(32)}"`,
        `{ "segment-key": "${g.alnum(28)}" }`,
        `ALGOLIA_ADMIN_KEY=${g.alnum(32)}`,
        `ingest_key: ${g.alnum(40)}\nregion: eu`,
      ],
      negative: g => [
        `const cacheKey = "user-profile-settings-v2";`,
        `PRIMARY_KEY = "${g.alnum(24)}"`,
        `{ key: "${g.alnum(24)}" }`,
        'const storageKey = "app.session.preferences";',
        `const publicKey = "${g.alnum(24)}";`,
        'const sortKey = compareByCreatedAtDescending',
        `PRIMARY_KEY=${g.alnum(24)}`,
        'session_key: user.profile.preferences.theme',
      ],
    },
  },
];
