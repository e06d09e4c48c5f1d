import { decodeBase64 } from '../base64';
import type { KeyGen, Rule } from '../types';

/** `user:password` with a password of at least 3 visible characters. */
export function isUserColonPassword(decoded: string | undefined): boolean {
  return decoded !== undefined && /^[^:\s]{1,200}:\S{3,}$/.test(decoded);
}

const b64url = (s: string): string => btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** A JWT with a real-looking header and payload and a random signature. */
function jwt(g: KeyGen): string {
  const header = b64url('{"alg":"HS256","typ":"JWT"}');
  const payload = b64url(`{"sub":"${g.hex(12)}","role":"service_role","iat":1700000000}`);
  return `${header}.${payload}.${g.base64url(43)}`;
}

/** Bearer tokens, Basic credentials and JWTs: credentials by their shape or their header. */
export const tokenRules: Rule[] = [
  {
    id: 'jwt',
    provider: 'JSON Web Token',
    description: 'token',
    pattern: /(?<![\w-])eyJ[\w-]{8,2000}\.eyJ[\w-]{8,8000}\.[\w-]{16,2000}(?![\w-])/,
    keywords: ['eyj'],
    prefilter: { anchored: true },
    minEntropy: 4,
    // The header must decode to JSON that names a signing algorithm; anything else is not a JWT.
    refine: ({ secret }) => (/"alg"\s*:/.test(decodeBase64(secret.slice(0, secret.indexOf('.'))) ?? '') ? {} : undefined),
    envVar: 'JWT_TOKEN',
    severity: 'warning',
    confidence: 'medium',
    maskPrefix: /^eyJ/,
    examples: {
      positive: g => [`const serviceRoleKey = "${jwt(g)}";`, `Authorization: ${jwt(g)}`],
      negative: () => ['token = "eyJhbGciOiJIUzI1NiJ9"'],
    },
  },
  {
    id: 'bearer-token',
    provider: 'HTTP',
    description: 'bearer token',
    // Anchored on "Bearer"; what must precede it (an Authorization header or a quote) is looked behind.
    // .NET splits scheme and token: `new AuthenticationHeaderValue("Bearer", "…")`.
    pattern:
      /(?<=(?:[Aa]uthorization["']?[ \t]{0,3}[:=,][ \t]{0,3}["'`]?|["'`]|[=:][ \t]{0,3}))Bearer(?:[ \t]{1,3}|(?<=["']Bearer)["'][ \t]{0,3},[ \t]{0,3}@?["'])([\w.~+/-]{20,1000}={0,2})/,
    keywords: ['bearer'],
    prefilter: { anchored: true },
    secretGroup: 1,
    minEntropy: 3.5,
    envVar: 'API_TOKEN',
    severity: 'error',
    confidence: 'medium',
    examples: {
      positive: g => [
        `headers: { Authorization: "Bearer ${g.base64url(40)}" }`,
        `curl -H 'Authorization: Bearer ${g.alnum(32)}' https://api.acme.io`,
        `client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "${g.base64url(40)}");`,
      ],
      negative: () => ['headers: { Authorization: `Bearer ${token}` }', 'Authorization: Bearer <token>', 'const scheme = "Bearer";'],
    },
  },
  {
    id: 'basic-auth-header',
    provider: 'HTTP',
    description: 'Basic credentials',
    pattern: /(?<=(?:[Aa]uthorization["']?[ \t]{0,3}[:=,][ \t]{0,3}["'`]?|["'`]|[=:][ \t]{0,3}))Basic[ \t]{1,3}([A-Za-z0-9+/]{8,500}={0,2})/,
    keywords: ['basic'],
    prefilter: { anchored: true },
    secretGroup: 1,
    minEntropy: 3,
    // Basic credentials are base64("user:password"); other base64 after "Basic" is not.
    refine: ({ secret }) => (isUserColonPassword(decodeBase64(secret)) ? {} : undefined),
    envVar: 'BASIC_AUTH',
    severity: 'error',
    confidence: 'medium',
    examples: {
      positive: g => [`req.setRequestHeader("Authorization", "Basic ${btoa(`admin:${g.alnum(16)}`)}");`],
      negative: () => ['Authorization: Basic ${BASIC_AUTH}', 'const scheme = "Basic realm"'],
    },
  },
];
