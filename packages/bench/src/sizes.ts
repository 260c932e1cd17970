// Benchmark 5: what a browser downloads. The SDK's bundles, the Usage API and the Acronis entry
// (ESM, minified, gzip; what loads at once, and the CSV reader that loads on a report's first
// download), next to openapi-fetch alone, from the SDK's own
// measureSizes(), and the task pane's initial JavaScript (the chunks taskpane.html loads) when
// apps/excel-addin/dist is built.
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { measureSizes } from '../../sdk/bench/size.js';
import { round } from './harness.js';
import type { BenchOptions } from './options.js';
import { environment, type BenchResult, type Figure } from './results.js';

const paneDist = new URL('../../../apps/excel-addin/dist/', import.meta.url);

/** The pane's initial scripts, as the add-in's own bundle-size script finds them. */
function paneInitialJs(): { scripts: string[]; minified: number; gzip: number } | undefined {
  const html = new URL('taskpane.html', paneDist);
  if (!existsSync(html)) return undefined;
  const scripts = [...readFileSync(html, 'utf8').matchAll(/<script[^>]*\bsrc=["']?([^"' >]+\.js)/g)]
    .map((m) => m[1] as string)
    .filter((s) => !/^https?:/.test(s));
  let minified = 0;
  let gzip = 0;
  for (const s of scripts) {
    const bytes = readFileSync(new URL(s, paneDist));
    minified += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { scripts, minified, gzip };
}

export async function sizes(options: BenchOptions): Promise<BenchResult> {
  const measured = await measureSizes();
  const pane = paneInitialJs();
  const kb = (n: number) => round(n / 1024, 1);
  const sdkRatio = round(measured.sdk.gzip / measured.openapiFetch.gzip, 2);
  const figures: Figure[] = [
    { measure: 'SDK browser bundle, minified', unit: 'kB', baseline: kb(measured.openapiFetch.minified), ours: kb(measured.sdk.minified), ratio: round(measured.sdk.minified / measured.openapiFetch.minified, 2), ratioMeaning: 'SDK / openapi-fetch alone' },
    { measure: 'SDK browser bundle, gzip', unit: 'kB', baseline: kb(measured.openapiFetch.gzip), ours: kb(measured.sdk.gzip), ratio: sdkRatio, ratioMeaning: 'SDK / openapi-fetch alone' },
    { measure: 'SDK Usage API entry, gzip, loaded at once', unit: 'bytes', baseline: measured.openapiFetch.gzip, ours: measured.sdk.gzip, ratio: sdkRatio, ratioMeaning: 'SDK / openapi-fetch alone', target: '<= 15,000 bytes', met: measured.sdk.gzip <= 15_000 },
    { measure: 'SDK Usage API entry, gzip, the report reader loaded on the first download', unit: 'bytes', baseline: measured.sdk.gzip, ours: measured.sdk.lazy.gzip, ratio: round((measured.sdk.gzip + measured.sdk.lazy.gzip) / measured.sdk.gzip, 2), ratioMeaning: 'both parts / loaded at once' },
    { measure: 'SDK Acronis entry, gzip, loaded at once (+ the report reader on first download)', unit: 'bytes', baseline: measured.openapiFetch.gzip, ours: measured.acronis.gzip, ratio: round(measured.acronis.gzip / measured.openapiFetch.gzip, 2), ratioMeaning: `SDK / openapi-fetch alone; + ${measured.acronis.lazy.gzip.toLocaleString('en-US')} B later` },
    { measure: 'SDK history entry (planHistory), gzip', unit: 'bytes', baseline: measured.openapiFetch.gzip, ours: measured.history.gzip, ratio: round(measured.history.gzip / measured.openapiFetch.gzip, 2), ratioMeaning: 'SDK / openapi-fetch alone' },
    { measure: 'SDK credentials entry (app-key sign-in), gzip', unit: 'bytes', baseline: measured.openapiFetch.gzip, ours: measured.credentials.gzip, ratio: round(measured.credentials.gzip / measured.openapiFetch.gzip, 2), ratioMeaning: 'SDK / openapi-fetch alone' },
    { measure: 'SDK both entries in one bundle, gzip, loaded at once', unit: 'bytes', baseline: measured.sdk.gzip, ours: measured.both.gzip, ratio: round(measured.both.gzip / measured.sdk.gzip, 2), ratioMeaning: `both / Usage API entry alone; + ${measured.both.lazy.gzip.toLocaleString('en-US')} B later` },
  ];
  if (pane) {
    figures.push(
      { measure: 'task pane initial JS, minified', unit: 'kB', ours: kb(pane.minified) },
      { measure: 'task pane initial JS, gzip', unit: 'kB', ours: kb(pane.gzip), target: '<= 150 kB (the add-in build budget)', met: pane.gzip <= 150 * 1024 },
    );
  }
  options.log(`sizes: SDK ${kb(measured.sdk.gzip)} kB gzip, openapi-fetch ${kb(measured.openapiFetch.gzip)} kB gzip${pane ? `, pane ${kb(pane.gzip)} kB gzip` : ', pane not built'}`);
  return {
    benchmark: 'sizes',
    title: 'bundle sizes: the SDK\'s Usage API and Acronis entries (openapi-fetch included; the CSV reader apart, loaded on first download) next to openapi-fetch alone, and the task pane\'s initial JavaScript',
    measuredAt: new Date().toISOString(),
    quick: options.quick,
    environment: environment(),
    params: { sdk: measured.sdk, acronis: measured.acronis, both: measured.both, history: measured.history, credentials: measured.credentials, openapiFetch: measured.openapiFetch, pane: pane ?? 'apps/excel-addin/dist not built (run pnpm build)' },
    figures,
    notes: ['"baseline" here is openapi-fetch alone: the floor of any typed client over it. The CSV reader (packages/sdk/src/core/csv-parse.ts, no library) is a dynamic import of reports.download, so a bundler loads it on the first report download; it is measured apart, holding only what the first part lacks (as webpack and Rollup split).'],
  };
}
