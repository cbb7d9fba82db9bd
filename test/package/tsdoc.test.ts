// Gate: every function and class a public entry point exports carries a TSDoc block with an
// `@example`, and every exported function an `@param` per parameter, an `@returns` unless it returns
// nothing and an `@throws` when its own body throws; read from the sources with the TypeScript compiler (what editors show users).
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

/** The signature a callable declaration documents: the function itself, or a const's arrow/function. */
const signatureOf = (node: ts.Declaration): ts.SignatureDeclaration | undefined => {
  if (ts.isFunctionDeclaration(node)) return node;
  if (ts.isVariableDeclaration(node) && node.initializer !== undefined) {
    if (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer)) return node.initializer;
  }
  return undefined;
};

/** Whether the function's own body (not a nested function's) has a `throw` statement. */
function throwsDirectly(signature: ts.SignatureDeclaration): boolean {
  const visit = (node: ts.Node): boolean =>
    ts.isThrowStatement(node) || (!ts.isFunctionLike(node) && ts.forEachChild(node, visit) === true);
  const body = (signature as ts.FunctionLikeDeclaration).body;
  return body !== undefined && ts.forEachChild(body, visit) === true;
}

/** `name: what is missing` for each exported function whose parameters or result go undocumented. */
function undocumentedSignatures(file: string, checkerOf = checker, programOf: ts.Program = program): string[] {
  const source = programOf.getSourceFile(file.startsWith('/') ? file : resolve(root, file));
  const module = source && checkerOf.getSymbolAtLocation(source);
  if (!module) throw new Error(`${file} is not a module`);
  const missing: string[] = [];
  for (const exported of checkerOf.getExportsOfModule(module)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checkerOf.getAliasedSymbol(exported) : exported;
    for (const declaration of symbol.declarations ?? []) {
      const signature = signatureOf(declaration);
      if (!signature || tagNames(declaration).includes('internal')) continue;
      const tags = ts.getJSDocTags(declaration);
      const documented = new Set(
        tags.filter(ts.isJSDocParameterTag).map((tag) => tag.name.getText().replace(/^\.\.\./, '')),
      );
      for (const parameter of signature.parameters) {
        const name = parameter.name.getText();
        if (!documented.has(name)) missing.push(`${exported.name}: @param ${name}`);
      }
      const returned = checkerOf.getSignatureFromDeclaration(signature);
      const type = returned && checkerOf.typeToString(checkerOf.getReturnTypeOfSignature(returned));
      const returnsNothing = type === 'void' || type === 'Promise<void>' || type === 'never';
      if (!returnsNothing && !tags.some((tag) => tag.tagName.text === 'returns'))
        missing.push(`${exported.name}: @returns`);
      if (throwsDirectly(signature) && !tags.some((tag) => tag.tagName.text === 'throws'))
        missing.push(`${exported.name}: @throws`);
    }
  }
  return missing.sort();
}

describe('TSDoc on public entry points', () => {
  it.each(Object.entries(ENTRY_POINTS))(
    '%s: every exported function documents its parameters, result and throws',
    (_name, file) => {
      expect(undocumentedSignatures(file)).toEqual([]);
    },
  );

  it('notices an undocumented parameter and result', () => {
    // Prepare: one fully documented function, one missing a parameter, one missing its result.
    const text = [
      '/** Doc.\n * @param x - the x\n * @returns twice x\n * @example\n * a(1);\n */',
      'export function a(x: number): number { return 2 * x; }',
      '/** Doc.\n * @param x - the x\n * @returns the sum\n * @example\n * b(1, 2);\n */',
      'export const b = (x: number, y: number): number => x + y;',
      '/** Doc.\n * @param x - the x\n * @example\n * c(1);\n */',
      'export function c(x: number): number { return x; }',
      '/** Doc.\n * @param x - the x\n * @example\n * d(1);\n */',
      'export function d(x: number): void { void x; }',
      '/** Doc.\n * @param x - the x\n * @example\n * e(1);\n */',
      'export function e(x: number): void { if (x < 0) throw new RangeError(); }',
    ].join('\n');
    const host = ts.createCompilerHost({});
    const getSourceFile = host.getSourceFile;
    host.getSourceFile = (name, version) =>
      name === '/virtual/m.ts' ? ts.createSourceFile(name, text, version, true) : getSourceFile(name, version);
    const virtual = ts.createProgram(['/virtual/m.ts'], { noEmit: true, noLib: true, types: [] }, host);
    // Act
    const missing = undocumentedSignatures('/virtual/m.ts', virtual.getTypeChecker(), virtual);
    // Assess: b lacks y, c its result, e its @throws; a and d (void) are complete.
    expect(missing).toEqual(['b: @param y', 'c: @returns', 'e: @throws']);
  });

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
