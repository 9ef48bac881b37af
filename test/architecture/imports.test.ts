/**
 * The import rule of docs/architecture.md, enforced: imports follow the pipeline (no folder imports
 * a later stage), the pure stages load no native module, and the CLI's entry point loads nothing
 * heavy before a command runs (so `perf-gate --help` stays fast).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve('src');

/**
 * Pipeline stages: inputs -> measurement -> verdict -> storage -> reporting -> GitHub ->
 * orchestration -> entry points. A file may import its own stage and earlier ones. Schema files
 * (`src/schema/*`, `src/<folder>/schema.ts`) are data definitions at stage 0.
 */
export const STAGES: Record<string, number> = {
  util: 0,
  'version.ts': 0,
  stats: 0,
  schema: 0,
  model: 0,
  config: 1,
  host: 2,
  git: 2,
  gpu: 2,
  bench: 2,
  profile: 2,
  compare: 3,
  baseline: 4,
  report: 5,
  trend: 5,
  github: 6,
  core: 7,
  cli: 8,
  action: 8,
  'cli.ts': 8,
  'action.ts': 8,
};

/** Folders whose modules must be loadable without onnxruntime or koffi (pure, or config parsing). */
const NATIVE_FREE = ['util', 'stats', 'schema', 'model', 'config', 'compare', 'report'];
const NATIVE_MODULES = ['onnxruntime-node', 'koffi'];
/** What `perf-gate --help` must not load before a command's handler runs. */
const HEAVY_MODULES = [...NATIVE_MODULES, 'mathjs', '@actions/core', '@actions/github', 'handlebars', 'ajv'];

function listSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listSources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

interface Edge {
  /** Resolved file for relative imports, else the package name. */
  target: string;
  /** Loaded when the importing module loads (static, not type-only). */
  eager: boolean;
  /** `import type` / all specifiers type-only: erased at compile time. */
  typeOnly: boolean;
}

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] as string);
}

function edgesOf(file: string): Edge[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const edges: Edge[] = [];
  const add = (spec: string, eager: boolean, typeOnly: boolean): void => {
    const target = spec.startsWith('.')
      ? resolve(dirname(file), spec.replace(/\.js$/, '.ts'))
      : packageName(spec);
    edges.push({ target, eager, typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named =
        clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings : undefined;
      const typeOnly =
        Boolean(clause?.isTypeOnly) ||
        (clause !== undefined &&
          clause.name === undefined &&
          named !== undefined &&
          named.elements.length > 0 &&
          named.elements.every((e) => e.isTypeOnly));
      add(node.moduleSpecifier.text, true, typeOnly);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause : undefined;
      const typeOnly = node.isTypeOnly || (named !== undefined && named.elements.every((e) => e.isTypeOnly));
      add(node.moduleSpecifier.text, true, typeOnly);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node.arguments[0].text, false, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

function stageOf(file: string): { name: string; stage: number | undefined } {
  const rel = relative(SRC, file);
  const top = rel.split('/')[0] as string;
  const isSchema = top === 'schema' || rel.endsWith('/schema.ts');
  return { name: rel, stage: isSchema ? 0 : STAGES[top] };
}

const files = listSources(SRC);
const graph = new Map(files.map((f) => [f, edgesOf(f)]));

/** Every module (file or package) loaded eagerly, at run time, when `file` is imported. */
function eagerClosure(file: string): Set<string> {
  const seen = new Set<string>();
  const stack = [file];
  while (stack.length > 0) {
    const f = stack.pop() as string;
    for (const e of graph.get(f) ?? []) {
      if (!e.eager || e.typeOnly || seen.has(e.target)) continue;
      seen.add(e.target);
      if (graph.has(e.target)) stack.push(e.target);
    }
  }
  return seen;
}

describe('import rule', () => {
  it('knows the stage of every folder under src/', () => {
    const unknown = files.map(stageOf).filter((s) => s.stage === undefined);
    expect(unknown.map((s) => s.name)).toEqual([]);
  });

  it('never imports a later pipeline stage', () => {
    const violations: string[] = [];
    for (const [file, edges] of graph) {
      const from = stageOf(file);
      for (const e of edges) {
        if (!graph.has(e.target)) continue;
        const to = stageOf(e.target);
        if ((to.stage as number) > (from.stage as number)) {
          violations.push(`${from.name} (stage ${from.stage}) imports ${to.name} (stage ${to.stage})`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it.each(NATIVE_FREE)('src/%s loads no native module', (folder) => {
    const offenders: string[] = [];
    for (const file of files.filter((f) => relative(SRC, f).split('/')[0] === folder)) {
      const native = [...eagerClosure(file)].filter((m) => NATIVE_MODULES.includes(m));
      if (native.length > 0) offenders.push(`${relative(SRC, file)} -> ${native.join(', ')}`);
    }
    expect(offenders).toEqual([]);
  });

  it('the CLI entry point loads no heavy module before a command runs', () => {
    const closure = eagerClosure(join(SRC, 'cli.ts'));
    expect([...closure].filter((m) => HEAVY_MODULES.includes(m))).toEqual([]);
  });

  it('detects a violation when one is planted (the checks can fail)', () => {
    const planted: Edge = { target: join(SRC, 'core', 'gate.ts'), eager: true, typeOnly: false };
    const from = stageOf(join(SRC, 'compare', 'verdict.ts'));
    const to = stageOf(planted.target);
    expect((to.stage as number) > (from.stage as number)).toBe(true);
    expect(
      edgesOf(join(SRC, 'bench', 'session.ts')).some((e) => e.target === 'onnxruntime-node' && !e.typeOnly),
    ).toBe(true);
  });
});
