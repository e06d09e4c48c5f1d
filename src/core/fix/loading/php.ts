import { addJsonDependency, installFirst } from './install-first';
import type { EnvLoading, LoadingInput } from './types';
import { afterLast, dirOf, insertLinesAt, nextLineStart, relativeTo } from './text';

/**
 * PHP: Laravel and Symfony load `.env` themselves; with vlucas/phpdotenv, the code loads it right
 * after Composer's autoloader. The unsafe variant also calls putenv(), so getenv() sees the values.
 */
export function phpLoading(input: LoadingInput): EnvLoading {
  const { document, project } = input;
  const composer = project.files.get('composer.json') ?? '';
  const command = `php ${document.rel}`;
  if (/"laravel\/framework"/.test(composer)) return { kind: 'loaded', by: 'Laravel, which loads .env itself' };
  if (/"symfony\/(?:dotenv|runtime|framework-bundle)"/.test(composer)) return { kind: 'loaded', by: 'Symfony, which loads .env itself' };
  if (/Dotenv\\?\s*\\?Dotenv::create|\(new\s+Dotenv\)/.test(document.text)) return { kind: 'loaded', by: 'the code itself' };
  if (!/"vlucas\/phpdotenv"/.test(composer)) {
    const edit = project.files.has('composer.json') ? addJsonDependency(composer, 'require', 'vlucas/phpdotenv', '^5.6') : undefined;
    return {
      kind: 'unwired',
      reason: 'vlucas/phpdotenv is not in composer.json, so nothing loads .env (composer require vlucas/phpdotenv)',
      command,
      alternatives: edit
        ? installFirst(input, { rel: 'composer.json', edit }, 'Add vlucas/phpdotenv to composer.json and load .env (then composer install)', phpLoading)
        : [],
    };
  }
  const text = document.text;
  const open = /<\?php\b/.exec(text);
  if (!open) return { kind: 'unwired', reason: 'the file has no <?php tag to load .env after', command };
  const dir = dirOf(document.rel);
  const lines: string[] = [];
  if (!/vendor\/autoload\.php/.test(text)) lines.push(`require_once __DIR__ . '/${relativeTo(dir, 'vendor/autoload.php')}';`);
  const envDir = dirOf(relativeTo(dir, input.envRel));
  lines.push(`\\Dotenv\\Dotenv::createUnsafeImmutable(__DIR__${envDir ? ` . '/${envDir}'` : ''})->safeLoad();`);
  const header = /^(?:namespace\s[^;{]+;|declare\s*\([^)]*\)\s*;|use\s[^;]+;|require(?:_once)?\s[^;]*autoload\.php['"]\s*\)?\s*;)[ \t]*\r?$/;
  const at = afterLast(text, header) ?? nextLineStart(text, open.index);
  return { kind: 'wired', command, by: `vlucas/phpdotenv in ${document.rel}`, changes: [{ rel: document.rel, edits: [insertLinesAt(text, at, lines)] }] };
}
