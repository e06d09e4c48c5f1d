import * as assert from 'node:assert/strict';
import { planEnvLoading, type EnvLoading } from '../../../src/core/fix/loading';
import { applyEdits, composeEdits } from '../../../src/core/fix/text-edit';
import type { Lang } from '../../../src/core/language';

/** Plans the loading for `rel` in a project of `files`, and returns the kind, what it says, and the files after the edits. */
function loading(lang: Lang, rel: string, files: Record<string, string>, options: { envRel?: string; envText?: string } = {}) {
  const map = new Map(Object.entries(files));
  const result = planEnvLoading({
    lang,
    document: { rel, text: map.get(rel) ?? '' },
    envRel: options.envRel ?? '.env',
    envText: options.envText ?? "API_KEY='x'\n",
    name: 'API_KEY',
    project: { files: map, pathOf: r => `/p/${r}` },
  }) as EnvLoading;
  const after = new Map(map);
  if (result?.kind === 'wired') for (const c of result.changes) after.set(c.rel, applyEdits(map.get(c.rel) ?? '', c.edits));
  return { result, fileAfter: (r: string) => after.get(r) };
}

const pkg = (o: object): string => `${JSON.stringify(o, null, 2)}\n`;

describe('Move to .env: what loads .env afterwards', () => {
  describe('Node', () => {
    it('adds nothing where a framework loads .env itself (Next.js, Nuxt, NestJS ConfigModule, …)', () => {
      for (const dep of ['next', 'nuxt', '@sveltejs/kit', 'astro', '@remix-run/dev', '@nestjs/config']) {
        const { result } = loading('typescript', 'src/lib/ai.ts', {
          'package.json': pkg({ dependencies: { [dep]: '1' } }),
          'src/lib/ai.ts': 'const k = process.env.API_KEY;\n',
        });
        assert.equal(result.kind, 'loaded', dep);
      }
    });

    it('adds nothing where a script loads it (--env-file, dotenv -e, preloaded dotenv/config) or the code does', () => {
      for (const start of ['node --env-file=.env index.js', 'node -r dotenv/config index.js', 'dotenv -e .env -- node index.js', 'env-cmd node index.js']) {
        assert.equal(loading('javascript', 'index.js', { 'package.json': pkg({ scripts: { start } }), 'index.js': '' }).result.kind, 'loaded', start);
      }
      const entry = "require('dotenv').config();\nrequire('./lib');\n";
      const { result } = loading('javascript', 'lib.js', {
        'package.json': pkg({ main: 'index.js', dependencies: { dotenv: '1' } }),
        'index.js': entry,
        'lib.js': '',
      });
      assert.deepEqual(result, { kind: 'loaded', by: 'the entry point, index.js' });
    });

    it('refuses browser code in a Vite app, and says vite.config needs loadEnv', () => {
      const files = { 'package.json': pkg({ devDependencies: { vite: '5' } }), 'src/main.ts': '', 'vite.config.ts': '', 'server/api.ts': '' };
      assert.equal(loading('typescript', 'src/main.ts', files).result.kind, 'refused');
      const config = loading('typescript', 'vite.config.ts', files).result;
      assert.equal(config.kind, 'unwired');
      assert.match(config.kind === 'unwired' ? config.reason : '', /loadEnv/);
      assert.equal(loading('typescript', 'server/api.ts', files).result.kind, 'wired', 'server code in a Vite repo still runs on Node');
    });

    it('calls dotenv at the entry point the start script runs, as ESM or CommonJS, with the path when .env is elsewhere', () => {
      const cjs = loading('javascript', 'src/a.js', {
        'package.json': pkg({ scripts: { start: 'node --inspect src/main.js' }, dependencies: { dotenv: '1' } }),
        'src/main.js': "#!/usr/bin/env node\n'use strict';\nrequire('./a');\n",
        'src/a.js': '',
      });
      assert.equal(cjs.fileAfter('src/main.js'), "#!/usr/bin/env node\n'use strict';\nrequire('dotenv').config();\nrequire('./a');\n");
      const esm = loading('typescript', 'src/a.ts', {
        'package.json': pkg({ type: 'module', main: 'dist/index.js', devDependencies: { dotenv: '1' } }),
        'src/index.ts': "// entry\nimport { a } from './a.js';\n",
        'src/a.ts': '',
      });
      assert.equal(
        esm.fileAfter('src/index.ts'),
        "// entry\nimport 'dotenv/config';\nimport { a } from './a.js';\n",
        'dist/index.js was built from src/index.ts',
      );
      const monorepo = loading(
        'javascript',
        'index.js',
        { 'package.json': pkg({ main: 'index.js', dependencies: { dotenv: '1' } }), 'index.js': 'run();\n' },
        { envRel: '../../.env' },
      );
      assert.equal(monorepo.fileAfter('index.js'), "require('dotenv').config({ path: require('node:path').join(__dirname, '../../.env') });\nrun();\n");
    });

    it("uses Node's --env-file-if-exists only where engines allow it, process.loadEnvFile from 20.12, and nothing older", () => {
      const files = (engines: string): Record<string, string> => ({
        'package.json': pkg({ engines: { node: engines }, scripts: { start: 'node server.js' } }),
        'server.js': 'go();\n',
      });
      const new22 = loading('javascript', 'server.js', files('>=22.9.0'));
      assert.match(new22.fileAfter('package.json')!, /"start": "node --env-file-if-exists=\.env server\.js"/);
      const node20 = loading('javascript', 'server.js', files('^20.12 || >=22'));
      assert.equal(node20.result.kind, 'wired');
      assert.match(node20.fileAfter('server.js')!, /^try \{ process\.loadEnvFile\(require\('node:path'\)\.join\(__dirname, '\.env'\)\); \} catch/);
      const node18 = loading('javascript', 'server.js', files('>=18'));
      assert.equal(node18.result.kind, 'unwired');
      assert.match(node18.result.kind === 'unwired' ? node18.result.reason : '', /Node 18\.0\.0 .* no built-in \.env loader/);
    });

    it('loads .env from the project root in TypeScript (compiled code runs from elsewhere), typed for strict mode', () => {
      const { fileAfter } = loading('typescript', 'src/ai.ts', {
        'package.json': pkg({ name: 'x' }),
        'src/ai.ts': "import OpenAI from 'openai';\nconst c = 1;\n",
      });
      assert.equal(
        fileAfter('src/ai.ts'),
        "import OpenAI from 'openai';\ntry { process.loadEnvFile('.env'); } catch (error) { if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error; }\nconst c = 1;\n",
      );
    });

    it('leaves a published library alone: the program using it loads .env', () => {
      const lib = loading('javascript', 'lib/client.js', { 'package.json': pkg({ name: 'acme-sdk', main: 'lib/index.js' }), 'lib/client.js': '' }).result;
      assert.equal(lib.kind, 'unwired');
      assert.match(lib.kind === 'unwired' ? lib.reason : '', /library/);
      const app = loading('javascript', 'lib/client.js', {
        'package.json': pkg({ private: true, main: 'lib/index.js' }),
        'lib/index.js': '',
        'lib/client.js': '',
      });
      assert.equal(app.result.kind, 'wired', 'a private package is an application');
    });

    it('tells Deno projects to run with --env-file, unless a task does', () => {
      assert.equal(loading('typescript', 'main.ts', { 'deno.json': '{ "tasks": { "dev": "deno run -A main.ts" } }', 'main.ts': '' }).result.kind, 'unwired');
      assert.equal(
        loading('typescript', 'main.ts', { 'deno.json': '{ "tasks": { "dev": "deno run --env-file -A main.ts" } }', 'main.ts': '' }).result.kind,
        'loaded',
      );
    });
  });

  describe('Python', () => {
    it('calls load_dotenv() after the imports when python-dotenv is a dependency (requirements, pyproject, Pipfile)', () => {
      for (const [file, text] of [
        ['requirements.txt', 'flask\npython-dotenv>=1\n'],
        ['pyproject.toml', '[project]\ndependencies = ["python-dotenv>=1.0"]\n'],
        ['Pipfile', '[packages]\npython-dotenv = "*"\n'],
      ]) {
        const { fileAfter } = loading('python', 'svc/app.py', {
          [file]: text,
          'svc/app.py': 'import os\nfrom x import (\n    a,\n)\n\nKEY = os.environ["API_KEY"]\n',
        });
        assert.equal(
          fileAfter('svc/app.py'),
          'import os\nfrom x import (\n    a,\n)\nfrom dotenv import load_dotenv\n\nload_dotenv()\n\nKEY = os.environ["API_KEY"]\n',
          file,
        );
      }
    });

    it('adds nothing when the module or the entry (manage.py) calls load_dotenv, or pydantic-settings reads env_file', () => {
      assert.equal(loading('python', 'a.py', { 'a.py': 'from dotenv import load_dotenv\nload_dotenv()\n' }).result.kind, 'loaded');
      assert.equal(loading('python', 'proj/settings.py', { 'manage.py': 'load_dotenv()\n', 'proj/settings.py': 'import os\n' }).result.kind, 'loaded');
      assert.equal(
        loading('python', 's.py', { 's.py': 'import os\nclass S(BaseSettings):\n    model_config = SettingsConfigDict(env_file=".env")\n' }).result.kind,
        'loaded',
      );
    });

    it('without python-dotenv says nothing loads .env, and offers to add it to requirements.txt for the user to install', () => {
      const { result } = loading('python', 'app.py', { 'requirements.txt': 'requests\n', 'app.py': 'import os\nK = os.environ["API_KEY"]\n' });
      assert.equal(result.kind, 'unwired');
      if (result.kind !== 'unwired') return;
      assert.match(result.reason, /python-dotenv is not among/);
      const [alt] = result.alternatives ?? [];
      assert.match(alt.title, /requirements\.txt.*pip install/);
      assert.equal(applyEdits('requests\n', alt.changes.find(c => c.rel === 'requirements.txt')!.edits), 'requests\npython-dotenv\n');
    });
  });

  describe('other ecosystems', () => {
    it("Go: godotenv's autoload as a blank import, only when go.mod has godotenv", () => {
      const go = 'package main\n\nimport "os"\n\nvar k = os.Getenv("API_KEY")\n';
      const { fileAfter } = loading('go', 'main.go', { 'go.mod': 'module m\n\nrequire github.com/joho/godotenv v1.5.1\n', 'main.go': go });
      assert.equal(fileAfter('main.go'), 'package main\n\nimport "os"\nimport _ "github.com/joho/godotenv/autoload"\n\nvar k = os.Getenv("API_KEY")\n');
      assert.equal(loading('go', 'main.go', { 'go.mod': 'module m\n', 'main.go': go }).result.kind, 'unwired');
    });

    it('Ruby: Rails with dotenv loads it; a plain script requires dotenv/load', () => {
      assert.equal(loading('ruby', 'app/x.rb', { Gemfile: 'gem "dotenv-rails"\n', 'app/x.rb': '' }).result.kind, 'loaded');
      assert.equal(loading('ruby', 'app/x.rb', { Gemfile: "gem 'dotenv'\n", 'config/application.rb': '', 'app/x.rb': '' }).result.kind, 'loaded');
      assert.equal(loading('ruby', 'x.rb', { Gemfile: 'gem "rack"\n', 'x.rb': '' }).result.kind, 'unwired');
    });

    it('PHP: Laravel and Symfony load it; phpdotenv is loaded after the autoloader, inside a namespace too', () => {
      assert.equal(loading('php', 'app/X.php', { 'composer.json': '{"require":{"laravel/framework":"^11"}}', 'app/X.php': '<?php\n' }).result.kind, 'loaded');
      const { fileAfter } = loading('php', 'src/Client.php', {
        'composer.json': '{"require":{"vlucas/phpdotenv":"^5"}}',
        'src/Client.php': '<?php\nnamespace App;\n\nuse Foo\\Bar;\n\nclass Client {\n    use Helper;\n}\n',
      });
      assert.equal(
        fileAfter('src/Client.php'),
        "<?php\nnamespace App;\n\nuse Foo\\Bar;\nrequire_once __DIR__ . '/../vendor/autoload.php';\n\\Dotenv\\Dotenv::createUnsafeImmutable(__DIR__ . '/..')->safeLoad();\n\nclass Client {\n    use Helper;\n}\n",
      );
    });

    it("Spring Boot: application.properties imports .env; Java's System.getenv is told to use @Value", () => {
      const files = {
        'pom.xml': '<artifactId>spring-boot-starter</artifactId>',
        'src/main/resources/application.properties': 'server.port=8080\napi.key=${API_KEY}\n',
      };
      const { fileAfter } = loading('properties', 'src/main/resources/application.properties', files);
      assert.equal(
        fileAfter('src/main/resources/application.properties'),
        'server.port=8080\napi.key=${API_KEY}\nspring.config.import=optional:file:.env[.properties]\n',
      );
      const yaml = loading('yaml', 'src/main/resources/application.yml', { ...files, 'src/main/resources/application.yml': 'api:\n  key: ${API_KEY}\n' });
      assert.equal(
        yaml.fileAfter('src/main/resources/application.yml'),
        'api:\n  key: ${API_KEY}\nspring:\n  config:\n    import: "optional:file:.env[.properties]"\n',
      );
      const java = loading('java', 'src/main/java/A.java', { ...files, 'src/main/java/A.java': '' }).result;
      assert.match(java.kind === 'unwired' ? java.reason : '', /@Value\("\$\{API_KEY\}"\)/);
      assert.equal(
        loading('yaml', 'config/application.yml', { 'config/application.yml': '' }).result,
        undefined,
        'not Spring: the placeholder caveat says it all',
      );
    });

    it('C#: DotNetEnv first thing in Main, or after the usings of top-level statements', () => {
      const csproj = '<PackageReference Include="DotNetEnv" Version="3.0.0" />';
      const main = loading('csharp', 'Program.cs', {
        'App.csproj': csproj,
        'Program.cs': 'using System;\n\nclass Program\n{\n    static void Main(string[] args)\n    {\n        Run();\n    }\n}\n',
      });
      assert.match(main.fileAfter('Program.cs')!, /static void Main\(string\[\] args\)\n {4}\{\n {8}DotNetEnv\.Env\.TraversePath\(\)\.Load\(\);\n {8}Run\(\);/);
      const top = loading('csharp', 'Program.cs', { 'App.csproj': csproj, 'Program.cs': 'using System;\nusing Foo;\n\nConsole.WriteLine(1);\n' });
      assert.equal(top.fileAfter('Program.cs'), 'using System;\nusing Foo;\nDotNetEnv.Env.TraversePath().Load();\n\nConsole.WriteLine(1);\n');
      assert.equal(loading('csharp', 'Program.cs', { 'App.csproj': '<Project/>', 'Program.cs': '' }).result.kind, 'unwired');
    });

    it('Rust: dotenvy first thing in main', () => {
      const { fileAfter } = loading('rust', 'src/api.rs', {
        'Cargo.toml': '[dependencies]\ndotenvy = "0.15"\n',
        'src/main.rs': '#[tokio::main]\nasync fn main() -> Result<()> {\n    run().await\n}\n',
        'src/api.rs': '',
      });
      assert.equal(fileAfter('src/main.rs'), '#[tokio::main]\nasync fn main() -> Result<()> {\n    dotenvy::dotenv().ok();\n    run().await\n}\n');
    });

    it('shell: sources .env relative to the script, guarded; not a .env a shell would read differently', () => {
      const { fileAfter } = loading('shell', 'run.sh', { 'run.sh': '#!/bin/sh\n# deploy\necho "$API_KEY"\n' });
      assert.equal(
        fileAfter('run.sh'),
        '#!/bin/sh\n# deploy\nif [ -f "$(dirname "$0")/.env" ]; then set -a; . "$(dirname "$0")/.env"; set +a; fi\necho "$API_KEY"\n',
      );
      const bad = loading('shell', 'run.sh', { 'run.sh': '' }, { envText: 'GREETING=hello world\n' }).result;
      assert.match(bad.kind === 'unwired' ? bad.reason : '', /line 1 of \.env/);
    });

    it('Compose reads the .env beside it; Dockerfiles and PowerShell are told nothing loads it', () => {
      assert.equal(loading('compose', 'compose.yaml', { 'compose.yaml': '' }).result.kind, 'loaded');
      assert.equal(loading('compose', 'deploy/compose.yaml', { 'deploy/compose.yaml': '' }).result.kind, 'unwired');
      assert.equal(loading('dockerfile', 'Dockerfile', { Dockerfile: '' }).result.kind, 'unwired');
      assert.equal(loading('powershell', 'a.ps1', { 'a.ps1': '' }).result.kind, 'unwired');
    });
  });

  describe('ways that need an install first (quick fixes of the env-not-loaded warning)', () => {
    /** The files after the first alternative's changes. */
    const alternative = (result: EnvLoading, files: Record<string, string>) => {
      assert.equal(result.kind, 'unwired');
      const [alt] = result.kind === 'unwired' ? (result.alternatives ?? []) : [];
      assert.ok(alt, 'an alternative is offered');
      const after = new Map(Object.entries(files));
      for (const c of alt.changes) after.set(c.rel, applyEdits(files[c.rel] ?? '', c.edits));
      return { title: alt.title, after: (rel: string) => after.get(rel) };
    };

    it('Node before 20.12: dotenv in package.json and its call at the entry point', () => {
      const files = { 'package.json': pkg({ private: true, engines: { node: '>=18' }, main: 'index.js' }), 'index.js': 'run();\n' };
      const alt = alternative(loading('javascript', 'index.js', files).result, files);
      assert.match(alt.title, /npm install/);
      assert.equal(JSON.parse(alt.after('package.json')!).dependencies.dotenv, '^16.4.7');
      assert.equal(alt.after('index.js'), "require('dotenv').config();\nrun();\n");
    });

    it('Ruby, Go and PHP: the loader in the manifest, and the code that loads .env', () => {
      const rb = { Gemfile: 'source "https://rubygems.org"\n', 'app.rb': 'puts 1\n' };
      const ruby = alternative(loading('ruby', 'app.rb', rb).result, rb);
      assert.equal(ruby.after('Gemfile'), 'source "https://rubygems.org"\ngem "dotenv"\n');
      assert.equal(ruby.after('app.rb'), 'require "dotenv/load"\nputs 1\n');
      const goFiles = { 'go.mod': 'module m\n\ngo 1.22\n', 'main.go': 'package main\n\nimport "os"\n' };
      const go = alternative(loading('go', 'main.go', goFiles).result, goFiles);
      assert.match(go.after('go.mod')!, /\nrequire github\.com\/joho\/godotenv v1\.5\.1\n$/);
      assert.match(go.after('main.go')!, /import _ "github\.com\/joho\/godotenv\/autoload"/);
      const phpFiles = { 'composer.json': '{\n    "require": {\n        "php": ">=8.1"\n    }\n}\n', 'index.php': '<?php\necho 1;\n' };
      const php = alternative(loading('php', 'index.php', phpFiles).result, phpFiles);
      assert.equal(JSON.parse(php.after('composer.json')!).require['vlucas/phpdotenv'], '^5.6');
      assert.match(php.after('index.php')!, /createUnsafeImmutable\(__DIR__\)->safeLoad\(\);/);
    });
  });

  describe('composeEdits', () => {
    it('equals applying the move, then the loader on its result, with no two edits at one offset', () => {
      const text = 'import os\nK = "v"\n';
      const first = [
        { start: 9, end: 9, newText: '\nimport x' },
        { start: 14, end: 17, newText: 'os.environ["K"]' },
      ];
      const middle = applyEdits(text, first);
      const then = [
        { start: middle.indexOf('import x') + 'import x\n'.length, end: middle.indexOf('import x') + 'import x\n'.length, newText: 'load()\n' },
        { start: 0, end: 0, newText: '# top\n' },
      ];
      const composed = composeEdits(first, then);
      assert.equal(applyEdits(text, composed), applyEdits(middle, then));
      assert.equal(new Set(composed.map(e => e.start)).size, composed.length);
    });
  });
});
