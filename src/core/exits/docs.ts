import type { Exit } from './table';

/** docs/exits.md, from the exits table: what each exit is, what configures it, how it is tested, the fix. */
export function renderExitDocs(exits: readonly Exit[]): string {
  const sections = exits.map(e =>
    [
      `## ${e.code}`,
      '',
      `**${e.name}** (${e.severity}).`,
      '',
      `- **Configured by:** ${e.configuredBy}.`,
      `- **Tested by:** ${e.test}.`,
      `- **Fix:** ${e.fix}.`,
      '',
    ].join('\n'),
  );
  return [
    '# Exits',
    '',
    'Git is not the only way a secret file leaves the machine. Secret Safe applies what it knows of',
    'secret files (see [git-hygiene.md](git-hygiene.md#which-files-count), the project’s own kinds',
    'included) to every other exit it knows, with the same quality: a diagnostic on the file that',
    'configures the exit, a quick fix that keeps every other byte, and `secret-safe scan` exiting 1.',
    'A project turns a check off with its code in `disabledRules`.',
    '',
    '| Exit | Code | Configured by | Fix |',
    '| --- | --- | --- | --- |',
    ...exits.map(e => `| ${e.name} | [\`${e.code}\`](#${e.code}) | ${e.configuredBy} | ${e.fix} |`),
    '',
    ...sections,
  ].join('\n');
}
