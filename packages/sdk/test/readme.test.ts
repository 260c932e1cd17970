// Type-checks every ```ts example of the README against the SDK's source, so the README
// cannot drift from the API it documents.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodePackageCheck, readmeExamples, typeCheckExamples } from '@meterbook/readme-check';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const examples = readmeExamples(join(root, 'README.md'));
const typeCheck = (sources: string[]) => typeCheckExamples(sources, nodePackageCheck(root, { '@meterbook/sdk': ['src/index.ts'], '@meterbook/sdk/node': ['src/node.ts'], '@meterbook/sdk/acronis': ['src/acronis.ts'], '@meterbook/sdk/history': ['src/history.ts'], '@meterbook/sdk/credentials': ['src/credentials.ts'] }));

describe('README examples', () => {
  it('has examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });

  it('type-checks every example', () => {
    expect(typeCheck(examples)).toEqual([]);
  }, 60_000);

  it('would catch an example that no longer matches the API', () => {
    const broken = `import { createUsageClient } from '@meterbook/sdk';\ncreateUsageClient({ tokn: 'x' });\n`;
    expect(typeCheck([broken]).join('\n')).toMatch(/tokn/);
  }, 60_000);
});
