// Gate: every function and class a public entry point exports carries a TSDoc block with an
// `@example`, read from the sources with the TypeScript compiler (what editors show users).
// Exports tagged `@internal` are exempt: they are not part of the documented API.
import { describe, expect, it } from '@jest/globals';
import { resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '../..');

// Entry points covered so far; the root and './local' join once their exports are documented.
const ENTRY_POINTS = {
  'chime-channel-flow/moderation': 'src/moderation/index.ts',
  'chime-channel-flow/testing': 'src/testing/index.ts',
  'chime-channel-flow/deploy': 'src/deploy/index.ts',
  'chime-channel-flow/zod': 'src/zod/index.ts',
  'chime-channel-flow': 'src/index.ts',
  'chime-channel-flow/local': 'src/local/index.ts',
} as const;

const program = ts.createProgram(
  Object.values(ENTRY_POINTS).map((file) => resolve(root, file)),
  {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2023,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  },
);
const checker = program.getTypeChecker();

/** A declaration users call or construct: a function, a class, or a const holding a function. */
const isCallable = (node: ts.Declaration): boolean =>
  ts.isFunctionDeclaration(node) ||
  ts.isClassDeclaration(node) ||
  (ts.isVariableDeclaration(node) &&
    node.initializer !== undefined &&
    (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer)));

const tagNames = (node: ts.Declaration): string[] => ts.getJSDocTags(node).map((tag) => tag.tagName.text);

/** Names of the callable exports of `file` with no `@example` (and not `@internal`). */
function undocumented(file: string): string[] {
  const source = program.getSourceFile(resolve(root, file));
  if (!source) throw new Error(`${file} is not in the program`);
  const module = checker.getSymbolAtLocation(source);
  if (!module) throw new Error(`${file} is not a module`);
  const missing: string[] = [];
  for (const exported of checker.getExportsOfModule(module)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declarations = (symbol.declarations ?? []).filter(isCallable);
    if (declarations.length === 0) continue;
    const tags = declarations.flatMap(tagNames);
    if (tags.includes('internal')) continue;
    if (!tags.includes('example')) missing.push(exported.name);
  }
  return missing.sort();
}

describe('TSDoc on public entry points', () => {
  it.each(Object.entries(ENTRY_POINTS))('%s: every exported function and class has an @example', (_name, file) => {
    expect(undocumented(file)).toEqual([]);
  });

  it('notices a function without one', () => {
    // Prepare: a module with one documented and one bare function.
    const text = '/** Doc.\n * @example\n * a();\n */\nexport function a() {}\nexport const b = () => 1;\n';
    const host = ts.createCompilerHost({});
    const getSourceFile = host.getSourceFile;
    host.getSourceFile = (name, version) =>
      name === '/virtual/m.ts' ? ts.createSourceFile(name, text, version, true) : getSourceFile(name, version);
    // Act
    const virtual = ts.createProgram(['/virtual/m.ts'], { noEmit: true, noLib: true, types: [] }, host);
    const vchecker = virtual.getTypeChecker();
    const vmodule = vchecker.getSymbolAtLocation(virtual.getSourceFile('/virtual/m.ts') as ts.SourceFile);
    const bare = vchecker
      .getExportsOfModule(vmodule as ts.Symbol)
      .filter((s) => (s.declarations ?? []).some(isCallable))
      .filter((s) => !(s.declarations ?? []).flatMap(tagNames).includes('example'))
      .map((s) => s.name);
    // Assess
    expect(bare).toEqual(['b']);
  });
});
