// `secret-safe inventory`: every key of a project, where it lives, who owns it and when it is due;
// for the quarterly audit, and with --check for CI. Never a value, not even masked.
import { isoDate, maskFoundSecrets } from '../core';
import type { Inventory, InventoryKey, Place } from '../core/inventory';
import { inventoryOf } from '../node/inventory';
import { ProjectScan } from '../node/project-scan';
import { printable } from './reporters/text';
import { configWarnings } from './run';

export const INVENTORY_FORMATS = ['text', 'json', 'md', 'csv'] as const;
export type InventoryFormat = (typeof INVENTORY_FORMATS)[number];

/** The inventory of `paths` under the config that governs `cwd`, and that config's problems, formatted for the user. */
export async function runInventory(paths: readonly string[], cwd: string, now = Date.now()): Promise<{ inventory: Inventory; warnings: string[] }> {
  const project = await ProjectScan.governing(cwd);
  return { inventory: await inventoryOf(paths.length > 0 ? paths : ['.'], { project, cwd, today: isoDate(now) }), warnings: configWarnings(project, cwd) };
}

/** What a report may show of a team's own words (owner, purpose): any key typed there, masked. */
const words = (text: string | undefined): string | undefined => (text === undefined ? undefined : maskFoundSecrets(text));

const places = (list: readonly Place[]): string => list.map(p => `${printable(p.file, true)}:${p.line}`).join(', ');

/** The inventory in a format: the keys and, after them, malformed annotations. */
export function formatInventory(inventory: Inventory, format: InventoryFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(
        {
          keys: inventory.keys.map(k => ({ ...k, owner: words(k.owner), purpose: words(k.purpose) })),
          annotationProblems: inventory.annotationProblems.map(({ file, line, variable, message }) => ({ file, line, variable, message: words(message) })),
        },
        null,
        2,
      )}\n`;
    case 'md':
      return markdown(inventory);
    case 'csv':
      return csv(inventory);
    default:
      return text(inventory);
  }
}

function text({ keys, annotationProblems }: Inventory): string {
  const out: string[] = [];
  for (const k of keys) {
    const facts = [
      k.scope === '.' ? '' : `in ${printable(k.scope, true)}`,
      k.secret ? 'secret' : '',
      k.environments.length > 0 ? `environments: ${k.environments.join(', ')}` : 'no environment defines it',
      k.owner ? `owner: ${printable(words(k.owner)!)}` : '',
      k.purpose ? `purpose: ${printable(words(k.purpose)!)}` : '',
      k.rotated ? `rotated ${k.rotated}, every ${k.rotateEveryDays} days, due ${k.rotationDue}` : '',
      k.expires ? `expires ${k.expires}` : '',
    ].filter(Boolean);
    out.push(`${k.name}  ${facts.join('; ')}`);
    if (k.problems.length > 0) out.push(`  problems: ${k.problems.join(', ')}`);
    if (k.definedIn.length > 0) out.push(`  defined in ${places(k.definedIn)}`);
    if (k.readBy.length > 0) out.push(`  read by ${places(k.readBy)}`);
  }
  for (const p of annotationProblems) out.push(`${printable(p.file, true)}:${p.line}  annotation  ${printable(words(p.message)!)}`);
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

const COLUMNS = [
  'Key',
  'Scope',
  'Environments',
  'Secret',
  'Owner',
  'Purpose',
  'Rotate (days)',
  'Rotated',
  'Due',
  'Expires',
  'Defined in',
  'Read by',
  'Problems',
];

function row(k: InventoryKey): string[] {
  return [
    k.name,
    k.scope,
    k.environments.join(', '),
    k.secret ? 'yes' : 'no',
    words(k.owner) ?? '',
    words(k.purpose) ?? '',
    k.rotateEveryDays === undefined ? '' : String(k.rotateEveryDays),
    k.rotated ?? '',
    k.rotationDue ?? '',
    k.expires ?? '',
    k.definedIn.map(p => `${p.file}:${p.line}`).join(', '),
    k.readBy.map(p => `${p.file}:${p.line}`).join(', '),
    k.problems.join(', '),
  ];
}

/** A table to paste into an audit ticket. */
function markdown({ keys, annotationProblems }: Inventory): string {
  const cell = (s: string): string => printable(s).replace(/\|/g, '\\|');
  const lines = [`| ${COLUMNS.join(' | ')} |`, `|${COLUMNS.map(() => ' --- ').join('|')}|`, ...keys.map(k => `| ${row(k).map(cell).join(' | ')} |`)];
  if (annotationProblems.length > 0) {
    lines.push('', '**Malformed annotations**', '', ...annotationProblems.map(p => `- \`${cell(p.file)}:${p.line}\` ${cell(words(p.message)!)}`));
  }
  return `${lines.join('\n')}\n`;
}

/** RFC 4180: every field quoted when it holds a comma, a quote or a line break. */
function csv({ keys }: Inventory): string {
  const field = (s: string): string => {
    // A spreadsheet runs a cell starting = + - @ as a formula: such a cell gets a ' before it.
    const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return `${[COLUMNS, ...keys.map(row)].map(r => r.map(field).join(',')).join('\r\n')}\r\n`;
}

/** The one line the CLI prints on stderr after the report. */
export function inventorySummary({ keys, annotationProblems }: Inventory): string {
  const counts = new Map<string, number>();
  for (const k of keys) for (const p of k.problems) counts.set(p, (counts.get(p) ?? 0) + 1);
  const withProblems = keys.filter(k => k.problems.length > 0).length;
  const detail = [...counts].map(([p, n]) => `${p} ${n}`).join(', ');
  const annotations = annotationProblems.length > 0 ? `, ${annotationProblems.length} malformed annotation${annotationProblems.length === 1 ? '' : 's'}` : '';
  return `secret-safe: ${keys.length} key${keys.length === 1 ? '' : 's'}, ${withProblems} with problems${detail ? ` (${detail})` : ''}${annotations}`;
}
