// Type-checks the ```ts examples of the README's cost section against the package's source, so
// the README cannot drift from the API it documents.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Cost: rates, cost formula'));
const examples = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);

/** The compiler's complaints about the sources, each with its example and line. */
function typeCheck(sources: string[]): string[] {
  const files = new Map(sources.map((code, i) => [join(root, `readme-example-${i + 1}.mts`), `${code}\nexport {};\n`]));
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    types: ['node'],
    typeRoots: [join(root, 'node_modules/@types'), join(root, '../../node_modules/@types')],
    baseUrl: root,
    paths: { '@meterbook/table-model': ['src/index.ts'] },
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (name) => files.get(name) ?? read(name);
  const exists = host.fileExists.bind(host);
  host.fileExists = (name) => files.has(name) || exists(name);
  const program = ts.createProgram([...files.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${d.file.fileName.replace(root, '')}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

describe('README examples of the cost section', () => {
  it('has the examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
  });

  it('type-checks every example', () => {
    expect(typeCheck(examples)).toEqual([]);
  }, 60_000);

  it('would catch an example that no longer matches the API', () => {
    expect(typeCheck([`import { costFormula } from '@meterbook/table-model';\ncostFormula({ provder: 'HERE' });\n`]).join('\n')).toMatch(/provder/);
  }, 60_000);
});
