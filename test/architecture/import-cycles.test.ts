import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// No import cycles, type-only ones included: a ring of files that all need each other can only be
// read, moved or tested together. No ESLint plugin for cycles is installed, so the compiler's own
// parser reads every import, `import type`, `export … from` and `import()` in the app's folders,
// and Tarjan's algorithm finds each strongly connected set of files.

const ROOT = resolve(import.meta.dirname, '../..');
const FOLDERS = ['shared', 'db', 'services', 'electron', 'renderer', 'scripts'];
const SOURCE = /\.(ts|tsx|mts)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return SOURCE.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every module a file names, whether for values, for types only, re-exported or loaded lazily. */
function specifiers(file: string): string[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, kind);
  const found: string[] = [];
  const literal = (node: ts.Node | undefined) => {
    if (node && ts.isStringLiteralLike(node)) found.push(node.text);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) literal(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      literal(node.moduleReference.expression);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) literal(node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) literal(node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The file a relative specifier names, as the bundler resolves it; packages are not ours. */
function resolveSpecifier(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier).replace(/\.(m?js)$/, '');
  const candidates = [base, ...['.ts', '.tsx', '.mts'].flatMap((ext) => [base + ext, join(base, `index${ext}`)])];
  return candidates.find((path) => SOURCE.test(path) && existsSync(path) && statSync(path).isFile()) ?? null;
}

function importGraph(): Map<string, string[]> {
  const files = FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder)));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = specifiers(file)
      .map((s) => resolveSpecifier(file, s))
      .filter((t): t is string => t !== null);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Tarjan's strongly connected components with more than one file, or a file importing itself. */
function rings(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (file: string): void => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        connect(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const ring: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      ring.push(member);
    } while (member !== file);
    if (ring.length > 1 || (graph.get(file) ?? []).includes(file)) found.push(ring.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) connect(file);
  return found;
}

/** One shortest way round a ring from its first file back to it, to say which imports close it. */
function chain(graph: Map<string, string[]>, ring: string[]): string[] {
  const members = new Set(ring);
  const start = ring[0];
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const target of graph.get(file) ?? []) {
      if (!members.has(target)) continue;
      if (target === start) {
        const path = [start];
        for (let at = file; at !== start; at = cameFrom.get(at)!) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!cameFrom.has(target)) {
        cameFrom.set(target, file);
        queue.push(target);
      }
    }
  }
  return ring;
}

const name = (file: string) => relative(ROOT, file).split('\\').join('/');

describe('import cycles', () => {
  const graph = importGraph();
  const edges = (file: string) => (graph.get(join(ROOT, file)) ?? []).map(name);

  it('reads type-only imports, re-exports and lazy imports as edges', () => {
    expect(graph.size).toBeGreaterThan(100);
    // `import type { DB } from '../../db/connection'`
    expect(edges('services/loyalty/tiers.ts')).toContain('db/connection.ts');
    // `export * from './members'`
    expect(edges('shared/contract/index.ts')).toContain('shared/contract/members.ts');
    // `lazy(() => import('./card/MemberCardDialog'))`
    expect(edges('renderer/features/members/MemberPage.tsx')).toContain('renderer/features/members/card/MemberCardDialog.tsx');
  });

  it('finds none, type-only imports included', () => {
    const found = rings(graph).map((ring) => chain(graph, ring).map(name).join(' → '));
    expect(found, `import cycles (break each: move what both sides need into a third file):\n${found.join('\n')}`).toEqual([]);
  });
});
