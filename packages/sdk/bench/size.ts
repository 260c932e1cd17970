// Measures the SDK's browser bundle (ESM, minified, gzip; CSV library included) next to
// openapi-fetch's own, and writes the figures to bench-results/sdk-size.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

async function bundleSize(contents: string, resolveDir: string): Promise<{ minified: number; gzip: number }> {
  const result = await build({
    stdin: { contents, resolveDir, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

/** The SDK's browser bundle size, and openapi-fetch's alone. */
type Size = { minified: number; gzip: number };

/** The SDK's browser bundles (Usage API entry, Acronis entry, both, the history and credentials entries) and openapi-fetch's alone. */
export async function measureSizes(): Promise<{ sdk: Size; acronis: Size; both: Size; history: Size; credentials: Size; openapiFetch: Size }> {
  const dir = resolve(here, '..');
  const sdk = await bundleSize(`export * from './src/index.ts';`, dir);
  const acronis = await bundleSize(`export * from './src/acronis.ts';`, dir);
  const both = await bundleSize(`export * from './src/index.ts'; export { createAcronisClient, acronisCredentials } from './src/acronis.ts';`, dir);
  const history = await bundleSize(`export * from './src/history.ts';`, dir);
  const credentials = await bundleSize(`export * from './src/credentials.ts';`, dir);
  const openapiFetch = await bundleSize(`export { default } from 'openapi-fetch';`, dir);
  return { sdk, acronis, both, history, credentials, openapiFetch };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const sizes = await measureSizes();
  const kb = (n: number): string => `${(n / 1024).toFixed(1)} kB`;
  console.log(`SDK browser bundle: ${kb(sizes.sdk.minified)} minified, ${kb(sizes.sdk.gzip)} gzip = ${sizes.sdk.gzip} bytes (budget 15 kB = 15,000 bytes gzip)`);
  console.log(`Acronis entry alone: ${kb(sizes.acronis.minified)} minified, ${kb(sizes.acronis.gzip)} gzip; both entries: ${kb(sizes.both.gzip)} gzip (+${kb(sizes.both.gzip - sizes.sdk.gzip)} for Acronis)`);
  console.log(`history entry alone (@meterbook/sdk/history): ${kb(sizes.history.minified)} minified, ${kb(sizes.history.gzip)} gzip`);
  console.log(`credentials entry alone (@meterbook/sdk/credentials): ${kb(sizes.credentials.minified)} minified, ${kb(sizes.credentials.gzip)} gzip`);
  console.log(`openapi-fetch alone: ${kb(sizes.openapiFetch.minified)} minified, ${kb(sizes.openapiFetch.gzip)} gzip`);
  console.log(`ratio SDK / openapi-fetch (gzip): ${(sizes.sdk.gzip / sizes.openapiFetch.gzip).toFixed(2)}x`);
  const out = resolve(here, '../../../bench-results/sdk-size.json');
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify({ measuredAt: new Date().toISOString(), ...sizes }, null, 2)}\n`);
}
