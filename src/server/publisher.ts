import type { Connection, Diagnostic } from 'vscode-languageserver';

/**
 * Who produced a set of diagnostics for a URI: the document check, the git-hygiene check, a
 * workspace scan (files not open), or an exit's check (a Dockerfile's build context).
 */
export type Channel = 'document' | 'hygiene' | 'scan' | 'exits' | 'agents';

/**
 * One publish per URI for several checks: LSP replaces a URI's diagnostics wholesale, so each
 * check sets its own part here and the union is sent. An open `.env` can then carry both a
 * hygiene warning and its document's own findings without one erasing the other.
 */
export class Publisher {
  private readonly parts = new Map<string, Map<Channel, Diagnostic[]>>();

  constructor(private readonly connection: Connection) {}

  set(uri: string, channel: Channel, diagnostics: Diagnostic[], version?: number): void {
    let parts = this.parts.get(uri);
    if (!parts) {
      if (diagnostics.length === 0) {
        // Nothing known and nothing to add; still publish once so a stale list clears.
        void this.connection.sendDiagnostics({ uri, diagnostics: [] });
        return;
      }
      parts = new Map();
      this.parts.set(uri, parts);
    }
    if (diagnostics.length === 0) {
      parts.delete(channel);
    } else {
      parts.set(channel, diagnostics);
    }
    const all = [...parts.values()].flat();
    if (parts.size === 0) {
      this.parts.delete(uri);
    }
    void this.connection.sendDiagnostics({ uri, diagnostics: all, ...(version !== undefined && parts.size <= 1 ? { version } : {}) });
  }

  /** Whether a channel has diagnostics on a URI now. */
  has(uri: string, channel: Channel): boolean {
    return this.parts.get(uri)?.has(channel) === true;
  }

  /** URIs a channel has diagnostics on now. */
  urisOf(channel: Channel): string[] {
    return [...this.parts].filter(([, parts]) => parts.has(channel)).map(([uri]) => uri);
  }
}
