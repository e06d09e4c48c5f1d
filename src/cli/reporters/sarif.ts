import { nodeCrypto } from '../../node/lazy-builtins';
import { pathToFileURL } from 'node:url';
import { BUILTIN_RULES, findingMessage, rotationOf, ruleDocsUrl, type Rule, type Severity } from '../../core';
import { EXIT_BY_CODE, EXITS_DOCS_URL } from '../../core/exits';
import { HYGIENE_CODES, HYGIENE_DOCS_URL, HYGIENE_SEVERITY } from '../../core/hygiene';
import type { Reporter } from './reporter';

const BUILTIN: ReadonlySet<Rule> = new Set(BUILTIN_RULES);
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
/** GitHub code scanning ranks alerts by this (critical ≥ 9, high ≥ 7, medium ≥ 4). */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.5', warning: '5.0', info: '2.0' };

const HYGIENE_RULES: Record<string, { name: string; text: string }> = {
  [HYGIENE_CODES.tracked]: {
    name: 'SecretFileTracked',
    text: 'A secret file (.env, a private key, a keystore) is committed to git. Remove it from the index (git rm --cached), ignore it, and rotate the keys in it: the history keeps them.',
  },
  [HYGIENE_CODES['not-ignored']]: {
    name: 'SecretFileNotIgnored',
    text: 'A secret file is not git-ignored, so the next `git add .` commits it. Add its pattern to .gitignore.',
  },
  [HYGIENE_CODES['unignore-rule']]: { name: 'SecretFileUnignored', text: 'A `!` line in .gitignore makes git include a secret file. Remove the line.' },
};

/** A path as a SARIF URI reference: each segment percent-encoded, `/` kept. */
const uriOf = (file: string): string => file.split('/').map(encodeURIComponent).join('/');
const sha256 = (text: string): string => nodeCrypto().createHash('sha256').update(text).digest('hex');
const pascal = (id: string): string => id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase());

/**
 * SARIF 2.1.0, as GitHub code scanning accepts it: one run, the rules that fired with their help
 * and docs link, results with 1-based regions in UTF-16 columns and a `partialFingerprints` entry
 * (the hash of rule and secret) that follows a secret when its line moves. Values appear masked only.
 */
export const sarifReporter: Reporter = {
  format({ findings, hygiene, exits, rules, summary }, { version, cwd }) {
    const ruleIndex = new Map<string, number>();
    const descriptors: object[] = [];
    const indexOf = (id: string, describe: () => object): number => {
      let index = ruleIndex.get(id);
      if (index === undefined) {
        index = descriptors.push(describe()) - 1;
        ruleIndex.set(id, index);
      }
      return index;
    };
    const results: object[] = [];
    for (const ff of findings) {
      const { file, finding: f } = ff;
      const index = indexOf(f.ruleId, () => {
        const rule = rules.get(f.ruleId);
        const title = rule ? `${rule.provider} ${rule.description}` : f.ruleId;
        const builtin = rule !== undefined && BUILTIN.has(rule);
        const help = `Hardcoded ${title}. Move the value to an environment variable (${f.envVar}) read at run time, keep it in an ignored .env file, and rotate it: anyone who saw the code or its history has it.`;
        return {
          id: f.ruleId,
          name: pascal(f.ruleId),
          shortDescription: { text: `Hardcoded ${title}` },
          fullDescription: { text: help },
          ...(builtin ? { helpUri: ruleDocsUrl(f.ruleId) } : {}),
          help: { text: help, markdown: `${help}${builtin ? `\n\n[Rule documentation](${ruleDocsUrl(f.ruleId)})` : ''}` },
          defaultConfiguration: { level: LEVEL[rule?.severity ?? f.severity] },
          properties: {
            tags: ['security', 'secret', 'external/cwe/cwe-798'],
            precision: 'very-high',
            'security-severity': SECURITY_SEVERITY[rule?.severity ?? f.severity],
          },
        };
      });
      results.push({
        ruleId: f.ruleId,
        ruleIndex: index,
        level: LEVEL[f.severity],
        message: { text: findingMessage(f) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: uriOf(file), uriBaseId: '%SRCROOT%' },
              region: { startLine: f.line + 1, startColumn: f.column + 1, endLine: f.endLine + 1, endColumn: f.endColumn + 1 },
            },
          },
        ],
        partialFingerprints: { 'secretSafe/v2': ff.fingerprint ?? '' },
        // From the history scan: the commit that first brought the secret, and whether HEAD still holds it.
        ...(ff.history
          ? {
              properties: {
                commit: ff.history.commit,
                author: ff.history.author,
                date: ff.history.date,
                inHead: ff.history.inHead,
                ...(rotationOf(f).page ? { rotate: rotationOf(f).page } : {}),
              },
            }
          : {}),
      });
    }
    for (const h of hygiene) {
      const index = indexOf(h.code, () => ({
        id: h.code,
        name: HYGIENE_RULES[h.code].name,
        shortDescription: { text: HYGIENE_RULES[h.code].text.split('. ')[0] },
        fullDescription: { text: HYGIENE_RULES[h.code].text },
        helpUri: `${HYGIENE_DOCS_URL}#${h.code}`,
        help: { text: HYGIENE_RULES[h.code].text, markdown: `${HYGIENE_RULES[h.code].text}\n\n[Documentation](${HYGIENE_DOCS_URL}#${h.code})` },
        defaultConfiguration: { level: LEVEL[HYGIENE_SEVERITY[h.problem]] },
        properties: { tags: ['security', 'secret', 'git'], precision: 'very-high', 'security-severity': SECURITY_SEVERITY[HYGIENE_SEVERITY[h.problem]] },
      }));
      results.push({
        ruleId: h.code,
        ruleIndex: index,
        level: LEVEL[h.severity],
        message: { text: h.message },
        locations: [
          { physicalLocation: { artifactLocation: { uri: uriOf(h.file), uriBaseId: '%SRCROOT%' }, region: { startLine: h.line + 1, startColumn: 1 } } },
        ],
        partialFingerprints: { 'secretSafeHygiene/v1': sha256(`${h.code}\0${h.file}\0${h.line}`) },
      });
    }
    for (const e of exits) {
      const exit = EXIT_BY_CODE.get(e.code)!;
      const text = `A secret file would leave by the ${exit.name}: ${exit.test}. The fix: ${exit.fix}.`;
      const index = indexOf(e.code, () => ({
        id: e.code,
        name: pascal(e.code),
        shortDescription: { text: `A secret file would leave by the ${exit.name}` },
        fullDescription: { text },
        helpUri: `${EXITS_DOCS_URL}#${e.code}`,
        help: { text, markdown: `${text}\n\n[Documentation](${EXITS_DOCS_URL}#${e.code})` },
        defaultConfiguration: { level: LEVEL[exit.severity] },
        properties: { tags: ['security', 'secret', exit.id], precision: 'very-high', 'security-severity': SECURITY_SEVERITY[exit.severity] },
      }));
      results.push({
        ruleId: e.code,
        ruleIndex: index,
        level: LEVEL[e.severity],
        message: { text: e.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: uriOf(e.file), uriBaseId: '%SRCROOT%' },
              region: { startLine: e.line + 1, startColumn: e.column + 1, endColumn: e.endColumn + 1 },
            },
          },
        ],
        partialFingerprints: { 'secretSafeExit/v1': sha256(`${e.code}\0${e.file}\0${e.secretFile}`) },
      });
    }
    const log = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'Secret Safe',
              semanticVersion: version,
              version,
              informationUri: 'https://github.com/secret-safe/secret-safe',
              rules: descriptors,
            },
          },
          originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(cwd).href.replace(/\/?$/, '/')}` } },
          columnKind: 'utf16CodeUnits',
          // Whether everything was scanned, and what was not (binary files aside).
          invocations: [
            {
              executionSuccessful: !summary.incomplete,
              toolExecutionNotifications: summary.skipped.map(s => ({
                level: s.reason === 'unreadable' || summary.incomplete ? 'error' : 'warning',
                descriptor: { id: `skipped-${s.reason}` },
                message: {
                  text:
                    s.reason === 'too-large'
                      ? 'Not scanned: larger than the size limit.'
                      : s.reason === 'time-budget'
                        ? `Only partly checked by ${s.detail}: the rule ran out of its time budget.`
                        : `Not scanned: unreadable (${s.detail ?? 'read failed'}).`,
                },
                locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(s.file), uriBaseId: '%SRCROOT%' } } }],
              })),
            },
          ],
          results,
        },
      ],
    };
    return `${JSON.stringify(log, null, 2)}\n`;
  },
};
