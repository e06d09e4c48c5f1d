import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '../../../src/core/language';
import { LiteralDecodeError, decodeLiteral, literalForm } from '../../../src/core/fix/literal-value';
import { tempDir } from '../../helpers/temp-dir';

/**
 * The value Move to .env writes is the value the program used: each language's string literals,
 * escapes and all, are decoded by the fix and by the language's own runtime, and the two must
 * agree code point for code point. The runtimes are the facts; npm test installs them.
 */
interface Case {
  lang: Lang;
  /** The program's file name, and its source around `LITERAL` (the literal, quotes included). */
  file: string;
  program: string;
  command: (file: string) => string[];
  literals: string[];
  /** The program prints UTF-8 bytes in hex (PHP strings are bytes), not code points. */
  bytes?: boolean;
}

/** Escapes every language here has, and each one's own. */
const CASES: Case[] = [
  {
    lang: 'javascript',
    file: 'p.js',
    program: 'const s = LITERAL;\nconsole.log([...s].map(c => c.codePointAt(0).toString(16)).join(" "));\n',
    command: f => ['node', f],
    literals: ['"\\101\\x41\\u0041\\u{1F600}\\#\\q\\0\\b\\t\\v\\f\\\\\\\'\\"\\8"', "'a\\\nb'", '`x\\`y\\${z}`'],
  },
  {
    lang: 'python',
    file: 'p.py',
    program: 's = LITERAL\nprint(" ".join(format(c if isinstance(c, int) else ord(c), "x") for c in s))\n',
    command: f => ['python3', '-W', 'ignore', f],
    literals: ['"\\101\\x41\\u0041\\U0001F600\\a\\0\\7\\q\\"\\\\"', "'\\t\\v\\f\\b\\N'", "b'\\x41\\u0041'"],
  },
  {
    lang: 'ruby',
    file: 'p.rb',
    program: 's = LITERAL\nputs s.codepoints.map { |c| c.to_s(16) }.join(" ")\n',
    command: f => ['ruby', '-W0', f],
    literals: ['"\\101\\x41\\u0041\\u{1F600}\\#{x}\\s\\e\\q\\0"', "'a\\'b\\\\c\\n'"],
  },
  {
    lang: 'php',
    file: 'p.php',
    program: '<?php\n$s = LITERAL;\necho bin2hex($s), "\\n";\n',
    command: f => ['php', f],
    bytes: true,
    literals: ['"\\101\\x41\\u{1F600}\\u0041\\e\\q\\$\\v"', "'\\u0041\\'\\\\'"],
  },
  {
    lang: 'go',
    file: 'p.go',
    program:
      'package main\n\nimport (\n\t"fmt"\n\t"strings"\n)\n\nfunc main() {\n\ts := LITERAL\n\tparts := []string{}\n\tfor _, r := range s {\n\t\tparts = append(parts, fmt.Sprintf("%x", r))\n\t}\n\tfmt.Println(strings.Join(parts, " "))\n}\n',
    command: f => ['go', 'run', f],
    literals: ['"\\101\\x41\\u0041\\U0001F600\\a\\v\\\\\\""', '`raw\\n`'],
  },
  {
    lang: 'java',
    file: 'P.java',
    program:
      'public class P {\n  public static void main(String[] a) {\n    String s = LITERAL;\n    StringBuilder b = new StringBuilder();\n    s.codePoints().forEach(c -> b.append(b.length() > 0 ? " " : "").append(Integer.toHexString(c)));\n    System.out.println(b);\n  }\n}\n',
    command: f => ['java', f],
    literals: ['"\\101\\u0041\\s\\b\\t\\0\\377\\\\"'],
  },
];

const hex = (s: string): string => [...s].map(c => c.codePointAt(0)!.toString(16)).join(' ');

describe('Move to .env: string literals decoded as each language does', function () {
  this.timeout(120_000);
  let dir: ReturnType<typeof tempDir>;
  before(() => {
    dir = tempDir();
  });
  after(() => dir.dispose());

  for (const c of CASES) {
    it(`${c.lang}: the fix reads each literal as ${c.command('x')[0]} runs it`, () => {
      for (const literal of c.literals) {
        const file = join(dir.path, c.file);
        writeFileSync(file, c.program.replace('LITERAL', literal));
        const run = spawnSync(c.command(file)[0], c.command(file).slice(1), {
          cwd: dir.path,
          encoding: 'utf8',
          env: { ...process.env, GOFLAGS: '-mod=mod', GO111MODULE: 'off' },
        });
        assert.equal(run.error, undefined, `${c.command(file)[0]} is not installed: npm test installs it`);
        const text = `x = ${literal}`;
        const form = literalForm(text, 4 + (/^[a-zA-Z]+/.exec(literal)?.[0].length ?? 0), c.lang);
        const raw = literal.slice(literal.indexOf(form.quote) + 1, -1);
        let decoded: string;
        try {
          decoded = decodeLiteral(raw, form, c.lang);
        } catch (e) {
          assert.ok(e instanceof LiteralDecodeError);
          // Refused: what the fix cannot know, the program must not be compiling to one value either.
          assert.ok(/interpolation|not one the fix decodes/.test(e.message), e.message);
          continue;
        }
        assert.equal(run.status, 0, `${c.lang} ${literal}: ${run.stderr}`);
        assert.equal(c.bytes ? Buffer.from(decoded, 'utf8').toString('hex') : hex(decoded), run.stdout.trim(), `${c.lang} ${literal}`);
      }
    });
  }

  it('refuses what it cannot know: interpolations, named characters, escapes the compiler rejects', () => {
    const refused: Array<[Lang, string, string]> = [
      ['javascript', '`', 'sk-${suffix}'],
      ['python', '"', '\\N{BULLET}'],
      ['ruby', '"', 'a#{b}'],
      ['php', '"', 'key$suffix'],
      ['go', '"', '\\q'],
      ['kotlin', '"', 'a${b}'],
      ['shell', '"', 'a$HOME'],
    ];
    for (const [lang, quote, raw] of refused) {
      const form = { quote, prefix: '', escapes: true };
      assert.throws(() => decodeLiteral(raw, form, lang), LiteralDecodeError, `${lang} ${quote}${raw}${quote}`);
    }
  });
});
