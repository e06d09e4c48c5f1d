import { basename, dirname, join } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { EXIT_BY_CODE, filesAsRules, npmPackageMessage, packageFacts } from '../../core/exits';
import { ignorePatternFor, SECRET_FILE_KINDS, type SecretFileKind } from '../../core/hygiene';
import { candidates, type ExitCheckOptions, kindOf, readConfig, secretFilesIn } from './secret-files';

/**
 * npm publish as an exit: a package (a package.json without `"private": true`) whose packed files
 * would include a secret file. What is packed is judged by npm's own rules: the `files` entries
 * (anchored at the root, `!` entries leaving paths out), then in each folder its `.npmignore`, or
 * its `.gitignore` when it has none (the root's ones do not count once `files` is set); `.npmrc`
 * is never packed. Tests hold the answer equal to the real `npm pack --dry-run --json`.
 */

const CODE = 'secret-file-in-npm-package';
const SEVERITY = EXIT_BY_CODE.get(CODE)!.severity;

export interface NpmPackageFinding {
  code: string;
  severity: typeof SEVERITY;
  packageJson: string;
  /** Where the diagnostic goes in package.json: the `files` key, else `name` (zero-based, as editors count, a BOM aside). */
  line: number;
  startColumn: number;
  endColumn: number;
  file: string;
  relativePath: string;
  kind: SecretFileKind;
  /** The fix: a `!path` entry in `files`, or a pattern in an ignore file. */
  fix: { kind: 'files'; entry: string } | { kind: 'ignore-file'; path: string; pattern: string };
  message: string;
}

export interface NpmPackageOptions extends ExitCheckOptions {
  /** package.json's text (an open document's); else read from disk. */
  text?: string;
}

export async function checkNpmPackage(packageJson: string, options: NpmPackageOptions = {}): Promise<NpmPackageFinding[]> {
  const root = dirname(packageJson);
  const kinds = options.kinds ?? SECRET_FILE_KINDS;
  // The secret files first (the run's one walk, each file judged once): a package with none below
  // it, nearly every one, is judged without reading its ignore files (a scan of 414 packages spent
  // 330 ms on those reads).
  const judge = options.kindOf ?? kindOf;
  const found = await secretFilesIn(root, kinds, options.walk ?? candidates, judge);
  if (found.length === 0) return [];
  const text = options.text ?? (await (options.read ?? readConfig)(packageJson));
  const facts = text === undefined ? undefined : packageFacts(text);
  if (!facts || facts.private) return [];
  const read = options.read ?? readConfig;
  const rules = facts.files ? filesAsRules(facts.files) : undefined;
  const files = rules ? { named: ignore().add(rules.named), leftOut: ignore().add(rules.leftOut) } : undefined;
  const ignoreFiles = new Map<string, Promise<{ name: string; rules: Ignore } | undefined>>();
  const ignoreFileOf = (dir: string) => {
    let found = ignoreFiles.get(dir);
    if (!found) {
      found = (async () => {
        for (const name of ['.npmignore', '.gitignore']) {
          const content = await read(join(root, dir, name));
          if (content !== undefined) return { name, rules: ignore().add(content) };
        }
        return undefined;
      })();
      ignoreFiles.set(dir, found);
    }
    return found;
  };
  // Where a fix without `files` goes: the root .npmignore npm reads, else its .gitignore.
  const rootIgnore = (await read(join(root, '.npmignore'))) !== undefined ? '.npmignore' : '.gitignore';
  const findings: NpmPackageFinding[] = [];
  for (const { file, relativePath, kind } of found) {
    if (basename(relativePath) === '.npmrc') continue;
    // With `files`, only what an entry names is packed ("ignores" here: matched by an entry).
    if (files && (!files.named.ignores(relativePath) || files.leftOut.ignores(relativePath))) continue;
    if (await leftOutByIgnoreFiles(relativePath, !!files, ignoreFileOf)) continue;
    const pattern = ignorePatternFor(kind, relativePath);
    const fix: NpmPackageFinding['fix'] = facts.files
      ? { kind: 'files', entry: `!${relativePath}` }
      : { kind: 'ignore-file', path: join(root, rootIgnore), pattern };
    findings.push({
      code: CODE,
      severity: SEVERITY,
      packageJson,
      ...positionOf(text!, facts.anchor),
      file,
      relativePath,
      kind,
      fix,
      message: npmPackageMessage({
        relativePath,
        description: kind.description,
        fix: fix.kind === 'files' ? `add "${fix.entry}" to "files" in package.json` : `add ${pattern} to ${rootIgnore}`,
      }),
    });
  }
  return findings;
}

/** A span's line and columns, counted without a BOM (as editors count). */
function positionOf(text: string, span: { start: number; end: number }): { line: number; startColumn: number; endColumn: number } {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const start = Math.max(0, span.start - bom);
  const before = text.slice(bom, bom + start);
  const line = before.split('\n').length - 1;
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line, startColumn: start - lineStart, endColumn: Math.max(0, span.end - bom) - lineStart };
}

/**
 * Whether the folders' ignore files leave a path out, each folder's rules after its parent's (a
 * `!` line below can take a path back), as npm's walk applies them. The root's own count only
 * without `files`.
 */
async function leftOutByIgnoreFiles(
  relativePath: string,
  withFiles: boolean,
  ignoreFileOf: (dir: string) => Promise<{ name: string; rules: Ignore } | undefined>,
): Promise<boolean> {
  const parts = relativePath.split('/');
  let out = false;
  for (let depth = withFiles ? 1 : 0; depth < parts.length; depth++) {
    const dir = parts.slice(0, depth).join('/');
    const own = await ignoreFileOf(dir);
    if (!own) continue;
    const verdict = own.rules.test(parts.slice(depth).join('/'));
    if (verdict.ignored) out = true;
    else if (verdict.unignored) out = false;
  }
  return out;
}
