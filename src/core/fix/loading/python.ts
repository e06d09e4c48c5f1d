import { installFirst } from './install-first';
import type { EnvLoading, LoadingInput } from './types';
import { afterLast, insertLinesAt } from './text';

/** The files that list a Python project's dependencies. */
const MANIFESTS = ['requirements.txt', 'requirements-dev.txt', 'requirements/base.txt', 'pyproject.toml', 'Pipfile', 'setup.py', 'setup.cfg'];
/** Modules that start a Python program, where a `load_dotenv()` there runs first. */
export const PYTHON_ENTRIES = ['manage.py', 'main.py', 'app.py', 'wsgi.py', 'asgi.py', '__main__.py'];
const LOADS = /\bload_dotenv\s*\(|\bdotenv_values\s*\(|\bread_env\s*\(|\benv_file\s*=|\bload_dotenv\b.*\bimport\b.*\n[\s\S]*\bload_dotenv\(/;
const IMPORT_LINE = /^(?:import [\w., ]+|from [\w.]+ import (?:[^\n(]+|\([^)]*\)))[ \t]*$/;

/**
 * Python: `load_dotenv()` of python-dotenv, which finds `.env` from the calling module's folder
 * upward, added to the module itself right after its imports, so it runs before the module reads
 * the variable whatever imports it. Without python-dotenv, nothing can load `.env` until the user
 * installs it: the alternative adds it to requirements.txt for them to install.
 */
export function pythonLoading(input: LoadingInput): EnvLoading {
  const { document, project } = input;
  if (LOADS.test(document.text)) return { kind: 'loaded', by: 'the code itself' };
  for (const entry of PYTHON_ENTRIES) {
    const text = project.files.get(entry);
    if (text !== undefined && /\bload_dotenv\s*\(/.test(text)) return { kind: 'loaded', by: `load_dotenv() in ${entry}` };
  }
  const deps = MANIFESTS.map(f => project.files.get(f) ?? '').join('\n');
  const command = `python ${document.rel}`;
  const wiring = loadDotenvEdit(document.text);
  if (!wiring) {
    return { kind: 'unwired', reason: 'the module has no import to put load_dotenv() after', command };
  }
  if (/(?:^|[\s"'[,])python-dotenv\b/im.test(deps)) {
    return { kind: 'wired', command, by: `python-dotenv's load_dotenv() in ${document.rel}`, changes: [{ rel: document.rel, edits: [wiring] }] };
  }
  const requirements = project.files.get('requirements.txt');
  const alternatives =
    requirements !== undefined || !MANIFESTS.some(f => project.files.has(f))
      ? installFirst(
          input,
          { rel: 'requirements.txt', edit: insertLinesAt(requirements ?? '', (requirements ?? '').length, ['python-dotenv']) },
          'Add python-dotenv to requirements.txt and call load_dotenv() (then pip install -r requirements.txt)',
          pythonLoading,
        )
      : [];
  return { kind: 'unwired', reason: 'python-dotenv is not among the project’s dependencies, so nothing loads .env', command, alternatives };
}

/** `from dotenv import load_dotenv` and `load_dotenv()` after the module's last top-level import. */
function loadDotenvEdit(text: string) {
  const at = afterLast(text, IMPORT_LINE);
  if (at === undefined) return undefined;
  return insertLinesAt(text, at, ['from dotenv import load_dotenv', '', 'load_dotenv()']);
}
