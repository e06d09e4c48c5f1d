import type { EnvLoading, LoadingInput } from './types';
import { afterLast, afterLeading, insertLinesAt, nextLineStart } from './text';

/** C#: DotNetEnv, loaded first thing in the program's Main or its top-level statements. */
export function dotnetLoading(input: LoadingInput): EnvLoading {
  const { document, project } = input;
  const projects = [...project.files].filter(([rel]) => rel.endsWith('.csproj')).map(([, text]) => text);
  const command = 'dotnet run';
  const entryRel = project.files.has('Program.cs') ? 'Program.cs' : document.rel;
  const entry = entryRel === document.rel ? document.text : project.files.get(entryRel)!;
  if (/DotNetEnv|\bEnv\.(?:Load|TraversePath)\b/.test(entry) || /DotNetEnv\b.*\.Load/.test(document.text))
    return { kind: 'loaded', by: 'DotNetEnv, in the code' };
  if (!projects.some(p => /Include="DotNetEnv"/.test(p))) {
    return { kind: 'unwired', reason: 'DotNetEnv is not a package reference, so nothing loads .env (dotnet add package DotNetEnv)', command };
  }
  const line = 'DotNetEnv.Env.TraversePath().Load();';
  const main = /\bstatic\s+(?:async\s+)?[\w<>]+\s+Main\s*\([^)]*\)\s*\{[ \t]*\r?\n?/.exec(entry);
  let at: number;
  let indent = '';
  if (main) {
    at = main[0].endsWith('\n') ? main.index + main[0].length : nextLineStart(entry, main.index + main[0].length);
    indent = /^[ \t]*/.exec(entry.slice(at))?.[0] || '        ';
  } else {
    at = afterLast(entry, /^(?:global\s+)?using\s[^;(]+;[ \t]*\r?$/) ?? afterLeading(entry, /^\s*(?:\/\/.*)?$/);
  }
  return { kind: 'wired', command, by: `DotNetEnv in ${entryRel}`, changes: [{ rel: entryRel, edits: [insertLinesAt(entry, at, [`${indent}${line}`])] }] };
}
