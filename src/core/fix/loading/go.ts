import { eolOf } from '../text-edit';
import { installFirst } from './install-first';
import { insertLinesAt } from './text';
import type { EnvLoading, LoadingInput } from './types';

const AUTOLOAD = '_ "github.com/joho/godotenv/autoload"';

/**
 * Go: godotenv's autoload package, imported for its side effect. Go initialises imported packages
 * before the importing one's package-level variables, so even `var key = os.Getenv(…)` sees the
 * value; a `godotenv.Load()` in `main` would come too late for those.
 */
export function goLoading(input: LoadingInput): EnvLoading {
  const { document, project } = input;
  const text = document.text;
  if (/\bgodotenv\.(?:Load|Overload)\s*\(|godotenv\/autoload/.test(text) || /godotenv\/autoload|godotenv\.Load\(/.test(project.files.get('main.go') ?? '')) {
    return { kind: 'loaded', by: 'godotenv, in the code' };
  }
  const command = 'go run .';
  const goMod = project.files.get('go.mod');
  if (!/^\s*(?:require\s+)?github\.com\/joho\/godotenv\s/m.test(goMod ?? '')) {
    const alternatives =
      goMod === undefined
        ? []
        : installFirst(
            input,
            { rel: 'go.mod', edit: insertLinesAt(goMod, goMod.length, ['', 'require github.com/joho/godotenv v1.5.1']) },
            'Add godotenv to go.mod and load .env (then go mod tidy)',
            goLoading,
          );
    return { kind: 'unwired', reason: 'godotenv is not in go.mod, so nothing loads .env (go get github.com/joho/godotenv)', command, alternatives };
  }
  if (input.envRel !== '.env') {
    return { kind: 'unwired', reason: `godotenv's autoload reads .env in the folder the program runs from, not ${input.envRel}`, command };
  }
  const eol = eolOf(text);
  const block = /^import[ \t]*\([ \t]*\r?$/m.exec(text);
  if (block) {
    const at = block.index + block[0].replace(/\r$/, '').length;
    return {
      kind: 'wired',
      command,
      by: `godotenv's autoload in ${document.rel}`,
      changes: [{ rel: document.rel, edits: [{ start: at, end: at, newText: `${eol}\t${AUTOLOAD}` }] }],
    };
  }
  const single = /^import[ \t]+(?:\w+[ \t]+)?"[^"]+"[ \t]*$/m.exec(text);
  if (!single) return { kind: 'unwired', reason: 'the file has no import declaration to add godotenv to', command };
  const at = single.index + single[0].length;
  return {
    kind: 'wired',
    command,
    by: `godotenv's autoload in ${document.rel}`,
    changes: [{ rel: document.rel, edits: [{ start: at, end: at, newText: `${eol}import ${AUTOLOAD}` }] }],
  };
}
