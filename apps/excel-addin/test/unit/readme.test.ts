// Type-checks every ```ts example of this README against the add-in's sources, so the README
// cannot drift from the API it documents (as packages/sdk does for its README).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const examples = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);

function typeCheck(sources: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'addin-readme-'));
  try {
    const files = sources.map((code, i) => {
      const file = join(dir, `example-${i + 1}.mts`);
      writeFileSync(file, `${code}\nexport {};\n`);
      return file;
    });
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      skipLibCheck: true,
      types: ['office-js', 'office-runtime', 'node'],
      typeRoots: [join(root, 'node_modules/@types'), join(root, '../../node_modules/@types')],
      baseUrl: root,
      paths: { '@meterbook/excel-addin/*': ['./*'] },
    });
    return ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${d.file.fileName.replace(dir, 'README')}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('README examples', () => {
  it('type-checks every example', () => {
    expect(examples.length).toBeGreaterThanOrEqual(1);
    expect(typeCheck(examples)).toEqual([]);
  });

  it('would catch an example that no longer matches the API', () => {
    const broken = `import { getSettleDays } from '@meterbook/excel-addin/src/flows/workbook-settings.js';\nconst n: string = await getSettleDays({} as never);\n`;
    expect(typeCheck([broken]).join('\n')).toMatch(/not assignable to type 'string'/);
  });
});
