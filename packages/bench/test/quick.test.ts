// Every benchmark once in quick mode: it must complete and baseline and ours must produce the
// same data (the harness throws otherwise). Speed is never asserted here.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acronisDownload } from '../src/acronis-download.js';
import { historyRefresh } from '../src/history-refresh.js';
import { pagedPull } from '../src/paged-pull.js';
import { panePull } from '../src/pane-pull.js';
import { rangePull } from '../src/range-pull.js';
import { reportDownload } from '../src/report-download.js';
import { requestOverhead } from '../src/request-overhead.js';
import { writeResult, writeSummary, type BenchResult } from '../src/results.js';
import { sheetWrite } from '../src/sheet-write.js';
import { sizes } from '../src/sizes.js';
import type { BenchOptions } from '../src/options.js';

const quick: BenchOptions = { quick: true, log: () => undefined };
const dir = await mkdtemp(join(tmpdir(), 'meterbook-bench-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

async function check(result: BenchResult): Promise<void> {
  expect(result.quick).toBe(true);
  expect(result.figures.length).toBeGreaterThan(0);
  for (const f of result.figures) expect(Number.isFinite(f.ours)).toBe(true);
  if (result.baseline) expect(result.sameData).toBe(true);
  await writeResult(dir, result);
}

describe('benchmarks in quick mode', () => {
  it('paged-pull: same records in the same order', async () => {
    const result = await pagedPull(quick);
    expect(result.params.records).toBeGreaterThan(500);
    await check(result);
  });

  it('request-overhead: same page from both clients', async () => {
    await check(await requestOverhead(quick));
  });

  it('report-download: same rows (sha256 of every row)', async () => {
    const result = await reportDownload(quick);
    expect(result.params.rows).toBeGreaterThan(1000);
    await check(result);
  });

  it('sheet-write: same table cells from the naive writer and ours', async () => {
    await check(await sheetWrite(quick));
  });

  it('sizes: the SDK bundle is measured', async () => {
    await check(await sizes(quick));
  });

  it('acronis-download: same row count and totals from the gzip report', async () => {
    const result = await acronisDownload(quick);
    expect(result.params.rows).toBe(5_000);
    await check(result);
  });

  it('range-pull: the same records from sequential 95-day calls and from usage.range', async () => {
    const result = await rangePull(quick);
    expect(result.params.records).toBeGreaterThan(1_000);
    await check(result);
  });

  it('history-refresh: the refreshed history equals a full pull, row for row', async () => {
    const result = await historyRefresh(quick);
    expect(result.params.rows).toBeGreaterThan(1_000);
    expect(result.params.pulledWindows).toBe(1);
    await check(result);
  });

  it('pane-pull: the same table cells from the held and the streamed Insert, straight and through the gateway, no 429', async () => {
    const result = await panePull(quick);
    expect(result.params.rows).toBeGreaterThan(500);
    expect(result.figures.find((f) => f.measure.includes('429'))?.ours).toBe(0);
    await check(result);
  }, 120_000);

  it('summary.md is generated from the JSON files', async () => {
    const text = await readFile(await writeSummary(dir), 'utf8');
    for (const name of ['paged-pull', 'request-overhead', 'report-download', 'sheet-write', 'sizes', 'acronis-download', 'range-pull', 'history-refresh', 'pane-pull']) expect(text).toContain(`| ${name} (quick) |`);
  });
});
