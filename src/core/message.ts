import type { Finding } from './types';

/** "Anthropic API key", or for the generic rules "Password" / "Token". */
/** What a finding is, by provider: `Anthropic API key`, or `Password` for a generic one. */
export function findingLabel(f: Finding): string {
  return f.provider === 'Generic' ? f.description.charAt(0).toUpperCase() + f.description.slice(1) : `${f.provider} ${f.description}`;
}

/**
 * The one-line message for a finding, shared by the editor and the CLI. It names the provider and
 * shows the value masked; a failed checksum says so, because the user should not rotate a key
 * that never existed.
 */
export function findingMessage(f: Finding): string {
  const what = `${findingLabel(f)} ${f.masked}${f.name ? ` in ${f.name}` : ''}`;
  let message: string;
  if (f.checksum === 'invalid') {
    message = `${what} has the shape of a secret but fails its checksum; if it is real, move it out of the code.`;
  } else if (f.severity === 'info') {
    message = `${what} found.`;
  } else {
    message = `${what} is hardcoded; move it to an environment variable (${f.envVar}).`;
  }
  if (f.note) {
    message += ` ${f.note}`;
  }
  if (f.suppressionExpired) {
    message += ` (Its secret-safe-ignore comment expired on ${f.suppressionExpired}.)`;
  }
  return message;
}
