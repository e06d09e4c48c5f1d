import { isMap, isScalar, isSeq, parseDocument, type Node, type YAMLMap } from 'yaml';
import { eolOf, type TextEdit } from '../text-edit';

/**
 * The edit that has a compose service read `envPath` (relative to the compose file's folder) into
 * its containers' environment: `env_file: <path>` added to the service, or the path added to the
 * `env_file` it has (a list item, or a one-item list made of the file it names). Nothing when it
 * reads that file already; undefined when the service cannot be edited in place (flow style, a
 * merge key, an alias, malformed YAML).
 */
export function composeEnvFileEdit(text: string, service: string, envPath: string): TextEdit[] | undefined {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) return undefined;
  const services = doc.get('services', true);
  if (!isMap(services) || services.flow) return undefined;
  const entry = services.items.find(p => isScalar(p.key) && p.key.value === service);
  const definition = entry?.value;
  if (!isMap(definition) || definition.flow || definition.items.length === 0 || !definition.range) return undefined;
  if (definition.items.some(p => isScalar(p.key) && p.key.value === '<<')) return undefined;
  const eol = eolOf(text);
  const existing = definition.items.find(p => isScalar(p.key) && p.key.value === 'env_file');
  if (existing) {
    const value = existing.value as Node | null;
    const files = isSeq(value) ? value.items.map(i => (isScalar(i) ? i.value : isMap(i) ? i.get('path') : undefined)) : isScalar(value) ? [value.value] : [];
    if (files.some(f => typeof f === 'string' && samePath(f, envPath))) return [];
    if (isScalar(value) && value.range && typeof value.value === 'string') {
      return [{ start: value.range[0], end: value.range[1], newText: `[${text.slice(value.range[0], value.range[1])}, ${envPath}]` }];
    }
    if (isSeq(value) && value.range && value.items.length > 0) {
      if (value.flow) {
        const close = text.lastIndexOf(']', value.range[1]);
        return close < 0 ? undefined : [{ start: close, end: close, newText: `, ${envPath}` }];
      }
      const first = value.items[0] as Node;
      const dash = text.lastIndexOf('-', first.range![0]);
      const indent = dash - (text.lastIndexOf('\n', dash) + 1);
      return [{ start: lineEndAfter(text, value.range[1]), end: lineEndAfter(text, value.range[1]), newText: `${eol}${' '.repeat(indent)}- ${envPath}` }];
    }
    return undefined;
  }
  const firstKey = definition.items[0].key as Node;
  const indent = firstKey.range![0] - (text.lastIndexOf('\n', firstKey.range![0]) + 1);
  const at = lineEndAfter(text, lastValueEnd(definition));
  return [{ start: at, end: at, newText: `${eol}${' '.repeat(indent)}env_file: ${envPath}` }];
}

/** Where the service's last entry ends: its value's last character that is not white space. */
function lastValueEnd(map: YAMLMap): number {
  const last = map.items[map.items.length - 1];
  const node = (last.value ?? last.key) as Node | null;
  return node?.range ? node.range[1] : map.range![1];
}

/** The end of the line holding the last non-blank character before `offset` (before its line break). */
function lineEndAfter(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  const nl = text.indexOf('\n', i);
  if (nl < 0) return text.length;
  return text[nl - 1] === '\r' ? nl - 1 : nl;
}

function samePath(a: string, b: string): boolean {
  const norm = (p: string): string => p.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
  return norm(a) === norm(b);
}
