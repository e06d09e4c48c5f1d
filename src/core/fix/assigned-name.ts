/** How far back on its line the name of a value is looked for. */
const REACH = 200;

const FORMS: RegExp[] = [
  // name = value, name: value, name := value, "name": value, name => value, name: Type = value
  /([A-Za-z_$@][\w$@.-]*)["'\]]?\s*(?::\s*[\w<>[\]&.?]+\s*)?(?::=|=>|\?\?=|\|\|=|=|:)\s*$/,
  // Go: var name Type = value
  /\b([A-Za-z_]\w*)\s+[\w.[\]*]+\s*=\s*$/,
  // setenv("NAME", value), define('NAME', value), headers.set("X-Api-Key", value)
  /["']([\w.-]+)["']\s*,\s*$/,
  // <add key="Name" value="...">
  /key\s*=\s*"([^"]+)"\s+value\s*=\s*$/,
  // <name>value</name>
  /<([\w.:-]+)>$/,
  // Dockerfile: ENV NAME value
  /^\s*ENV\s+(\w+)\s+$/,
];

/**
 * The identifier, property or key a value is bound to, read from the text just before it on its
 * line (`apiKey` in `const apiKey = "…"`, `api_key` in `OpenAI(api_key="…")`), or undefined.
 */
export function assignedName(text: string, valueStart: number): string | undefined {
  const lineStart = Math.max(text.lastIndexOf('\n', valueStart - 1) + 1, valueStart - REACH);
  const before = text.slice(lineStart, valueStart);
  for (const form of FORMS) {
    const m = form.exec(before);
    if (m) {
      return m[1];
    }
  }
  return undefined;
}

/** Names that say nothing about which secret they hold: the rule's own name is better. */
export function isVagueName(envName: string): boolean {
  return (
    envName.length <= 2 ||
    /^(?:KEY|VALUE|VAL|V|K|S|X|STR|DATA|TOKEN|SECRET|PASSWORD|PASS|PWD|AUTH|CREDENTIALS?|HEADERS?|AUTHORIZATION|URL|URI|CONFIG|OPTIONS)$/.test(envName)
  );
}
