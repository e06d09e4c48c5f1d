// The labelled corpus: realistic files in many languages, each made of ordinary code, lines that
// hold a freshly generated secret (labelled with its kind and exact span), and hard negatives
// beside them: placeholders, env reads, digests, UUIDs, identifiers, public keys, example keys,
// labels and settings that sound like secrets. Seeded, so a run can be repeated exactly.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { BUILTIN_RULES, createKeyGen, seededRandom } = require('../out/src/core/index.js');
const { fakeKeys } = require('../out/src/core/fake-keys.js');
const { render } = require('../out/test/formats/notation.js');

/** Which kind each rule reports, for precision and recall per kind. */
export function kindOf(ruleId) {
  if (ruleId.startsWith('generic-')) return 'generic';
  if (/private-key|gcp-service-account/.test(ruleId)) return 'private-key';
  if (/connection-string|url-credentials/.test(ruleId)) return 'connection-string';
  if (/^(jwt|bearer-token|basic-auth-header)$/.test(ruleId)) return 'token';
  return 'provider';
}
export const KINDS = ['provider', 'private-key', 'connection-string', 'token', 'generic'];

/**
 * Provider keys, rendered from test/formats/formats.json: each format as its issuer documents it,
 * written apart from the rules, so the corpus does not grade the rules by their own examples.
 * A key goes under the issuer's name for it where that name is part of the format (keyword-plus-
 * value providers), else under a plain name made from the provider's.
 */
function providerKeyMakers(random) {
  const rules = new Map(BUILTIN_RULES.map(r => [r.id, r]));
  // Keys that need their own syntax around them (a connection string, .npmrc, docker's config)
  // are table snippets, not values; the rest are bound to a name like any other value.
  return formatTable()
    .filter(e => e.format && !e.format.includes('\n') && kindOf(e.rule) === 'provider' && rules.get(e.rule)?.severity !== 'info')
    .map(entry => ({ entry, name: entry.name ?? plainName(entry.provider), make: () => render(entry.format, random) }));
}

/** `Google Cloud` -> `GOOGLE_CLOUD_KEY`. */
export function plainName(provider) {
  return `${provider
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '')}_KEY`;
}

/** The table of documented formats (test/formats/formats.json). */
export function formatTable() {
  return JSON.parse(readFileSync(new URL('../test/formats/formats.json', import.meta.url), 'utf8')).formats;
}

/** How each language binds a value to a name, quoted as the language quotes strings. */
const SYNTAX = {
  js: { ext: 'js', bind: (n, v) => `const ${camel(n)} = '${v}';`, env: n => `const ${camel(n)} = process.env.${n};`, comment: '//' },
  ts: {
    ext: 'ts',
    bind: (n, v) => `export const ${camel(n)}: string = "${v}";`,
    env: n => `export const ${camel(n)} = process.env.${n} ?? '';`,
    comment: '//',
  },
  py: { ext: 'py', bind: (n, v) => `${n} = "${v}"`, env: n => `${n} = os.environ["${n}"]`, comment: '#' },
  go: { ext: 'go', bind: (n, v) => `\t${camel(n)} := "${v}"`, env: n => `\t${camel(n)} := os.Getenv("${n}")`, comment: '//' },
  java: {
    ext: 'java',
    bind: (n, v) => `    private static final String ${n} = "${v}";`,
    env: n => `    private static final String ${n} = System.getenv("${n}");`,
    comment: '//',
  },
  kt: { ext: 'kt', bind: (n, v) => `val ${camel(n)}: String = "${v}"`, env: n => `val ${camel(n)} = System.getenv("${n}")`, comment: '//' },
  cs: {
    ext: 'cs',
    bind: (n, v) => `        var ${camel(n)} = "${v}";`,
    env: n => `        var ${camel(n)} = Environment.GetEnvironmentVariable("${n}");`,
    comment: '//',
  },
  rb: { ext: 'rb', bind: (n, v) => `${n.toLowerCase()} = '${v}'`, env: n => `${n.toLowerCase()} = ENV.fetch("${n}")`, comment: '#' },
  php: { ext: 'php', bind: (n, v) => `$${camel(n)} = '${v}';`, env: n => `$${camel(n)} = getenv('${n}');`, comment: '//' },
  rs: { ext: 'rs', bind: (n, v) => `    let ${n.toLowerCase()} = "${v}";`, env: n => `    let ${n.toLowerCase()} = std::env::var("${n}")?;`, comment: '//' },
  swift: { ext: 'swift', bind: (n, v) => `let ${camel(n)} = "${v}"`, env: n => `let ${camel(n)} = ProcessInfo.processInfo.environment["${n}"]`, comment: '//' },
  sh: { ext: 'sh', bind: (n, v) => `export ${n}="${v}"`, env: n => `export ${n}="\${${n}:?missing}"`, comment: '#' },
  yaml: { ext: 'yaml', bind: (n, v) => `  ${n.toLowerCase()}: ${v}`, env: n => `  ${n.toLowerCase()}: \${${n}}`, comment: '#' },
  toml: { ext: 'toml', bind: (n, v) => `${n.toLowerCase()} = "${v}"`, env: n => `${n.toLowerCase()} = "\${${n}}"`, comment: '#' },
  ini: { ext: 'ini', bind: (n, v) => `${n.toLowerCase()} = ${v}`, env: n => `${n.toLowerCase()} = %(${n})s`, comment: ';' },
  properties: {
    ext: 'properties',
    bind: (n, v) => `app.${n.toLowerCase().replace(/_/g, '.')}=${v}`,
    env: n => `app.${n.toLowerCase().replace(/_/g, '.')}=\${${n}}`,
    comment: '#',
  },
  json: { ext: 'json', bind: (n, v) => `  "${camel(n)}": "${v}",`, env: n => `  "${camel(n)}": "{{ env.${n} }}",`, comment: null },
  tf: { ext: 'tf', bind: (n, v) => `  ${n.toLowerCase()} = "${v}"`, env: n => `  ${n.toLowerCase()} = var.${n.toLowerCase()}`, comment: '#' },
  env: { ext: 'env', bind: (n, v) => `${n}=${v}`, env: n => `${n}=`, comment: '#' },
  xml: { ext: 'xml', bind: (n, v) => `    <add key="${pascal(n)}" value="${v}" />`, env: n => `    <add key="${pascal(n)}" value="%${n}%" />`, comment: null },
};
const LANGS = Object.keys(SYNTAX);

function camel(name) {
  return name.toLowerCase().replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
}
function pascal(name) {
  const c = camel(name);
  return c[0].toUpperCase() + c.slice(1);
}

/** Ordinary code that talks about tokens, passwords and keys without holding any. */
const FILLER = {
  js: [
    'const token = await auth.getToken({ scopes });',
    "if (!password) throw new Error('password is required');",
    'headers.Authorization = `Bearer ${token}`;',
    'const ids = tokenizer.encode(text).slice(0, maxTokens);',
    'export function hashPassword(password, salt) { return scrypt(password, salt, 64); }',
    "const tokenKey = 'accessTokenStorageKey';",
    'const isExpired = token.expiresAt < Date.now();',
    'for (const [key, value] of Object.entries(config)) { if (key.endsWith("Secret")) redacted[key] = "****"; }',
    "logger.debug('refreshing access token for %s', user.id);",
    'module.exports = { apiKeyHeader: "X-Api-Key", tokenType: "Bearer", passwordMinLength: 12 };',
  ],
  py: [
    'token = client.acquire_token(scopes=scopes)',
    'if not password:\n    raise ValueError("password required")',
    'headers = {"Authorization": f"Bearer {token}"}',
    'def check_password(password: str, hashed: bytes) -> bool:\n    return bcrypt.checkpw(password.encode(), hashed)',
    'max_tokens = 1024',
    'SECRET_KEY_FALLBACKS = []',
    'token_type = "Bearer"',
  ],
  any: ['password_min_length = 12', 'token_ttl_seconds = 3600', 'secret_name = "prod-db-credentials"', 'api_key_header = "X-Api-Key"'],
};

/** Ordinary code that has nothing to do with secrets: most of any real file. */
const NEUTRAL = [
  'for (let i = 0; i < items.length; i++) { total += items[i].price * items[i].quantity; }',
  'import { useEffect, useState } from "react";',
  'const response = await fetch(`${baseUrl}/orders/${orderId}`, { method: "GET" });',
  'if (response.status === 404) { return null; }',
  'SELECT o.id, o.created_at, c.email FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.status = $1;',
  'def fibonacci(n: int) -> int:\n    return n if n < 2 else fibonacci(n - 1) + fibonacci(n - 2)',
  'func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) }',
  '<div className="card"><h2>{title}</h2><p>{description}</p></div>',
  'public List<Order> findByCustomer(long customerId) { return repository.findAllByCustomerId(customerId); }',
  'const formatted = new Intl.NumberFormat("en-US", { style: "currency", currency: "EUR" }).format(amount);',
  '  - name: Install dependencies\n    run: npm ci',
  'RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates',
  'logger.info("processed %d records in %.2f s", count, elapsed)',
  'export default defineConfig({ plugins: [vue()], server: { port: 5173 } });',
  '    assert_eq!(parse_duration("5m"), Ok(Duration::from_secs(300)));',
  'width: calc(100% - 2 * var(--gutter)); margin: 0 auto; display: grid;',
  '// TODO: paginate once the list grows beyond a few hundred entries',
  'const retries = Math.min(attempt * 2, 30);',
  'user.update(last_login_at: Time.current, sign_in_count: user.sign_in_count + 1)',
  '$table->timestamps(); $table->softDeletes();',
];

/** Non-secrets that look like them, by the kind of thing they are. */
function hardNegatives(g, lang) {
  const s = SYNTAX[lang];
  const uuid = () => `${g.hex(8)}-${g.hex(4)}-4${g.hex(3)}-a${g.hex(3)}-${g.hex(12)}`;
  return [
    () => s.bind('OPENAI_API_KEY', 'your-api-key-here'),
    () => s.bind('STRIPE_SECRET_KEY', `sk_live_${'x'.repeat(24)}`),
    () => s.bind('API_TOKEN', '<YOUR_API_TOKEN>'),
    () => s.bind('DB_PASSWORD', 'changeme'),
    () => s.bind('GITHUB_TOKEN', `ghp_${'X'.repeat(36)}`),
    () => s.bind('SLACK_TOKEN', 'xoxb-your-token'),
    () => s.env('ANTHROPIC_API_KEY'),
    () => s.env('DATABASE_URL'),
    () => s.env('JWT_SECRET'),
    () => s.bind('SHA256', g.hex(64)),
    () => s.bind('CHECKSUM', g.hex(40)),
    () => s.bind('COMMIT_SHA', g.hex(40)),
    () => s.bind('INTEGRITY', `sha512-${g.base64(86)}==`),
    () => s.bind('REQUEST_ID', uuid()),
    () => s.bind('TOKEN_ID', uuid()),
    () => s.bind('SESSION_ID', g.alnum(32)),
    () => s.bind('CACHE_KEY', `user:${g.hex(16)}`),
    () => s.bind('NONCE', g.base64url(22)),
    () => s.bind('BUILD_HASH', g.hex(20)),
    () => s.bind('ICON', `data:image/png;base64,${g.base64(300)}`),
    () => s.bind('TOKEN_STORAGE_KEY', 'accessTokenStorageKey'),
    () => s.bind('PASSWORD_FIELD', 'loginPasswordInput'),
    () => s.bind('TOKEN_URL', 'https://auth.acme.io/oauth2/token'),
    () => s.bind('AUTH_TOKEN_TTL', '3600s'),
    () => s.bind('AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE'),
    () => s.bind('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'),
    () => s.bind('STRIPE_KEY', `sk_test_${g.alnum(24)}`),
    () => s.bind('STRIPE_PUBLISHABLE_KEY', `pk_live_${g.alnum(24)}`),
    () => s.bind('DATABASE_URL', 'postgres://postgres:postgres@localhost:5432/app'),
    () => s.bind('REDIS_URL', 'redis://localhost:6379/0'),
    () => s.bind('DOCS_URL', 'https://user:hunter22@example.com/docs'),
    () => s.bind('VERSION', '4.18.2'),
    () => s.bind('CONFIG_PATH', './config/secrets.example.json'),
    () => s.bind('PUBLIC_KEY', `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${g.base64(43)}`),
    () => s.bind('JWT_HEADER', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9'),
    () => s.bind('PASSWORD_LABEL', 'Passwort'),
    () => s.bind('SECRET', `${'${'}SECRET_FROM_VAULT}`),
    () => s.bind('API_KEY', `{{ vault_api_key }}`),
    () => `${s.comment ?? ''} rotate the key at https://console.acme.io/settings/api-keys`,
    () => s.bind('TOKENIZER', 'bert-base-uncased'),
  ];
}

/** A secret the user should be told about, with what kind of secret it is. */
function positives(g, lang, providers, keys, pick) {
  const s = SYNTAX[lang];
  const password = () => `${g.alnum(10)}${g.chars('!@%^*+=~', 1)}${g.chars('0123456789', 2)}`;
  const pem = () => ['-----BEGIN RSA PRIVATE KEY-----', ...Array.from({ length: 12 }, () => g.base64(64)), '-----END RSA PRIVATE KEY-----'].join('\\n');
  return [
    // A provider's key, under the name a developer would give it.
    () => {
      const { name, make } = pick(providers);
      const key = make();
      return { text: s.bind(name, key), secret: key, kind: 'provider' };
    },
    () => ({ ...bindSecret(s, 'DB_PASSWORD', password()), kind: 'generic' }),
    () => ({ ...bindSecret(s, 'CLIENT_SECRET', g.base64url(40)), kind: 'generic' }),
    () => ({ ...bindSecret(s, 'SESSION_SECRET', g.alnum(48)), kind: 'generic' }),
    () => ({ ...bindSecret(s, 'WEBHOOK_SIGNING_KEY', g.hex(64)), kind: 'generic' }),
    () => {
      const pass = g.alnum(20);
      const url = `postgres://orders_app:${pass}@db-${g.hex(4)}.acme.internal:5432/orders`;
      return { text: s.bind('DATABASE_URL', url), secret: pass, kind: 'connection-string' };
    },
    () => {
      const pass = g.alnum(24);
      const url = `mongodb+srv://svc:${pass}@cluster0.${g.hex(5)}.mongodb.net/app`;
      return { text: s.bind('MONGODB_URI', url), secret: pass, kind: 'connection-string' };
    },
    () => {
      const key = pem();
      return { text: s.bind('PRIVATE_KEY', key), secret: key, kind: 'private-key' };
    },
    () => {
      const token = keys.anthropic();
      return { text: s.bind('ANTHROPIC_API_KEY', token), secret: token, kind: 'provider' };
    },
    () => {
      const key = `${g.base64(86)}==`;
      return {
        text: s.bind(
          'AZURE_STORAGE_CONNECTION_STRING',
          `DefaultEndpointsProtocol=https;AccountName=acme${g.hex(4)};AccountKey=${key};EndpointSuffix=core.windows.net`,
        ),
        secret: key,
        kind: 'provider',
      };
    },
    () => {
      const token = `${g.hex(8)}-${g.hex(4)}-4${g.hex(3)}-a${g.hex(3)}-${g.hex(12)}`;
      return { text: `//registry.npmjs.org/:_authToken=${token}`, secret: token, kind: 'provider' };
    },
    () => {
      const token = jwt(g);
      return { text: s.bind('SUPABASE_SERVICE_ROLE_KEY', token), secret: token, kind: 'token' };
    },
    () => {
      const token = g.base64url(40);
      return { text: s.bind('AUTH_HEADER', `Bearer ${token}`), secret: token, kind: 'token' };
    },
  ];
}

const b64url = text => Buffer.from(text).toString('base64url');

function jwt(g) {
  return `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(`{"iss":"supabase","ref":"${g.alnum(20)}","role":"service_role","iat":1700000000}`)}.${g.base64url(43)}`;
}

function bindSecret(syntax, name, value) {
  return { text: syntax.bind(name, value), secret: value };
}

/**
 * Generates `files` labelled files. Each label is { kind, start, end } in its file's text.
 * `secretRate` is the share of sites holding a secret (the rest hold hard negatives), and
 * `fillerPerSite` the lines of ordinary code before each site: the accuracy corpus is dense in
 * both, the speed corpus is as sparse as real code. `langs` restricts the languages.
 */
export function generateCorpus({ files, seed = 1, sitesPerFile = 14, secretRate = 0.375, fillerPerSite = 1, neutralRate = 0, langs = LANGS }) {
  const g = createKeyGen(seededRandom(seed));
  const keys = fakeKeys(g);
  const providers = providerKeyMakers(seededRandom(seed + 1));
  const pick = list => list[Math.floor(Number.parseInt(g.hex(6), 16) % list.length)];
  const corpus = [];
  for (let f = 0; f < files; f++) {
    const lang = langs[f % langs.length];
    const s = SYNTAX[lang];
    const negatives = hardNegatives(g, lang);
    const makers = positives(g, lang, providers, keys, pick);
    const filler = [...(FILLER[lang] ?? FILLER.js), ...FILLER.any];
    let text = s.comment ? `${s.comment} ${lang} service configuration, generated for the benchmark\n` : '';
    const labels = [];
    for (let i = 0; i < sitesPerFile; i++) {
      for (let j = 0; j < fillerPerSite; j++) {
        text += `${Number.parseInt(g.hex(4), 16) < neutralRate * 65536 ? pick(NEUTRAL) : pick(filler)}\n`;
      }
      if (Number.parseInt(g.hex(4), 16) < secretRate * 65536) {
        const p = pick(makers)();
        const at = text.length + p.text.indexOf(p.secret);
        labels.push({ kind: p.kind, start: at, end: at + p.secret.length });
        text += `${p.text}\n`;
      } else {
        text += `${pick(negatives)()}\n`;
      }
    }
    corpus.push({ name: `file-${f}.${s.ext}`, text, labels });
  }
  return corpus;
}
