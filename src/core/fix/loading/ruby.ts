import { installFirst } from './install-first';
import type { EnvLoading, LoadingInput } from './types';
import { afterLeading, dirOf, insertLinesAt, relativeTo } from './text';

/** Ruby: Rails with dotenv loads `.env` itself; otherwise `require "dotenv/load"` at the top of the code. */
export function rubyLoading(input: LoadingInput): EnvLoading {
  const { document, project } = input;
  const gemfile = project.files.get('Gemfile') ?? '';
  const command = `ruby ${document.rel}`;
  if (/\bDotenv\.load\b|dotenv\/load/.test(document.text)) return { kind: 'loaded', by: 'the code itself' };
  const gem = /^\s*gem\s+['"](dotenv(?:-rails)?)['"]/m.exec(gemfile)?.[1];
  if (gem && (gem === 'dotenv-rails' || project.files.has('config/application.rb'))) {
    return { kind: 'loaded', by: `${gem}, which loads .env when Rails boots` };
  }
  if (!gem) {
    const edit = insertLinesAt(gemfile, gemfile.length, ['gem "dotenv"']);
    return {
      kind: 'unwired',
      reason: 'the dotenv gem is not in the Gemfile, so nothing loads .env (bundle add dotenv)',
      command,
      alternatives: installFirst(input, { rel: 'Gemfile', edit }, 'Add dotenv to the Gemfile and load .env (then bundle install)', rubyLoading),
    };
  }
  const lines =
    input.envRel === '.env'
      ? ['require "dotenv/load"']
      : ['require "dotenv"', `Dotenv.load(File.expand_path("${relativeTo(dirOf(document.rel), input.envRel)}", __dir__))`];
  const at = afterLeading(document.text, /^\s*(?:#.*)?$/);
  return { kind: 'wired', command, by: `dotenv in ${document.rel}`, changes: [{ rel: document.rel, edits: [insertLinesAt(document.text, at, lines)] }] };
}
