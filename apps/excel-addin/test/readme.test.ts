// Type-checks every ```ts example of the add-in's README against the sources, so the README
// cannot drift from the flows it documents. Examples import `./src/...` as if they sat in the
// package root, which is where the shared checker places them (in memory).
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readmeExamples, typeCheckExamples, typeRootsOf } from '@meterbook/readme-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const examples = readmeExamples(join(root, 'README.md'));
const typeCheck = (sources: string[]) => typeCheckExamples(sources, {
  dir: root,
  options: {
    module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: ['office-js', 'office-runtime', 'node'],
    typeRoots: typeRootsOf(root),
  },
});

describe('README examples', () => {
  it('has examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  it('type-checks every example', () => {
    expect(typeCheck(examples)).toEqual([]);
  }, 60_000);

  it('would catch an example that no longer matches the flows', () => {
    const broken = `import { explainError } from './src/flows/errors.js';\nexplainError(1).summry;\n`;
    expect(typeCheck([broken]).join('\n')).toMatch(/summry/);
  }, 60_000);
});
