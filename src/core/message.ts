import type { Finding } from './types';

/**
 * The one-line message for a finding, shared by the editor and the CLI. It names the provider and
 * shows the value masked; a failed checksum says so, because the user should not rotate a key
 * that never existed.
 */
export function findingMessage(f: Finding): string {
  const what = `${f.provider} ${f.description} ${f.masked}`;
  if (f.confidence === 'low') {
    return `${what} has the shape of a secret but fails its checksum; if it is real, move it out of the code.`;
  }
  return `${what} is hardcoded; move it to an environment variable (${f.envVar}).`;
}
