import { shannonEntropy } from '../entropy';
import { isPlaceholder, isWordy } from '../filters';
import { readDotenv } from './entries';

/** Names that say the value is a credential, whatever it looks like (`DB_PASS=hunter2`). */
const SECRET_NAME =
  /secret|token|passw(?:or)?d|pass(?:phrase)?$|pwd|(?:^|_)key(?:$|_)|api_?key|credential|auth|private|signing|salt|dsn|cookie|session|webhook|cert/i;
/** Values no one keeps secret: numbers, switches, empty markers. */
const PLAIN_VALUE = /^(?:true|false|yes|no|on|off|null|none|nil|-?\d+(?:\.\d+)?)$/i;
/** A URL without user or password (a connection string with one is a secret). */
const URL_WITHOUT_CREDENTIALS = /^[a-z][a-z\d+.-]*:\/\/[^\s/@]+(?:[/?#][^\s@]*)?$/i;

/**
 * The lines of an env file whose value may show while the rest stay masked: values no one needs
 * hidden (`PORT=3000`, `DEBUG=true`, `NODE_ENV=development`, a URL without a password) and
 * placeholders (`your-api-key-here`). Masking errs on the side of hiding: a value the scanner
 * flags, one under a name that says secret, a long random-looking one, a value over several lines
 * and a commented-out one stay masked. `flags` says whether the scanner finds a secret in a line.
 */
export function plainValueLines(text: string, flags: (line: string) => boolean): number[] {
  const lines: number[] = [];
  let line = 0;
  let counted = 0;
  const lineOf = (offset: number): number => {
    for (let i = text.indexOf('\n', counted); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
      line++;
      counted = i + 1;
    }
    return line;
  };
  for (const entry of readDotenv(text).entries) {
    const raw = text.slice(entry.valueStart, entry.valueEnd);
    if (raw.includes('\n') || !isPlain(entry.name, entry.value, () => flags(`${entry.name}=${raw}`))) continue;
    lines.push(lineOf(entry.valueStart));
  }
  return lines;
}

function isPlain(name: string, value: string, flagged: () => boolean): boolean {
  if (value.trim() === '' || isPlaceholder(value)) return true;
  if (flagged() || SECRET_NAME.test(name)) return false;
  if (PLAIN_VALUE.test(value) || URL_WITHOUT_CREDENTIALS.test(value)) return true;
  // Short words, hosts and paths show; long random-looking values do not.
  return value.length < 16 || (isWordy(value) && shannonEntropy(value) < 4);
}
