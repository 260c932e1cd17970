// Type-checks every ```ts example of the README against the SDK's source, so the README
// cannot drift from the API it documents.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const examples = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);

describe('README examples', () => {
  it('has examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });

  it('type-checks every example', () => {
    expect(typeCheck(examples)).toEqual([]);
  });

  it('would catch an example that no longer matches the API', () => {
    const broken = `import { createUsageClient } from '@meterbook/sdk';\ncreateUsageClient({ tokn: 'x' });\n`;
    expect(typeCheck([broken]).join('\n')).toMatch(/tokn/);
  });
});

/** The compiler's complaints about the sources, each with its example and line. */
function typeCheck(sources: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'sdk-readme-'));
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
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [join(root, 'node_modules/@types'), join(root, '../../node_modules/@types')],
      baseUrl: root,
      paths: { '@meterbook/sdk': ['src/index.ts'], '@meterbook/sdk/node': ['src/node.ts'], '@meterbook/sdk/acronis': ['src/acronis.ts'], '@meterbook/sdk/history': ['src/history.ts'], '@meterbook/sdk/credentials': ['src/credentials.ts'] },
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${d.file.fileName.replace(dir, 'README')}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    return diagnostics;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
