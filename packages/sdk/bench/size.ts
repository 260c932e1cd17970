// Measures the SDK's browser bundles (ESM, minified, gzip: what loads at once, and the report
// reader loaded on first download) next to openapi-fetch's own, and writes
// bench-results/sdk-size.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

const options = { bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, metafile: true } as const;

/** The source file an import names (`./x.js` is `./x.ts` here), as an absolute path. */
function sourcePath(args: { resolveDir: string; path: string }): string {
  return resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
}

function measure(code: Uint8Array | undefined): { minified: number; gzip: number } {
  const bytes = code ?? new Uint8Array();
  return { minified: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/**
 * A bundle as a browser loads it, modelled on webpack's and Rollup's chunks: one file at once with
 * everything but the dynamic imports, and one more on first use (the report reader) holding only
 * the modules the first file lacks. (esbuild's own splitting would also move the modules both
 * share into chunks of their own, which neither of those bundlers does for an entry's imports.)
 */
async function bundleSize(contents: string, resolveDir: string): Promise<Size> {
  const lazyPaths = new Set<string>();
  const first = await build({
    ...options,
    stdin: { contents, resolveDir, loader: 'ts' },
    plugins: [{
      name: 'dynamic-imports-apart',
      setup(b) {
        b.onResolve({ filter: /.*/ }, (args) => {
          if (args.kind !== 'dynamic-import') return undefined;
          lazyPaths.add(sourcePath(args));
          return { path: args.path, external: true };
        });
      },
    }],
  });
  const loaded = new Set(Object.keys(first.metafile.inputs).map((input) => resolve(resolveDir, input)));
  let lazy = { minified: 0, gzip: 0 };
  if (lazyPaths.size > 0) {
    const later = await build({
      ...options,
      stdin: { contents: [...lazyPaths].map((path) => `export * from ${JSON.stringify(path)};`).join('\n'), resolveDir, loader: 'ts' },
      plugins: [{
        name: 'first-chunk-external',
        setup(b) {
          b.onResolve({ filter: /^\./ }, (args) => {
            const path = sourcePath(args);
            return loaded.has(path) ? { path, external: true } : undefined;
          });
        },
      }],
    });
    lazy = measure(later.outputFiles[0]?.contents);
  }
  return { ...measure(first.outputFiles[0]?.contents), lazy };
}

/** Bytes loaded at once (the entry chunk), and on first use (the dynamically imported chunks). */
type Size = { minified: number; gzip: number; lazy: { minified: number; gzip: number } };

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
  console.log(`SDK browser bundle: ${kb(sizes.sdk.minified)} minified, ${kb(sizes.sdk.gzip)} gzip = ${sizes.sdk.gzip} bytes at first load (budget 15,000 bytes gzip), + ${sizes.sdk.lazy.gzip} bytes on the first report download`);
  console.log(`Acronis entry alone: ${kb(sizes.acronis.minified)} minified, ${kb(sizes.acronis.gzip)} gzip; both entries: ${kb(sizes.both.gzip)} gzip (+${kb(sizes.both.gzip - sizes.sdk.gzip)} for Acronis)`);
  console.log(`history entry alone (@meterbook/sdk/history): ${kb(sizes.history.minified)} minified, ${kb(sizes.history.gzip)} gzip`);
  console.log(`credentials entry alone (@meterbook/sdk/credentials): ${kb(sizes.credentials.minified)} minified, ${kb(sizes.credentials.gzip)} gzip`);
  console.log(`openapi-fetch alone: ${kb(sizes.openapiFetch.minified)} minified, ${kb(sizes.openapiFetch.gzip)} gzip`);
  console.log(`ratio SDK / openapi-fetch (gzip): ${(sizes.sdk.gzip / sizes.openapiFetch.gzip).toFixed(2)}x`);
  const out = resolve(here, '../../../bench-results/sdk-size.json');
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify({ measuredAt: new Date().toISOString(), ...sizes }, null, 2)}\n`);
}
