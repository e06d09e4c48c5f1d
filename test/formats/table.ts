import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FormatEntry } from './notation';

/** The table of documented secret formats, test/formats/formats.json. */
export function formatTable(): FormatEntry[] {
  return JSON.parse(readFileSync(join(__dirname, '../../../test/formats/formats.json'), 'utf8')).formats;
}

/** The first example of each rule's first entry, for docs/rules.md. */
export function documentedExamples(): Map<string, { example: string; doc: string }> {
  const out = new Map<string, { example: string; doc: string }>();
  for (const entry of formatTable()) {
    if (!out.has(entry.rule)) out.set(entry.rule, { example: entry.examples[0], doc: entry.doc });
  }
  return out;
}
