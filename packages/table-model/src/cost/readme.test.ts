// Type-checks the ```ts examples of the README's cost section against the package's source, so
// the README cannot drift from the API it documents.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodePackageCheck, readmeExamples, typeCheckExamples } from '@meterbook/readme-check';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const examples = readmeExamples(join(root, 'README.md'), { from: '## Cost: rates, cost formula' });
const typeCheck = (sources: string[]) => typeCheckExamples(sources, nodePackageCheck(root, { '@meterbook/table-model': ['src/index.ts'] }));

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
