// Type-checks and runs every ```ts example of the README against the package's source, so the
// README cannot drift from the API it documents.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as model from './index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const examples = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);

/** The compiler's complaints about the examples, each named by its number, checked against src/index.ts in one program. */
function typeErrors(codes: readonly string[]): string[] {
  const files = new Map(codes.map((code, i) => [join(root, 'src', `__readme_example_${i + 1}.ts`), `${code.replace("from '@meterbook/table-model'", "from './index.js'")}\nexport {};\n`]));
  const host = ts.createCompilerHost({});
  const read = host.readFile.bind(host);
  host.readFile = (f) => files.get(resolve(f)) ?? read(f);
  const exists = host.fileExists.bind(host);
  host.fileExists = (f) => files.has(resolve(f)) || exists(f);
  const program = ts.createProgram([...files.keys()], {
    strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true, types: [], lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  }, host);
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName.split('/').pop() ?? ''} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

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
    expect(errors.filter((e) => !e.startsWith(`__readme_example_${examples.length + 1}.ts`))).toEqual([]);
    expect(errors.join('\n')).toMatch(/sorce/);
  }, 60_000);

  // Examples that `declare` their inputs (rows read from a workbook, a pull) are type-checked only.
  const runnable = examples.map((code, i) => [i + 1, code] as const).filter(([, code]) => !/^declare /m.test(code));
  it.each(runnable)('example %i runs', (_i, code) => {
    expect(() => runExample(code)).not.toThrow();
  });
});
