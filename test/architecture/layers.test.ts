import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';
import { REPO_ROOT } from '../helpers/repo';

type Layer = 'core' | 'node' | 'shared' | 'server' | 'client' | 'cli';

/** What each layer may import: imports point down, and the client reaches the server only through `shared`. */
const ALLOWED: Record<Layer, { layers: Layer[]; packages: RegExp }> = {
  core: { layers: ['core', 'shared'], packages: /^(minimatch|jsonc-parser|semver|yaml)$/ },
  node: { layers: ['core', 'node'], packages: /^(node:.*|ignore|@balena\/dockerignore)$/ },
  shared: { layers: ['shared'], packages: /^vscode-languageserver-protocol$/ },
  server: {
    layers: ['core', 'node', 'shared', 'server'],
    packages: /^(node:.*|vscode-languageserver(\/node)?|vscode-languageserver-textdocument|vscode-uri)$/,
  },
  cli: { layers: ['core', 'node', 'cli'], packages: /^node:.*$/ },
  client: { layers: ['shared', 'client'], packages: /^(node:.*|vscode|vscode-languageclient(\/node)?)$/ },
};

const SRC = join(REPO_ROOT, 'src');

function sourceFiles(): string[] {
  return readdirSync(SRC, { recursive: true })
    .map(String)
    .filter(f => f.endsWith('.ts'))
    .map(f => join(SRC, f));
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  // TypeScript's own parser: import and export declarations and require() calls, not code inside strings.
  const specs: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      specs.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'require' &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      specs.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false));
  return specs;
}

function layerOf(file: string): Layer {
  return relative(SRC, file).split(/[\\/]/)[0] as Layer;
}

describe('architecture', () => {
  it('keeps imports pointing down the layers (core <- node <- server/cli; client -> shared only)', () => {
    const violations: string[] = [];
    for (const file of sourceFiles()) {
      const layer = layerOf(file);
      const allowed = ALLOWED[layer];
      assert.ok(allowed, `unknown layer ${layer}`);
      for (const spec of importsOf(file)) {
        if (spec.startsWith('.')) {
          const target = layerOf(resolve(dirname(file), spec));
          if (!allowed.layers.includes(target)) {
            violations.push(`${relative(REPO_ROOT, file)} imports ${spec} (${layer} -> ${target})`);
          }
        } else if (!allowed.packages.test(spec)) {
          violations.push(`${relative(REPO_ROOT, file)} imports package ${spec}`);
        }
      }
    }
    assert.deepEqual(violations, []);
  });

  it("reaches into the core only through its faces: core/index.ts and each part's index.ts", () => {
    const core = join(SRC, 'core');
    const violations: string[] = [];
    for (const file of sourceFiles().filter(f => layerOf(f) !== 'core')) {
      for (const spec of importsOf(file).filter(s => s.startsWith('.'))) {
        const target = resolve(dirname(file), spec);
        if (layerOf(target) !== 'core') continue;
        const inside = relative(core, target);
        const isFace = inside === '' || (!inside.includes('/') && existsSync(join(core, inside, 'index.ts')));
        if (!isFace) violations.push(`${relative(REPO_ROOT, file)} imports ${spec}: use core or core/<part> (its index.ts)`);
      }
    }
    assert.deepEqual(violations, []);
  });

  it('keeps the core free of the protocol: it may use shared/ for names, never shared/protocol', () => {
    const violations = sourceFiles()
      .filter(f => layerOf(f) === 'core')
      .flatMap(f =>
        importsOf(f)
          .filter(s => /shared\/protocol$/.test(s))
          .map(s => `${relative(REPO_ROOT, f)} imports ${s}`),
      );
    assert.deepEqual(violations, []);
  });

  it('finds the imports it checks (the check is not vacuous)', () => {
    const client = importsOf(join(SRC, 'client/client.ts'));
    assert.ok(client.includes('vscode-languageclient/node'));
    assert.ok(client.includes('../shared/protocol'));
  });
});
