// Benchmark: the pane's Insert of an hourly pull of the demo realm over 95 days (~220,000
// records, pages of 100, 50 ms added per request, the embedded server in its own process) through
// the SDK into the add-in's Office.js writer on office-addin-mock, straight and through the
// gateway (its own process, default limits). Baseline: the old path, every record held, then
// written. Ours: insertUsage, blocks written as pages arrive. Figures: time to the first written
// row, total time, and the 429s the gateway answered.
import { createHash } from 'node:crypto';
import { createUsageClient, type UsageClient } from '@meterbook/sdk';
import { hereCaption, hereColumns } from '@meterbook/table-model';
import { createExcelMock } from '../../../apps/excel-addin/test/unit/excel-mock.js';
import { insertUsage, usageSheetName } from '../../../apps/excel-addin/src/flows/pull.js';
import { toUsageQuery } from '../../../apps/excel-addin/src/flows/usage-form.js';
import { OfficeWriter } from '../../../apps/excel-addin/src/workbook/office-writer.js';
import { QueryStore } from '../../../apps/excel-addin/src/workbook/query-store.js';
import type { TableWriter } from '../../../apps/excel-addin/src/workbook/table-writer.js';
import { startChild } from './child-process.js';
import { comparePair, round, type PairSummary, type Sample } from './harness.js';
import type { BenchOptions } from './options.js';
import { pairResult, type BenchResult, type Figure } from './results.js';

const REALM = 'org123456789';
const LATENCY_MS = 50;
// 95 days of hours up to the data set's end (DATA_NOW); the quick run takes 10 hours.
const PARAMS_FULL = { startDate: '2025-02-26T00:00:00', endDate: '2025-06-01T00:00:00', detailLevel: 'hour' };
const PARAMS_QUICK = { startDate: '2025-05-01T00:00:00', endDate: '2025-05-01T10:00:00', detailLevel: 'hour' };
const NOW = () => new Date('2025-06-01T08:00:00Z');

/**
 * The old Insert: every record held in memory, then one createTable. It pulls through usage.range
 * as the pane now does (month windows, the pane's concurrency), so both variants write the same
 * records in the same order and differ only in holding versus streaming.
 */
async function holdThenWrite(client: UsageClient, writer: TableWriter, params: typeof PARAMS_FULL, onWrite: () => void): Promise<void> {
  const records = await client.usage.range(toUsageQuery(REALM, params), { concurrency: 4 }).toArray();
  const columns = hereColumns(params, { source: 'usage' });
  const caption = hereCaption({ source: 'usage', realmId: REALM, params, rows: records.length, refreshedAt: NOW() });
  await writer.createTable({ sheetName: usageSheetName(params), tablePrefix: 'MB_Usage', caption, columns, records }, { onProgress: onWrite });
}

interface Pulled { rows: number; sha256: string }

/** One Insert into a fresh mock: its time, time to the first written row, and the 429s seen. */
async function insertOnce(baseUrl: string, token: string, params: typeof PARAMS_FULL, how: 'hold' | 'stream'): Promise<Sample<Pulled>> {
  let status429 = 0;
  let requests = 0;
  const client = createUsageClient({
    baseUrl, token,
    fetch: async (input, init) => { requests++; const res = await fetch(input, init); if (res.status === 429) status429++; return res; },
  });
  const mock = createExcelMock();
  const writer = new OfficeWriter(mock.run);
  const started = performance.now();
  let firstRowMs = Number.NaN;
  const onWrite = () => { if (Number.isNaN(firstRowMs)) firstRowMs = performance.now() - started; };
  if (how === 'hold') await holdThenWrite(client, writer, params, onWrite);
  else await insertUsage({ client, writer, store: new QueryStore(writer.settings), baseUrl, now: NOW }, REALM, params, { allowSlow: true, onProgress: (p) => { if (typeof p !== 'string' && p.phase === 'write') onWrite(); } });
  const ms = performance.now() - started;
  const t = mock.wb.table('MB_Usage_1');
  if (!t) throw new Error('no table was written');
  const hash = createHash('sha256');
  for (let r = 0; r <= t.rows + 1; r++) hash.update(JSON.stringify(mock.wb.values(t.sheet, r, 0, 1, t.cols)[0]));
  return { ms, data: { rows: t.rows, sha256: hash.digest('hex') }, metrics: { firstRowMs: round(firstRowMs), status429, requests, syncs: mock.stats.syncs } };
}

/** Every request waits the added latency, at the pane's concurrency (4), and nothing else. */
const latencyFloorMs = (requests: number): number => Math.ceil(requests / 4) * LATENCY_MS;

const differ = (a: Pulled, b: Pulled): string | undefined => (a.rows !== b.rows ? `rows: baseline ${a.rows}, ours ${b.rows}` : a.sha256 !== b.sha256 ? 'the table cells differ' : undefined);

export async function panePull(options: BenchOptions): Promise<BenchResult> {
  const params = options.quick ? PARAMS_QUICK : PARAMS_FULL;
  const serverChild = startChild(new URL('./server-child.ts', import.meta.url), ['demo', String(LATENCY_MS)]);
  const server = (await serverChild.firstLine) as { url: string; token: string };
  const gatewayChild = startChild(new URL('./gateway-child.ts', import.meta.url), [server.url]);
  try {
    const gateway = (await gatewayChild.firstLine) as { url: string };
    let rows = 0;
    const pair = (route: string, baseUrl: string): Promise<PairSummary> => comparePair<Pulled>({
      rounds: 1,
      warmup: 0,
      baseline: { label: `${route}: hold every record, then write (the old Insert)`, run: () => insertOnce(baseUrl, server.token, params, 'hold') },
      ours: { label: `${route}: insertUsage, blocks written as pages arrive`, run: async () => { const s = await insertOnce(baseUrl, server.token, params, 'stream'); rows = s.data.rows; return s; } },
      differ,
      onRun: (variant, _r, s) => options.log(`pane-pull ${route} ${variant}: ${Math.round(s.ms)} ms, first row at ${s.metrics?.firstRowMs} ms, ${s.metrics?.status429} x 429`),
    });
    // A small Insert first, so neither variant pays for the process's first requests and compiles.
    await insertOnce(gateway.url, server.token, PARAMS_QUICK, 'stream');
    const direct = await pair('straight to the server', server.url);
    const through = await pair('through the gateway', gateway.url);
    const figures = (route: string, s: PairSummary): Figure[] => [
      { measure: `${route}: time to the first written row`, unit: 'ms', baseline: s.baseline.metrics.firstRowMs as number, ours: s.ours.metrics.firstRowMs as number, ratio: round((s.baseline.metrics.firstRowMs as number) / (s.ours.metrics.firstRowMs as number), 1), ratioMeaning: 'baseline / ours: times sooner' },
      { measure: `${route}: total time`, unit: 'ms', baseline: s.baseline.medianMs, ours: s.ours.medianMs, ratio: round(s.baseline.medianMs / s.ours.medianMs, 2), ratioMeaning: 'baseline / ours: times faster' },
      // Both variants wait on the same server, so the floor is what shows how much of the total is ours.
      { measure: `${route}: total time against the latency floor (computed)`, unit: 'ms', baseline: latencyFloorMs(s.ours.metrics.requests as number), ours: s.ours.medianMs, ratio: round(s.ours.medianMs / latencyFloorMs(s.ours.metrics.requests as number), 2), ratioMeaning: 'ours / floor' },
    ];
    const answered429 = (through.baseline.metrics.status429 as number) + (through.ours.metrics.status429 as number);
    const result = pairResult({
      benchmark: 'pane-pull',
      title: `Insert of ${rows.toLocaleString('en-US')} hourly records (pages of 100, ${LATENCY_MS} ms added per request) into the Office.js writer on office-addin-mock, straight and through the gateway`,
      quick: options.quick,
      params: { realmId: REALM, ...params, latencyMs: LATENCY_MS, concurrency: 4, rows, gatewayLimits: 'default' },
      rounds: 1,
      warmup: 0,
      summary: direct,
      figures: [
        ...figures('straight', direct),
        ...figures('gateway', through),
        { measure: 'gateway: 429s answered to both pulls', unit: 'responses', ours: answered429, target: '0', met: answered429 === 0 },
      ],
      notes: [
        'Both variants pull at the pane\'s concurrency (4) and write through the same OfficeWriter (1 MB per sync); only when the rows are written differs.',
        'The mock does not talk to Excel: a real sync costs more, which only adds to both totals.',
        `Through the gateway: baseline ${through.baseline.medianMs} ms (first row ${through.baseline.metrics.firstRowMs} ms), ours ${through.ours.medianMs} ms (first row ${through.ours.metrics.firstRowMs} ms); same cells: ${through.sameDataRounds === 1}.`,
      ],
    });
    return { ...result, sameData: result.sameData && through.sameDataRounds === 1 };
  } finally {
    gatewayChild.process.stdin?.end();
    serverChild.process.stdin?.end();
    await Promise.allSettled([gatewayChild.exited, serverChild.exited]);
  }
}
