// Precision and recall per kind over the labelled corpus. A finding at warning or error level is
// a report; information-level findings (publishable keys, Firebase web keys) are inventory, not
// alarms, and count as neither. A report is a true positive when it overlaps a labelled secret.
import { KINDS, kindOf } from './corpus.mjs';

export function measureAccuracy(scanner, corpus) {
  const stats = Object.fromEntries(KINDS.map(k => [k, { tp: 0, fp: 0, fn: 0 }]));
  const falsePositives = [];
  const misses = [];
  for (const file of corpus) {
    const findings = scanner.scan(file.text).filter(f => f.severity !== 'info');
    const matched = new Set();
    for (const f of findings) {
      const label = file.labels.findIndex(l => f.start < l.end && l.start < f.end);
      if (label >= 0 && !matched.has(label)) {
        matched.add(label);
        stats[file.labels[label].kind].tp++;
      } else {
        stats[kindOf(f.ruleId)].fp++;
        if (falsePositives.length < 20) falsePositives.push(`${file.name}: ${f.ruleId}: ${mask(lineOf(file.text, f.start), file.text.slice(f.start, f.end))}`);
      }
    }
    file.labels.forEach((l, i) => {
      if (!matched.has(i)) {
        stats[l.kind].fn++;
        if (misses.length < 20) misses.push(`${file.name}: ${l.kind}: ${mask(lineOf(file.text, l.start), file.text.slice(l.start, l.end))}`);
      }
    });
  }
  const total = { tp: 0, fp: 0, fn: 0 };
  for (const k of KINDS) for (const key of ['tp', 'fp', 'fn']) total[key] += stats[k][key];
  return { stats, total, falsePositives, misses };
}

function lineOf(text, offset) {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end < 0 ? undefined : end).trim();
}

/** Lines are printed with the secret hidden, then cut: the bench output must hold no key either. */
function mask(line, secret) {
  return line
    .split(secret)
    .join(`${secret.slice(0, 4)}****`)
    .slice(0, 160);
}

export const precision = s => (s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp));
export const recall = s => (s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn));
