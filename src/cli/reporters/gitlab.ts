import { nodeCrypto } from '../../node/lazy-builtins';
import { findingMessage, ruleDocsUrl, type Severity } from '../../core';
import type { Reporter, ScanReport } from './reporter';

/**
 * GitLab's secret detection report (`gl-secret-detection-report.json`, security report schema
 * 15.2): what `artifacts: reports: secret_detection` takes, so findings show in the merge request
 * widget and the vulnerability report. Every field the schema requires is written: `version`,
 * `scan` (analyzer, scanner, type, times, status) and per vulnerability `id`, `identifiers` and
 * a `location` with its `commit`. Values appear masked only; no source extract is written.
 */
export const GITLAB_SCHEMA_VERSION = '15.2.1';

/** GitLab's severities, from a finding's severity and how sure the rule is. */
function gitlabSeverity(severity: Severity, confidence?: string): 'Critical' | 'High' | 'Medium' | 'Info' {
  if (severity === 'error') return confidence === 'high' ? 'Critical' : 'High';
  return severity === 'warning' ? 'Medium' : 'Info';
}

/** A UUID-shaped id that stays the same for the same finding across pipelines. */
function stableId(...parts: string[]): string {
  const h = nodeCrypto().createHash('sha256').update(parts.join('\0')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** `2026-12-05T21:59:03`: the schema's date-time, UTC, without zone or fraction. */
const schemaTime = (ms: number): string => new Date(ms).toISOString().slice(0, 19);

const component = (version: string) => ({
  id: 'secret-safe',
  name: 'Secret Safe',
  version,
  vendor: { name: 'Secret Safe' },
});

export const gitlabReporter: Reporter = {
  format(report: ScanReport, { version, commit }) {
    const sha = commit ?? '0000000';
    const vulnerabilities: object[] = [];
    for (const { file, finding: f, fingerprint, history } of report.findings) {
      const builtin = report.rules.get(f.ruleId);
      vulnerabilities.push({
        id: stableId('secret', file, f.ruleId, fingerprint ?? `${f.line}:${f.column}`),
        name: builtin ? `${builtin.provider === 'Generic' ? '' : `${builtin.provider} `}${f.description}`.trim() : f.ruleId,
        description: findingMessage(f),
        severity: gitlabSeverity(f.severity, f.confidence),
        solution: `Revoke or rotate the secret at its issuer, then read it from the environment (${f.envVar}) instead of the code.`,
        identifiers: [{ type: 'secret_safe_rule_id', name: f.ruleId, value: f.ruleId, ...(builtin ? { url: ruleDocsUrl(f.ruleId) } : {}) }],
        ...(builtin ? { links: [{ url: ruleDocsUrl(f.ruleId) }] } : {}),
        location: { file, start_line: f.line + 1, end_line: f.endLine + 1, commit: { sha: history?.commit ?? sha } },
      });
    }
    for (const h of report.hygiene) {
      vulnerabilities.push({
        id: stableId('hygiene', h.file, h.code),
        name: h.code,
        description: h.message,
        severity: gitlabSeverity(h.severity),
        identifiers: [{ type: 'secret_safe_rule_id', name: h.code, value: h.code }],
        location: { file: h.file, start_line: h.line + 1, commit: { sha } },
      });
    }
    for (const e of report.exits) {
      vulnerabilities.push({
        id: stableId('exit', e.file, e.code, e.secretFile),
        name: e.code,
        description: e.message,
        severity: gitlabSeverity(e.severity),
        identifiers: [{ type: 'secret_safe_rule_id', name: e.code, value: e.code }],
        location: { file: e.file, start_line: e.line + 1, commit: { sha } },
      });
    }
    const end = Date.now();
    const messages = report.summary.skipped.map(s => ({
      level: 'warn',
      value: `${s.file} was not scanned (${s.reason}${s.detail ? `: ${s.detail}` : ''})`,
    }));
    return `${JSON.stringify(
      {
        version: GITLAB_SCHEMA_VERSION,
        scan: {
          analyzer: component(version),
          scanner: component(version),
          type: 'secret_detection',
          start_time: schemaTime(end - report.summary.elapsedMs),
          end_time: schemaTime(end),
          status: report.summary.incomplete ? 'failure' : 'success',
          ...(messages.length > 0 ? { messages } : {}),
        },
        vulnerabilities,
      },
      null,
      2,
    )}\n`;
  },
};
