/**
 * Whether a file's code is sent to the browser, judged from its path and its first statement:
 * a key in it is readable by every visitor, whatever the code does with it. Only signs that do not
 * depend on a build's configuration count; a file that also runs on the server is not claimed.
 */
export function clientSideReason(path: string, text: string): string | undefined {
  const normalized = path.replace(/\\/g, '/');
  const base = normalized.slice(normalized.lastIndexOf('/') + 1);
  if (/^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(['"])use client\1/.test(text.slice(0, 4000))) {
    return "a 'use client' file (React Server Components send it to the browser)";
  }
  if (/\.client\.(?:[cm]?[jt]sx?|vue)$/.test(base)) {
    return 'a .client file (Remix, Nuxt and others bundle it for the browser only)';
  }
  if (/(?:^|\/)(?:public|static)\/(?:.*\/)?[^/]+$/.test(normalized) && !/(?:^|\/)node_modules\//.test(normalized)) {
    return `in ${/(?:^|\/)public\//.test(normalized) ? 'public/' : 'static/'}, which web frameworks serve as is`;
  }
  if (/\.(?:vue|svelte)$/.test(base)) {
    return `a ${base.endsWith('.vue') ? 'Vue' : 'Svelte'} component, bundled for the browser`;
  }
  if (/\.html?$/.test(base)) {
    return 'an HTML page, which browsers download as is';
  }
  if (/(?:^|\/)(?:content[-_]?scripts?|popup)\/|(?:^|\/)content[-_]?script\.[cm]?[jt]sx?$/.test(normalized)) {
    return 'a browser extension script, which users can read';
  }
  return undefined;
}
