import type { Lang } from '../language';
import { envReads } from './reads';

/** An env value that a logging call writes out: one secret by name, or the whole environment. */
export interface LoggedEnv {
  /** Offsets of the env read (or of the whole-environment expression) inside the call. */
  start: number;
  end: number;
  /** The variable, when one is read by name; absent when the whole environment is logged. */
  name?: string;
  /** The expression as written: `process.env`, `os.environ`, `ENV`, `os.Environ()`. */
  expression: string;
}

interface Logging {
  /** The start of a logging call, up to its `(` (or, in Ruby, the space before unparenthesised arguments). */
  call: RegExp;
  /** The whole environment, as an expression (not a read of one name from it). */
  whole: RegExp;
}

const JS: Logging = {
  call: /\b(?:console\.(?:log|info|warn|error|debug|trace|dir|table)|(?:logger|log|winston|pino|fastify\.log|req\.log|this\.logger|this\.log)\.(?:log|info|warn|error|debug|trace|fatal|verbose|silly)|process\.std(?:out|err)\.write)\s*\(/g,
  whole: /(?<!Object\.keys\(\s*)\b(?:process\.env|import\.meta\.env|Bun\.env|Deno\.env\.toObject\(\))(?!\s*(?:\.|\[|\?\.)\s*[\w'"`])/g,
};

const LOGGING: Partial<Record<Lang, Logging>> = {
  javascript: JS,
  typescript: JS,
  python: {
    call: /\b(?:print|pprint(?:\.pprint)?|(?:logging|logger|log|_logger|LOGGER|_log|self\.logger|self\.log|app\.logger|current_app\.logger)\.(?:debug|info|warning|warn|error|critical|exception|log)|sys\.std(?:out|err)\.write)\s*\(/g,
    whole: /\bos\.environ\b(?!\s*(?:\[|\.(?:get|setdefault|pop|keys|__getitem__)\b))/g,
  },
  go: {
    call: /\b(?:fmt\.(?:Print|Println|Printf|Fprint|Fprintln|Fprintf)|log\.(?:Print|Println|Printf|Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln)|slog\.(?:Info|Debug|Warn|Error|Log)|(?:logger|log|sugar|l)\.(?:Info|Infof|Infow|Debug|Debugf|Debugw|Warn|Warnf|Warnw|Error|Errorf|Errorw|Print|Printf|Println))\s*\(/g,
    whole: /\bos\.Environ\(\)/g,
  },
  ruby: {
    call: /(?:^|[^\w.:])(?:puts|p|pp|print|warn|(?:logger|Rails\.logger|log|@logger)\.(?:debug|info|warn|error|fatal|unknown))(?:\s*\(|[ \t]+(?=[^\s=]))/gm,
    whole: /\bENV\b(?!\s*(?:\[|\.(?:fetch|key\?|has_key\?|include\?|keys|values_at|dig)\b))/g,
  },
};

/** Names that say a value is a credential: API_KEY, DB_PASSWORD, STRIPE_SECRET_KEY, GITHUB_TOKEN, … */
const CREDENTIAL =
  /(?:^|_)(?:SECRET|SECRETS|PASSWORD|PASSWD|PWD|PASS|PASSPHRASE|TOKEN|APIKEY|KEY|PRIVATE|CREDENTIAL|CREDENTIALS|AUTH|DSN|CONNECTION_STRING|SALT)(?:_|$)|(?:^|_)(?:DATABASE|DB|REDIS|MONGO(?:DB)?)_?UR[LI](?:_|$)/;
/** Names that look like credentials but are not: identifiers, public keys, paths to key files. */
const NOT_CREDENTIAL = /(?:^|_)(?:ID|PATH|FILE|DIR|NAME|REGION|ALGORITHM|LENGTH|SIZE|TTL|EXPIRY|EXPIRES|TYPE)$|(?:^|_)(?:PUBLIC|PUBLISHABLE|ANON)(?:_|$)/;

/** Whether an env var's name says it holds a credential (`apiKey` and `api-key` read as API_KEY). */
export function isCredentialName(name: string): boolean {
  const upper = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
  return CREDENTIAL.test(upper) && !NOT_CREDENTIAL.test(upper);
}

/** How far a call's arguments may run: logging calls are short, and an unbalanced one stops here. */
const MAX_ARGUMENTS = 2000;

/** The arguments of the call whose head ends at `from`: to the matching `)`, or to the line's end without one. */
function argumentSpan(text: string, from: number, parenthesised: boolean): [number, number] {
  if (!parenthesised) {
    const eol = text.indexOf('\n', from);
    return [from, eol === -1 ? text.length : eol];
  }
  let depth = 1;
  const limit = Math.min(text.length, from + MAX_ARGUMENTS);
  for (let i = from; i < limit; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return [from, i];
  }
  return [from, limit];
}

/**
 * Env values written to logs or standard output: a read of a credential-named variable inside a
 * logging call (`console.log(process.env.API_KEY)`, `logger.info(os.getenv("API_KEY"))`), and the
 * whole environment logged (`console.log(process.env)`, `print(os.environ)`). JavaScript and
 * TypeScript, Python, Go and Ruby; other languages return nothing.
 */
export function loggedEnvValues(text: string, lang: Lang): LoggedEnv[] {
  const logging = LOGGING[lang];
  if (!logging) return [];
  const found: LoggedEnv[] = [];
  const seen = new Set<number>();
  logging.call.lastIndex = 0;
  for (let m = logging.call.exec(text); m; m = logging.call.exec(text)) {
    const head = m.index + m[0].length;
    const [from, to] = argumentSpan(text, head, m[0].trimEnd().endsWith('('));
    const args = text.slice(from, to);
    for (const read of envReads(args)) {
      if (isCredentialName(read.name) && !seen.has(from + read.start)) {
        seen.add(from + read.start);
        found.push({ start: from + read.start, end: from + read.end, name: read.name, expression: args.slice(read.start, read.end) });
      }
    }
    logging.whole.lastIndex = 0;
    for (let w = logging.whole.exec(args); w; w = logging.whole.exec(args)) {
      if (!seen.has(from + w.index)) {
        seen.add(from + w.index);
        found.push({ start: from + w.index, end: from + w.index + w[0].length, expression: w[0] });
      }
    }
    // Nested logging calls are found by the outer one; go on after its arguments.
    logging.call.lastIndex = Math.max(logging.call.lastIndex, to);
  }
  return found.sort((a, b) => a.start - b.start);
}

/** What the diagnostic says: which value, and why it matters. */
export function loggedEnvMessage(logged: LoggedEnv): string {
  return logged.name
    ? `This logs the value of ${logged.name}, a secret by its name. Logs are kept, shipped and read by many: log that it is set, not what it is.`
    : `This logs the whole environment (${logged.expression}), every secret in it included. Log the few names you need, never the values of keys.`;
}

/**
 * The quick fix for a logged env value: log whether the variable is set (`'API_KEY' in
 * process.env`), or the names of the environment rather than its values. Undefined where no
 * rewrite keeps the code valid (the expression goes on with `.something`, Go's whole environment).
 */
export function loggedEnvFix(text: string, logged: LoggedEnv, lang: Lang): { title: string; newText: string } | undefined {
  const quote = /['"`]/.exec(logged.expression)?.[0] ?? (lang === 'go' ? '"' : "'");
  const literal = (name: string): string => `${quote}${name}${quote}`;
  if (logged.name) {
    const title = `Log whether ${logged.name} is set, not its value`;
    const object = /^(?:process\.env|import\.meta\.env|Bun\.env)/.exec(logged.expression)?.[0];
    switch (lang) {
      case 'javascript':
      case 'typescript':
        return object ? { title, newText: `(${literal(logged.name)} in ${object})` } : undefined;
      case 'python':
        return { title, newText: `(${literal(logged.name)} in os.environ)` };
      case 'go':
        return /^os\.Getenv\(/.test(logged.expression) ? { title, newText: `(os.Getenv("${logged.name}") != "")` } : undefined;
      case 'ruby':
        return { title, newText: `ENV.key?(${literal(logged.name)})` };
      default:
        return undefined;
    }
  }
  // The whole environment: its names only, when nothing follows that expects the values.
  if (/^\s*[.([]/.test(text.slice(logged.end, logged.end + 20))) return undefined;
  const title = 'Log the names only, not the values';
  switch (lang) {
    case 'javascript':
    case 'typescript':
      return { title, newText: `Object.keys(${logged.expression})` };
    case 'python':
      return { title, newText: 'sorted(os.environ)' };
    case 'ruby':
      return { title, newText: 'ENV.keys' };
    default:
      return undefined;
  }
}
