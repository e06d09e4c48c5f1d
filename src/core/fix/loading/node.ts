import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { minVersion } from 'semver';
import type { TextEdit } from '../text-edit';
import { addJsonDependency, installFirst } from './install-first';
import type { EnvLoading, LoadingInput } from './types';
import { afterLast, afterLeading, dirOf, insertLinesAt, relativeTo } from './text';

interface PackageJson {
  private?: boolean;
  exports?: unknown;
  type?: string;
  main?: string;
  bin?: string | Record<string, string>;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  engines?: { node?: string };
}

function readPackage(text: string | undefined): PackageJson | undefined {
  if (text === undefined) return undefined;
  try {
    const pkg: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return pkg && typeof pkg === 'object' ? (pkg as PackageJson) : undefined;
  } catch {
    return undefined;
  }
}

/** Frameworks that load `.env` into `process.env` themselves, by the dependency that marks them. */
const FRAMEWORKS: Array<[RegExp, string]> = [
  [/^next$/, 'Next.js'],
  [/^nuxt$/, 'Nuxt'],
  [/^@sveltejs\/kit$/, 'SvelteKit'],
  [/^astro$/, 'Astro'],
  [/^@remix-run\/dev$/, 'Remix'],
  [/^@react-router\/dev$/, 'React Router'],
  [/^@nestjs\/config$/, "NestJS's ConfigModule"],
  [/^@redwoodjs\/core$/, 'RedwoodJS'],
  [/^gatsby$/, 'Gatsby'],
];

/** A script that loads `.env` before the program starts, and what does it. */
const SCRIPT_LOADERS: Array<[RegExp, string]> = [
  [/--env-file(?:-if-exists)?\b/, "Node's --env-file"],
  [/(?:-r|--require|--import)[= ]+dotenv\/config\b/, 'dotenv/config, preloaded'],
  [/(?:^|[\s;&|])(?:dotenv|dotenvx)\s+(?:run\b|-e\b|-c\b|--)/, 'dotenv-cli'],
  [/(?:^|[\s;&|])env-cmd\b/, 'env-cmd'],
  [/(?:^|[\s;&|])bun(?:x)?\s/, 'Bun, which loads .env itself'],
];

/** Code that loads `.env`: dotenv, dotenvx, or Node's own loader. */
const CODE_LOADER = /dotenv\/config|\bloadEnvFile\s*\(|@dotenvx\/dotenvx|\bdotenv\.config\s*\(|require\(\s*['"]dotenv['"]\s*\)\s*\.config\s*\(/;

const RUNNERS = /^(?:node|nodemon|tsx|ts-node|ts-node-dev|node-dev)$/;
/** Node options that take the next word as their value. */
const VALUE_OPTIONS = /^(?:-r|--require|--import|--loader|--experimental-loader|-C|--conditions|--watch-path|--env-file)$/;

/** How `npm start` (or the first script that runs node) starts the program: the runner and its script file. */
function startCommand(pkg: PackageJson): { script: string; runner: string; file?: string } | undefined {
  for (const script of ['start', 'dev', 'serve']) {
    const line = pkg.scripts?.[script];
    if (!line) continue;
    const words = line.split(/\s+/).filter(Boolean);
    const at = words.findIndex(w => RUNNERS.test(w));
    if (at < 0) continue;
    let file: string | undefined;
    for (let i = at + 1; i < words.length; i++) {
      if (words[i].startsWith('-')) {
        if (VALUE_OPTIONS.test(words[i])) i++;
        continue;
      }
      if (!/[;&|]/.test(words[i])) file = words[i].replace(/^\.\//, '');
      break;
    }
    return { script, runner: words[at], ...(file ? { file } : {}) };
  }
  return undefined;
}

/** Sources for a built file: `dist/index.js` was compiled from `src/index.ts`. */
function sourcesOf(file: string): string[] {
  const out = [file];
  if (/\.[cm]?js$/.test(file)) {
    const rest = file.replace(/^(?:dist|build|lib|out)\//, '');
    for (const dir of ['src/', '']) out.push(`${dir}${rest.replace(/\.([cm]?)js$/, '.$1ts')}`);
  } else if (!/\.[cm]?[jt]sx?$/.test(file)) {
    out.push(`${file}.js`, `${file}/index.js`);
  }
  return out;
}

/** The files that may be a Node project's entry point, most likely first, root-relative. */
export function nodeEntryCandidates(packageText: string | undefined): string[] {
  const pkg = readPackage(packageText);
  return pkg ? entryCandidates(pkg) : [];
}

function entryCandidates(pkg: PackageJson): string[] {
  const files: string[] = [];
  const start = startCommand(pkg)?.file;
  if (start) files.push(...sourcesOf(start));
  if (typeof pkg.main === 'string') files.push(...sourcesOf(pkg.main.replace(/^\.\//, '')));
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin ? Object.values(pkg.bin)[0] : undefined;
  if (typeof bin === 'string') files.push(...sourcesOf(bin.replace(/^\.\//, '')));
  files.push('index.js', 'index.mjs', 'index.ts', 'src/index.js', 'src/index.ts', 'server.js', 'app.js');
  return [...new Set(files)];
}

function isEsm(rel: string, text: string, pkg: PackageJson | undefined): boolean {
  if (/\.m[jt]s$/.test(rel)) return true;
  if (/\.c[jt]s$/.test(rel)) return false;
  if (/^\s*(?:import\s[^(]|export\s)/m.test(text)) return true;
  if (/\brequire\s*\(/.test(text)) return false;
  return pkg?.type === 'module';
}

/** Where a loader line goes: after a shebang, leading comments and directives; in ESM before the first import. */
function headerEnd(text: string): number {
  return afterLeading(text, /^\s*(?:#!.*|\/\/.*|\/\*.*\*\/\s*|['"]use (?:strict|server)['"];?\s*|)$/);
}

const VITE_CONFIG = /(?:^|\/)vite\.config\.[cm]?[jt]s$/;
/** Folders whose code runs on a server even in a project that bundles for the browser. */
const SERVER_PATH = /(?:^|\/)(?:server|api|functions|backend|scripts|bin)\//;

/**
 * Node, Bun and Deno: what loads `.env` for the code, or the smallest idiomatic edit that does.
 * A framework that loads it needs nothing; `dotenv` as a dependency is loaded at the entry point;
 * else Node's own loader: `--env-file-if-exists` in the start script when `engines` allows it,
 * `process.loadEnvFile` in the code otherwise.
 */
export function nodeLoading(input: LoadingInput): EnvLoading {
  const { project, document } = input;
  const files = project.files;
  const pkg = readPackage(files.get('package.json'));
  const deno = files.get('deno.json') ?? files.get('deno.jsonc');
  if (deno !== undefined && !pkg) {
    return /--env-file\b/.test(deno)
      ? { kind: 'loaded', by: "Deno's --env-file, in deno.json's tasks" }
      : { kind: 'unwired', reason: 'Deno reads .env only when run with --env-file: add it to the deno task that runs this code', command: 'deno run' };
  }
  const deps = { ...pkg?.devDependencies, ...pkg?.dependencies };
  const names = Object.keys(deps);
  const framework = FRAMEWORKS.find(([dep]) => names.some(n => dep.test(n)));
  if (framework) return { kind: 'loaded', by: `${framework[1]}, which loads .env itself` };
  if (names.includes('vite')) {
    if (VITE_CONFIG.test(document.rel)) {
      return { kind: 'unwired', reason: "vite.config does not see .env in process.env: read it with Vite's loadEnv(mode, process.cwd(), '')", command: 'vite' };
    }
    const entries = new Set(pkg ? entryCandidates(pkg).slice(0, 3) : []);
    if (!entries.has(document.rel) && !SERVER_PATH.test(document.rel)) {
      return {
        kind: 'refused',
        reason:
          'Vite bundles this code for the browser, where process.env does not exist and any key it exposes (VITE_…) is public: call the provider from a server',
      };
    }
  }
  if (files.has('bun.lock') || files.has('bunfig.toml')) return { kind: 'loaded', by: 'Bun, which loads .env itself' };
  const start = pkg ? startCommand(pkg) : undefined;
  for (const line of Object.values(pkg?.scripts ?? {})) {
    const loader = SCRIPT_LOADERS.find(([pattern]) => pattern.test(line));
    if (loader) return { kind: 'loaded', by: loader[1] };
  }
  if (CODE_LOADER.test(document.text)) return { kind: 'loaded', by: 'the code itself' };
  const entry = pkg ? entryCandidates(pkg).find(rel => rel === document.rel || files.has(rel)) : undefined;
  const entryText = entry === document.rel ? document.text : entry ? files.get(entry) : undefined;
  if (entry && entryText !== undefined && CODE_LOADER.test(entryText)) return { kind: 'loaded', by: `the entry point, ${entry}` };
  const command = start ? `npm ${start.script === 'start' ? 'start' : `run ${start.script}`}` : `node ${document.rel}`;

  if (deps.dotenv !== undefined) {
    const at = entry && entryText !== undefined ? { rel: entry, text: entryText } : { rel: document.rel, text: document.text };
    const esm = isEsm(at.rel, at.text, pkg);
    const fromEntry = relativeTo(dirOf(at.rel), input.envRel);
    const lines =
      input.envRel === '.env'
        ? [esm ? "import 'dotenv/config';" : "require('dotenv').config();"]
        : esm
          ? ["import { config } from 'dotenv';", `config({ path: new URL('${fromEntry}', import.meta.url) });`]
          : [`require('dotenv').config({ path: require('node:path').join(__dirname, '${fromEntry}') });`];
    return { kind: 'wired', command, by: `dotenv in ${at.rel}`, changes: [{ rel: at.rel, edits: [insertLinesAt(at.text, headerEnd(at.text), lines)] }] };
  }

  // Without dotenv, a published library (main or exports, no bin, nothing that runs it): the program using it loads .env, not the library.
  if (pkg && !pkg.private && (pkg.main !== undefined || pkg.exports !== undefined) && !pkg.bin && !start) {
    return {
      kind: 'unwired',
      reason: 'this package is a library (no start script or bin): the program that uses it must load .env',
      command: 'the program that uses it',
    };
  }
  const floor = minimumNode(pkg?.engines?.node);
  if (floor && start?.runner === 'node' && atLeast(floor, [22, 9])) {
    const edit = startScriptEdit(files.get('package.json')!, start.script, `--env-file-if-exists=${input.envRel}`);
    if (edit)
      return { kind: 'wired', command, by: `Node's --env-file-if-exists in the ${start.script} script`, changes: [{ rel: 'package.json', edits: [edit] }] };
  }
  if (floor && !atLeast(floor, [20, 12])) {
    const edit = addJsonDependency(files.get('package.json')!, 'dependencies', 'dotenv', '^16.4.7');
    return {
      kind: 'unwired',
      reason: `Node ${floor.join('.')} (package.json's engines) has no built-in .env loader and dotenv is not a dependency: add dotenv`,
      command,
      alternatives: edit ? installFirst(input, { rel: 'package.json', edit }, 'Add dotenv to package.json and load .env (then npm install)', nodeLoading) : [],
    };
  }
  const esm = isEsm(document.rel, document.text, pkg);
  const ts = /\.[cm]?tsx?$/.test(document.rel);
  const fromDoc = relativeTo(dirOf(document.rel), input.envRel);
  // Compiled TypeScript runs from another folder: its path is the project root's, where npm runs it.
  const path = ts && pkg ? `'${input.envRel}'` : esm ? `new URL('${fromDoc}', import.meta.url)` : `require('node:path').join(__dirname, '${fromDoc}')`;
  const code = ts ? '(error as NodeJS.ErrnoException).code' : 'error.code';
  const line = `try { process.loadEnvFile(${path}); } catch (error) { if (${code} !== 'ENOENT') throw error; }`;
  const at = esm ? (afterLast(document.text, /^import\s[^\n]*?(?:from\s*)?['"][^'"]+['"];?[ \t]*$/) ?? headerEnd(document.text)) : headerEnd(document.text);
  return {
    kind: 'wired',
    command,
    by: `process.loadEnvFile in ${document.rel}`,
    changes: [{ rel: document.rel, edits: [insertLinesAt(document.text, at, [line])] }],
  };
}

function minimumNode(range: string | undefined): number[] | undefined {
  if (!range) return undefined;
  try {
    const v = minVersion(range);
    return v ? [v.major, v.minor, v.patch] : undefined;
  } catch {
    return undefined;
  }
}

function atLeast(version: number[], floor: number[]): boolean {
  for (let i = 0; i < floor.length; i++) {
    if (version[i] !== floor[i]) return version[i] > floor[i];
  }
  return true;
}

/** Adds a Node option to the script: `node index.js` becomes `node --env-file-if-exists=.env index.js`. */
function startScriptEdit(text: string, script: string, option: string): TextEdit | undefined {
  const node = findNodeAtLocation(parseTree(text) ?? { type: 'null', offset: 0, length: 0 }, ['scripts', script]);
  if (node?.type !== 'string') return undefined;
  const raw = text.slice(node.offset + 1, node.offset + node.length - 1);
  const word = /(?:^|\s)node(?=\s)/.exec(raw);
  if (!word) return undefined;
  const at = node.offset + 1 + word.index + word[0].length;
  return { start: at, end: at, newText: ` ${option}` };
}
