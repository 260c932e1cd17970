import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { readmeExamples, typeCheckExamples } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'readme-check-'));
writeFileSync(join(dir, 'lib.ts'), 'export function greet(name: string): string { return `hi ${name}`; }\n');
writeFileSync(join(dir, 'README.md'), [
  '# lib', '```ts', "import { greet } from './lib.js';", "greet('a');", '```',
  '## Later', '```ts', "import { greet } from './lib.js';", 'greet(1);', '```', '```sh', 'not ts', '```', '',
].join('\n'));
const options = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, types: [] };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readme-check', () => {
  it('reads the ts blocks, all or from a heading on', () => {
    expect(readmeExamples(join(dir, 'README.md'))).toHaveLength(2);
    expect(readmeExamples(join(dir, 'README.md'), { from: '## Later' })).toEqual(["import { greet } from './lib.js';\ngreet(1);\n"]);
    expect(() => readmeExamples(join(dir, 'README.md'), { from: '## Missing' })).toThrow(/has no "## Missing"/);
  });

  it('passes a good example and names the broken one by number and line', () => {
    const errors = typeCheckExamples(readmeExamples(join(dir, 'README.md')), { dir, options });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^readme-example-2:2 Argument of type 'number'/);
  }, 30_000);
});
