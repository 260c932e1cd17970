// Type-checks every ```ts example of the add-in's README against the sources, so the README
// cannot drift from the flows it documents. Examples import `./src/...` as if they sat in the
// package root; they are written to test-results/ with those paths made absolute.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const examples = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);

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

function typeCheck(sources: string[]): string[] {
  const dir = join(root, 'test-results', `readme-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  try {
    const files = sources.map((code, i) => {
      const file = join(dir, `example-${i + 1}.ts`);
      writeFileSync(file, `${code.replaceAll("from './src/", `from '${root}/src/`)}\nexport {};\n`);
      return file;
    });
    const program = ts.createProgram(files, {
      strict: true, noEmit: true, skipLibCheck: true,
      target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
      types: ['office-js', 'office-runtime', 'node'],
      typeRoots: [join(root, 'node_modules/@types'), join(root, '../../node_modules/@types')],
    });
    return ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${d.file.fileName.replace(dir, 'README')}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
