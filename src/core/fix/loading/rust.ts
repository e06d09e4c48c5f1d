import type { EnvLoading, LoadingInput } from './types';
import { insertLinesAt, nextLineStart } from './text';

/** Rust: dotenvy, called first thing in `main`. */
export function rustLoading(input: LoadingInput): EnvLoading {
  const { document, project } = input;
  const command = 'cargo run';
  const entryRel = project.files.has('src/main.rs') ? 'src/main.rs' : document.rel;
  const entry = entryRel === document.rel ? document.text : project.files.get(entryRel)!;
  if (/\bdotenvy?::(?:dotenv|from_path|from_filename)\b/.test(entry) || /\bdotenvy?::dotenv\b/.test(document.text))
    return { kind: 'loaded', by: 'dotenvy, in main' };
  const cargo = project.files.get('Cargo.toml') ?? '';
  const crate = /^\s*(dotenvy|dotenv)\s*=/m.exec(cargo)?.[1];
  if (!crate) return { kind: 'unwired', reason: 'dotenvy is not in Cargo.toml, so nothing loads .env (cargo add dotenvy)', command };
  const main = /\bfn\s+main\s*\(\s*\)[^{]*\{[ \t]*/.exec(entry);
  if (!main) return { kind: 'unwired', reason: `${entryRel} has no fn main() to load .env in`, command };
  const at = nextLineStart(entry, main.index + main[0].length);
  const indent = /^[ \t]*/.exec(entry.slice(at))?.[0] || '    ';
  return {
    kind: 'wired',
    command,
    by: `${crate} in ${entryRel}`,
    changes: [{ rel: entryRel, edits: [insertLinesAt(entry, at, [`${indent}${crate}::dotenv().ok();`])] }],
  };
}
