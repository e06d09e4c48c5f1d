/**
 * The `secretSafe.*` settings as the server reads them. The schema lives in package.json; this type
 * is the contract between that schema, the client and the server (vscode-eslint's recipe).
 */
export interface Settings {
  enable: boolean;
  run: 'onType' | 'onSave';
  exclude: string[];
  /** The `.env` file "Move to .env" writes, relative to the workspace folder; empty: the nearest one. */
  envFile: string;
  /** "Scan Workspace" skips files larger than this many megabytes. */
  maxFileSizeMB: number;
  /** `secretSafe.rules.customizations`: per-rule severity or `off`, as eslint's `rules.customizations`; later entries win. */
  rules: RuleCustomization[];
}

/** `{ "rule": "generic-*", "severity": "off" }`: `*` matches any run of characters; `!` first matches the rules the rest does not. */
export interface RuleCustomization {
  rule: string;
  severity: 'error' | 'warning' | 'info' | 'off' | 'default';
}

const CUSTOM_SEVERITIES = new Set(['error', 'warning', 'info', 'off', 'default']);

/** Used where the client sends nothing, as editors other than VS Code may. Safe: checks everything. */
export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  run: 'onType',
  exclude: [],
  envFile: '',
  maxFileSizeMB: 10,
  rules: [],
};

/** The configuration section, and the prefix of every setting. */
export const SETTINGS_SECTION = 'secretSafe';

/** Merges what a client sent with the defaults, ignoring values of the wrong type. */
export function normalizeSettings(raw: unknown): Settings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return {
    enable: typeof r.enable === 'boolean' ? r.enable : DEFAULT_SETTINGS.enable,
    run: r.run === 'onSave' || r.run === 'onType' ? r.run : DEFAULT_SETTINGS.run,
    exclude: Array.isArray(r.exclude) ? r.exclude.filter((e): e is string => typeof e === 'string') : DEFAULT_SETTINGS.exclude,
    envFile: typeof r.envFile === 'string' ? r.envFile : DEFAULT_SETTINGS.envFile,
    maxFileSizeMB: typeof r.maxFileSizeMB === 'number' && r.maxFileSizeMB > 0 ? r.maxFileSizeMB : DEFAULT_SETTINGS.maxFileSizeMB,
    rules: ruleCustomizations((r.rules as Record<string, unknown> | undefined)?.customizations),
  };
}

function ruleCustomizations(raw: unknown): RuleCustomization[] {
  if (!Array.isArray(raw)) return DEFAULT_SETTINGS.rules;
  return raw.filter(
    (c): c is RuleCustomization =>
      typeof c === 'object' && c !== null && typeof (c as RuleCustomization).rule === 'string' && CUSTOM_SEVERITIES.has((c as RuleCustomization).severity),
  );
}
