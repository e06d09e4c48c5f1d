import type { KeyGen, MatchContext, Refinement, Rule } from '../types';
import { stretchVeto } from './blocks';

/**
 * Passwords that only ever appear as defaults in examples, tutorials and local docker-compose
 * files. Reporting them would cry wolf; `isPlaceholder` already covers "password" and "changeme".
 */
const DEFAULT_PASSWORDS = new Set([
  'pass',
  'pw',
  'pwd',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'password1',
  'password123',
  'admin',
  'admin123',
  'root',
  'toor',
  'guest',
  'postgres',
  'mysql',
  'redis',
  'rabbitmq',
  'mongo',
  'mongodb',
  'sa',
  'oracle',
  'default',
  'user',
  'username',
  'letmein',
  'qwerty',
  '123456',
  '12345678',
  'secret123',
  'mypassword',
  'yourpassword',
  'pa55word',
  'dbpassword',
  'dbpass',
  'foo',
  'bar',
  'baz',
  'qux',
  'xyz',
  'abc',
  'abc123',
  'pass123',
  'hunter2',
]);

/** Documentation domains (RFC 2606 and 6761): credentials for them are examples. */
const EXAMPLE_HOST = /(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|localhost\.localdomain)$/i;

/** Hosts that mean "this machine" or a compose service: a password there is usually a local default. */
const LOCAL_HOST = /^(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|host\.docker\.internal|db|database|postgres|mysql|mongo|redis|rabbitmq)$/i;

/** Whether a password is a known default, or the user name repeated. */
export function isDefaultPassword(password: string, user?: string): boolean {
  const p = decodeURIComponentSafe(password).toLowerCase();
  return DEFAULT_PASSWORDS.has(p) || p.length < 3 || (user !== undefined && p === user.toLowerCase());
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Drops defaults; a real-looking password for a local host is a warning, not an error. */
function refineUrlPassword({ match }: MatchContext): Refinement | undefined {
  const [, user, password, host] = match;
  if (password === undefined || isDefaultPassword(password, user) || (host !== undefined && EXAMPLE_HOST.test(host))) {
    return undefined;
  }
  return host !== undefined && LOCAL_HOST.test(host) ? { severity: 'warning' } : {};
}

/** A URL-shaped connection string: `scheme://user:password@host…`; the secret is the password. */
function databaseUrl(id: string, provider: string, schemes: string, envVar: string, example: (g: KeyGen) => string): Rule {
  return {
    id,
    provider,
    description: 'connection string password',
    pattern: new RegExp(`(?<![\\w+.-])(?:${schemes})://([^\\s:@/"'<>]{0,64}):([^\\s@/"'<>]{1,128})@([\\w.-]{1,253})(?::\\d{1,5})?(?:/[\\w.-]{0,64})?`),
    keywords: schemes.split('|').map(s => `${s.replace(/\\/g, '')}://`),
    prefilter: { anchored: true },
    secretGroup: 2,
    envVar,
    severity: 'error',
    confidence: 'high',
    maskInContext: true,
    refine: refineUrlPassword,
    examples: {
      positive: g => [example(g), `DATABASE_URL="${example(g)}"`],
      negative: g => [
        example(g).replace(/:[^:@/]+@/, ':password@'),
        example(g).replace(/:[^:@/]+@/, ':${DB_PASSWORD}@'),
        example(g).replace(/\/\/[^@]+@/, '//'),
      ],
    },
  };
}

const password = (g: KeyGen): string => g.alnum(20);

/** Connection strings and URLs carrying a password. */
export const connectionStringRules: Rule[] = [
  databaseUrl(
    'postgres-connection-string',
    'PostgreSQL',
    'postgres|postgresql',
    'DATABASE_URL',
    g => `postgres://app:${password(g)}@db.acme.internal:5432/orders`,
  ),
  databaseUrl('mysql-connection-string', 'MySQL', 'mysql|mysql2|mariadb', 'DATABASE_URL', g => `mysql://app:${password(g)}@mysql.acme.internal:3306/shop`),
  databaseUrl(
    'mongodb-connection-string',
    'MongoDB',
    'mongodb|mongodb\\+srv',
    'MONGODB_URI',
    g => `mongodb+srv://app:${password(g)}@cluster0.ab1cd.mongodb.net/orders`,
  ),
  databaseUrl('redis-connection-string', 'Redis', 'redis|rediss', 'REDIS_URL', g => `rediss://:${password(g)}@cache.acme.internal:6380/0`),
  databaseUrl('amqp-connection-string', 'AMQP (RabbitMQ)', 'amqp|amqps', 'AMQP_URL', g => `amqps://worker:${password(g)}@mq.acme.internal:5671/prod`),
  {
    id: 'ado-connection-string-password',
    provider: 'Database',
    description: 'connection string password (ADO.NET style)',
    pattern: /(?:Server|Data Source|Host|Address)\s{0,3}=[^;"'\n]{1,200};[^"'\n]{0,400}?(?:Password|Pwd)\s{0,3}=\s{0,3}([^;"'\n]{1,128})/i,
    keywords: ['server', 'data source', 'host', 'address'],
    prefilter: { anchored: true, near: { chars: '=', through: ' \t', within: 20 } },
    secretGroup: 1,
    envVar: 'DATABASE_CONNECTION_STRING',
    severity: 'error',
    confidence: 'high',
    // Minified code (`s.host=r.host,…;…s.password=r.password,…`) is no connection string: its
    // "password" is a member read, followed by more code.
    refine: ({ secret }) => (isDefaultPassword(secret.trim()) || /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+[,)}]/.test(secret.trim()) ? undefined : {}),
    examples: {
      positive: g => [
        `"Server=tcp:acme.database.windows.net,1433;Initial Catalog=orders;User ID=app;Password=${password(g)};Encrypt=True;"`,
        `Host=db.acme.internal;Database=shop;Username=app;Pwd=${password(g)}`,
      ],
      negative: () => ['"Server=localhost;Database=orders;User ID=sa;Password=${DB_PASSWORD};"', 'Server=db;Database=x;Integrated Security=true;'],
    },
  },
  {
    id: 'jdbc-connection-string-password',
    provider: 'JDBC',
    description: 'connection string password',
    pattern: /jdbc:[a-z0-9]{2,20}(?::[a-z0-9]{2,20})?:(?:[^\s"'<>]{1,300}?[?&;]password=([^&;\s"'<>]{1,128})|@?([^\s/"'@:]{1,64})\/([^\s@"']{1,128})@)/i,
    keywords: ['jdbc:'],
    // Both forms need an `=` (password=) or an `@` (user/pass@) before the first space or quote.
    prefilter: { anchored: true, vetoAt: stretchVeto(' \t\r\n"\'<>', '=@', 20 + 1 + 20 + 1 + 300 + 1) },
    secretGroup: [1, 3],
    envVar: 'JDBC_URL',
    severity: 'error',
    confidence: 'high',
    maskInContext: true,
    refine: ({ secret }) => (isDefaultPassword(secret) ? undefined : {}),
    examples: {
      positive: g => [
        `spring.datasource.url=jdbc:mysql://db.acme.internal:3306/shop?user=app&password=${password(g)}`,
        `url = "jdbc:oracle:thin:app/${password(g)}@db.acme.internal:1521/ORCL"`,
      ],
      negative: () => ['jdbc:postgresql://db:5432/orders?user=app&password=${DB_PASSWORD}', 'jdbc:h2:mem:test'],
    },
  },
  {
    id: 'url-credentials',
    provider: 'URL',
    description: 'password in a URL',
    // Anchored on "://" so the scanner finds candidates fast; the scheme is checked behind it.
    pattern: /(?<=(?<![\w+.-])([a-z][a-z0-9+.-]{1,20})):\/\/([^\s:@/"'<>]{1,64}):([^\s@/"'<>]{3,128})@([\w.-]{1,253})/,
    keywords: ['://'],
    // The user-info part ends in "@" before any "/" of the path.
    prefilter: { anchored: true, near: { chars: '@', through: ":.~%!$&'()*+,;=-", within: 200 } },
    secretGroup: 3,
    envVar: 'SERVICE_URL',
    severity: 'error',
    confidence: 'medium',
    maskInContext: true,
    refine: ({ match }) => {
      const [, , user, pass, host] = match;
      if (pass === undefined || isDefaultPassword(pass, user) || (host !== undefined && EXAMPLE_HOST.test(host))) {
        return undefined;
      }
      return host !== undefined && LOCAL_HOST.test(host) ? { severity: 'warning' } : {};
    },
    examples: {
      positive: g => [
        `git clone https://oauth2:${g.alnum(32)}@gitlab.acme.io/platform/api.git`,
        `proxy = "http://svc-deploy:${g.alnum(16)}@proxy.acme.io:3128"`,
      ],
      negative: () => ['https://user:password@example.com', 'https://${USER}:${TOKEN}@github.com/acme/x.git', 'git@github.com:acme/x.git'],
    },
  },
];
