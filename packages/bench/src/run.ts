// The benchmark CLI: `pnpm bench` runs all, `pnpm bench -- paged-pull` one, `--quick` small.
// Each result goes to bench-results/<name>.json, then summary.md is regenerated from them all.
import { acronisDownload } from './acronis-download.js';
import { historyRefresh } from './history-refresh.js';
import { pagedPull } from './paged-pull.js';
import { panePull } from './pane-pull.js';
import { rangePull } from './range-pull.js';
import { reportDownload } from './report-download.js';
import { requestOverhead } from './request-overhead.js';
import { DEFAULT_RESULTS_DIR, writeResult, writeSummary, type BenchResult } from './results.js';
import { sheetWrite } from './sheet-write.js';
import { sizes } from './sizes.js';
import type { BenchOptions } from './options.js';

export const BENCHMARKS: Record<string, (options: BenchOptions) => Promise<BenchResult>> = {
  'paged-pull': pagedPull,
  'request-overhead': requestOverhead,
  'report-download': reportDownload,
  'sheet-write': sheetWrite,
  sizes,
  'acronis-download': acronisDownload,
  'range-pull': rangePull,
  'history-refresh': historyRefresh,
  'pane-pull': panePull,
};

function printResult(result: BenchResult): void {
  console.log(`\n${result.benchmark}: ${result.title}`);
  for (const f of result.figures) {
    const parts = [`  ${f.measure}:`, f.baseline === undefined ? '' : `baseline ${f.baseline}`, `ours ${f.ours} ${f.unit}`];
    if (f.ratio !== undefined) parts.push(`ratio ${f.ratio} (${f.ratioMeaning})`);
    if (f.target !== undefined) parts.push(`target ${f.target}: ${f.met ? 'met' : 'NOT met'}`);
    console.log(parts.filter(Boolean).join(' '));
  }
}

async function main(argv: string[]): Promise<void> {
  const quick = argv.includes('--quick');
  const outIndex = argv.indexOf('--out');
  const outDir = outIndex >= 0 ? (argv[outIndex + 1] as string) : DEFAULT_RESULTS_DIR;
  const names = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--out');
  const unknown = names.filter((n) => !(n in BENCHMARKS));
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`);
  const selected = names.length > 0 ? names : Object.keys(BENCHMARKS);
  const run = { startedAt: new Date().toISOString(), benchmarks: selected };
  for (const name of selected) {
    const result = { ...(await (BENCHMARKS[name] as (o: BenchOptions) => Promise<BenchResult>)({ quick, log: (line) => console.log(line) })), run };
    printResult(result);
    console.log(`  -> ${await writeResult(outDir, result)}`);
  }
  console.log(`summary: ${await writeSummary(outDir)}`);
}

await main(process.argv.slice(2));
