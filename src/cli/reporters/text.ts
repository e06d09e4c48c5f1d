import type { HygieneProblem } from '../../core/hygiene';
import { maskFoundSecrets, rotationOf, type Severity } from '../../core';
import type { FileFinding, Reporter, ScanReport } from './reporter';

const HYGIENE_SHORT: Record<HygieneProblem, string> = {
  tracked: 'committed to git: untrack it and rotate its keys',
  'not-ignored': 'not git-ignored',
  'unignore-rule': 'this line makes git include a secret file',
};

const SGR = { bold: '1', dim: '2', red: '31', yellow: '33', cyan: '36' } as const;
const SEVERITY_COLOR: Record<Severity, keyof typeof SGR> = { error: 'red', warning: 'yellow', info: 'cyan' };

/**
 * `file:line:col  rule  masked-value`, one line per finding, 1-based like compilers print; then
 * the secret files git would commit, `file:line:col  check  what is wrong`. In a terminal the
 * place is bold and the rule coloured by severity.
 */
export const textReporter: Reporter & {
  findingLine(found: FileFinding, color: boolean): string;
  hygieneLines(report: Pick<ScanReport, 'hygiene' | 'exits'>, color: boolean): string;
} = {
  format(report, { color }) {
    return report.findings.map(f => textReporter.findingLine(f, color)).join('') + textReporter.hygieneLines(report, color);
  },
  /** One finding's line: the CLI prints it as soon as the file is scanned. */
  findingLine({ file, finding: f, history }, color) {
    const where = `${paint(color, 'bold', `${printable(file, true)}:${f.line + 1}:${f.column + 1}`)}  ${paint(color, SEVERITY_COLOR[f.severity], f.ruleId)}  ${printable(f.masked)}`;
    if (!history) return `${where}\n`;
    // The history scan: one line per secret, where it first came in and whether it is still there.
    const first = history.commit
      ? `first committed in ${history.commit.slice(0, 7)} on ${history.date.slice(0, 10)} by ${printable(maskFoundSecrets(history.author))}`
      : 'in history';
    const now = history.inHead ? 'still in HEAD' : 'removed since, still in history';
    const page = rotationOf(f).page;
    return `${where}  ${first}; ${now}: rotate it${page ? ` (${page})` : ''}\n`;
  },
  hygieneLines({ hygiene, exits }, color) {
    return (
      hygiene
        .map(
          h =>
            `${paint(color, 'bold', `${printable(h.file, true)}:${h.line + 1}:1`)}  ${paint(color, SEVERITY_COLOR[h.severity], h.code)}  ${HYGIENE_SHORT[h.problem]}\n`,
        )
        .join('') +
      exits
        .map(
          e =>
            `${paint(color, 'bold', `${printable(e.file, true)}:${e.line + 1}:${e.column + 1}`)}  ${paint(color, SEVERITY_COLOR[e.severity], e.code)}  ${printable(e.message)}\n`,
        )
        .join('')
    );
  },
};

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\\': '\\\\' };

/**
 * Text from the scanned files (a file's name, the masked text around a secret) as it may be
 * printed: control characters, which could move the cursor, rewrite the line or forge another
 * (ESC sequences, CR, backspace, newline), become escapes (`\x1b`, `\r`), as git quotes such names;
 * and a path starting `::`, which a CI runner would read as a workflow command, gets `./` before it.
 * A path's secrets (a file named after a key) are masked.
 */
export function printable(text: string, isPath = false): string {
  if (isPath && text === lastPath.text) return lastPath.printed; // a file's findings print its name on each line
  // A name may hold a key itself (`sk-ant-….txt`): shown masked, as a found key is.
  const escaped = (isPath ? maskFoundSecrets(text) : text).replace(/[\x00-\x1f\x7f-\x9f\\\u2028\u2029]/g, c => ESCAPES[c] ?? hexEscape(c.charCodeAt(0)));
  if (!isPath) return escaped;
  const printed = escaped.startsWith('::') ? `./${escaped}` : escaped;
  lastPath = { text, printed };
  return printed;
}

/** The last path made printable, and how: masking a name runs the scanner over it. */
let lastPath = { text: '', printed: '' };

/**
 * Lines for a stream, written a batch at a time: one write per finding costs a system call each,
 * which for a file of a hundred thousand findings was most of the run. What is held is written
 * once the current turn of work ends (a file's findings come together) or 64 KB have gathered.
 */
export function batchedWriter(write: (text: string) => void): { line(text: string): void; flush(): void } {
  let held = '';
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (held === '') return;
    const out = held;
    held = '';
    write(out);
  };
  return {
    line(text) {
      held += text;
      if (held.length >= 65_536) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}

const hexEscape = (code: number): string => (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);

function paint(color: boolean, style: keyof typeof SGR, s: string): string {
  return color ? `\x1b[${SGR[style]}m${s}\x1b[0m` : s;
}
