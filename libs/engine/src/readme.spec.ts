// The README's API listing is the engine's documented contract: it must name every export of
// src/index.ts and declare nothing the index does not export, so it cannot drift from the code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const INDEX = join(__dirname, 'index.ts');
const README = join(__dirname, '..', 'README.md');

/** Every name the index exports, values and types, as the compiler resolves them. */
function exportedNames(): string[] {
  const program = ts.createProgram([INDEX], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(INDEX);
  const module = source && checker.getSymbolAtLocation(source);
  if (!module) throw new Error(`no module symbol for ${INDEX}`);
  return checker
    .getExportsOfModule(module)
    .map((symbol) => symbol.name)
    .sort();
}

/** The code block of the README's "Public surface" section. */
function publicSurfaceListing(): string {
  const text = readFileSync(README, 'utf8');
  const section = /^## Public surface[^\n]*\n([\s\S]*?)(?=^## )/m.exec(text);
  if (!section) throw new Error('README.md has no "## Public surface" section');
  const block = /```ts\n([\s\S]*?)```/.exec(section[1]);
  if (!block) throw new Error('the "Public surface" section has no ```ts block');
  return block[1];
}

describe('the engine README', () => {
  const names = exportedNames();
  const listing = publicSurfaceListing();
  const declared = [
    ...listing.matchAll(/^export\s+(?:declare\s+)?(?:const|function|class|interface|type)\s+(\w+)/gm),
  ].map((m) => m[1]);

  it('reads the exports of src/index.ts (a sanity check on the reader itself)', () => {
    expect(names).toContain('Simulation');
    expect(names).toContain('SimulationOptions');
    expect(names.length).toBeGreaterThan(20);
  });

  it('declares every name src/index.ts exports in its public surface listing', () => {
    const missing = names.filter((name) => !declared.includes(name));
    expect(missing, 'exported by src/index.ts but not declared in README.md').toEqual([]);
  });

  it('declares nothing in its public surface listing that src/index.ts does not export', () => {
    const stale = declared.filter((name) => !names.includes(name));
    expect(stale, 'declared in README.md but not exported by src/index.ts').toEqual([]);
  });

  it('declares each name once', () => {
    const twice = declared.filter((name, i) => declared.indexOf(name) !== i);
    expect(twice).toEqual([]);
  });
});
