// Type-checks and runs every ```ts example of the README against the package's source, so the
// README cannot drift from the API it documents.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exampleName, readmeExamples, typeCheckExamples } from '@meterbook/readme-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as model from './index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const examples = readmeExamples(join(root, 'README.md'));

/** The compiler's complaints about the examples, checked against src/index.ts in one program. */
const typeErrors = (codes: readonly string[]) => typeCheckExamples(codes, {
  dir: root,
  extension: '.mts',
  options: {
    module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: [], lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    baseUrl: root, paths: { '@meterbook/table-model': ['src/index.ts'] },
  },
});

/** Runs an example with the package's exports in scope (imports stripped, console silenced). */
function runExample(code: string): void {
  const js = ts.transpileModule(code, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
  const body = js.replace(/^import[^;]+;$/gm, '');
  const fn = new Function('model', 'console', `const { ${Object.keys(model).join(', ')} } = model;\n${body}`) as (m: unknown, c: unknown) => void;
  fn(model, { log: () => undefined });
}

describe('README examples', () => {
  it('has them', () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
  });

  it('type-check, and a broken one would not', () => {
    const broken = "import { hereColumns } from '@meterbook/table-model';\nhereColumns({}, { sorce: 'usage' });\n";
    const errors = typeErrors([...examples, broken]);
    expect(errors.filter((e) => !e.startsWith(`${exampleName(examples.length + 1)}:`))).toEqual([]);
    expect(errors.join('\n')).toMatch(/sorce/);
  }, 60_000);

  // Examples that `declare` their inputs (rows read from a workbook, a pull) are type-checked only.
  const runnable = examples.map((code, i) => [i + 1, code] as const).filter(([, code]) => !/^declare /m.test(code));
  it.each(runnable)('example %i runs', (_i, code) => {
    expect(() => runExample(code)).not.toThrow();
  });
});
