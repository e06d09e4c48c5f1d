import type { KeyGen } from '../../types';

/**
 * A value's shape in a few characters, for the keyword-plus-value tables: `hex:32` is 32
 * lowercase hex digits; `{digits:6}-{hex:40}` is literal text with fields in braces; ` | `
 * separates alternatives. One shape gives both the rule's value pattern and its examples.
 */
const SETS: Record<string, { cls: string; chars: string }> = {
  hex: { cls: 'a-f0-9', chars: '0123456789abcdef' },
  HEX: { cls: 'A-F0-9', chars: '0123456789ABCDEF' },
  digits: { cls: '0-9', chars: '0123456789' },
  upper: { cls: 'A-Z', chars: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' },
  lowalnum: { cls: 'a-z0-9', chars: 'abcdefghijklmnopqrstuvwxyz0123456789' },
  upalnum: { cls: 'A-Z0-9', chars: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789' },
  alnum: { cls: 'A-Za-z0-9', chars: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789' },
  word: { cls: 'A-Za-z0-9_', chars: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_' },
  b64url: { cls: 'A-Za-z0-9_-', chars: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-' },
  b64: { cls: 'A-Za-z0-9+/', chars: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/' },
};

const UUID = '{hex:8}-{hex:4}-{hex:4}-{hex:4}-{hex:12}';
const FIELD = /\{(\w+):(\d+)(?:-(\d+))?\}/g;

function alternatives(shape: string): string[] {
  return shape
    .split(' | ')
    .map(s => s.replace(/^uuid$/, UUID).replace(/^UUID$/, UUID.replaceAll('hex', 'HEX')))
    .map(s => (/^\w+:\d+(?:-\d+)?$/.test(s) ? `{${s}}` : s));
}

function setOf(name: string, shape: string): { cls: string; chars: string } {
  const set = SETS[name];
  if (!set) throw new Error(`unknown set ${name} in the shape ${shape}`);
  return set;
}

/** The regex source of a shape, bounded everywhere. */
export function shapeSource(shape: string): string {
  const parts = alternatives(shape).map(alt => {
    let out = '';
    let last = 0;
    for (const m of alt.matchAll(FIELD)) {
      out += alt.slice(last, m.index).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      out += `[${setOf(m[1], shape).cls}]{${m[2]}${m[3] ? `,${m[3]}` : ''}}`;
      last = m.index + m[0].length;
    }
    return out + alt.slice(last).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return parts.length === 1 ? parts[0] : `(?:${parts.join('|')})`;
}

/** A fake value of the shape's first alternative. */
export function shapeGen(shape: string, g: KeyGen): string {
  const alt = alternatives(shape)[0];
  return alt.replace(FIELD, (_, name: string, n: string) => g.chars(setOf(name, shape).chars, Number(n)));
}

/** Whether a random value of the shape can fall under 3 bits a character: hex, or under 20 characters. */
export function lowEntropyShape(shape: string): boolean {
  return alternatives(shape).some(alt => {
    const fields = [...alt.matchAll(FIELD)];
    const length = fields.reduce((n, m) => n + Number(m[2]), 0);
    return length < 20 || fields.every(m => /^(?:hex|HEX|digits)$/.test(m[1]));
  });
}
