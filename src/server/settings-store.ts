import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, SETTINGS_SECTION, normalizeSettings, type Settings } from '../shared/settings';

/**
 * Per-document settings, pulled from the client with `workspace/configuration` and cached until
 * the client says they changed. Clients without that request get the defaults.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  /** Settings a client pushed with `workspace/didChangeConfiguration`, for clients that cannot be asked. */
  private pushed: Settings = DEFAULT_SETTINGS;
  canPull = false;

  constructor(private readonly connection: Connection) {}

  get(uri: string): Promise<Settings> {
    if (!this.canPull) {
      return Promise.resolve(this.pushed);
    }
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(normalizeSettings, () => DEFAULT_SETTINGS);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /** Takes pushed settings (`{ secretSafe: {...} }`); VS Code pushes nothing and is asked instead. */
  push(all: unknown): void {
    const section = (all as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION];
    if (section !== undefined) {
      this.pushed = normalizeSettings(section);
    }
  }

  forget(uri?: string): void {
    if (uri === undefined) {
      this.cache.clear();
    } else {
      this.cache.delete(uri);
    }
  }
}
