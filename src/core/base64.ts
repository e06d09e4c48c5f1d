/** Decodes standard or URL-safe base64 to a string of byte values, or undefined when it is not base64. */
export function decodeBase64(value: string): string | undefined {
  try {
    return atob(value.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return undefined;
  }
}
