// Benchmark 6 (issue 7): an Acronis csv_v2_0 report of 100,000 rows, gzip-compressed as the API
// sends it, streamed through `reports.download` (magic-byte detection, streaming gunzip, parsing
// and typing as bytes arrive) versus the hand-written way: download everything, gunzip it in one
// go, and parse the whole text with the same CSV library.
import { gunzipSync } from 'node:zlib';
import { createAcronisClient } from '@meterbook/sdk/acronis';
import { startServer } from '@meterbook/usage-server';
import { csvParseRows } from 'd3-dsv';
import { comparePair, round } from './harness.js';
import { type BenchOptions } from './options.js';
import { pairResult, type BenchResult } from './results.js';

/** What both variants must agree on: row count and the total of one numeric column. */
interface Digest {
  rows: number;
  total: number;
}

export async function acronisDownload(options: BenchOptions): Promise<BenchResult> {
  const rows = options.quick ? 5_000 : 100_000;
  const server = await startServer({ mode: 'test', acronisReportRows: rows, acronisReportDelayMs: 0 });
  try {
    const { baseUrl, token, tenantId } = server.acronis;
    const client = createAcronisClient({ baseUrl, token });
    const report = await client.reports.create({ tenantId, level: 'all_customers', kind: 'usage_current' });
    const stored = await client.reports.waitUntilSaved(report, 'csv_v2_0', { intervalMs: 50 });
    const url = `${baseUrl}/reports/${report.id}/stored/${stored.id}`;

    const baseline = async (): Promise<{ ms: number; data: Digest }> => {
      const started = performance.now();
      const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
      const text = gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8');
      const [header, ...body] = csvParseRows(text);
      const column = (header ?? []).indexOf('usage.absolute.total');
      let total = 0;
      for (const cells of body) total += Number(cells[column] || 0);
      return { ms: performance.now() - started, data: { rows: body.length, total: round(total, 0) } };
    };
    const ours = async (): Promise<{ ms: number; data: Digest }> => {
      const started = performance.now();
      let count = 0;
      let total = 0;
      for await (const row of client.reports.download(report)) {
        count++;
        total += typeof row['usage.absolute.total'] === 'number' ? row['usage.absolute.total'] : 0;
      }
      return { ms: performance.now() - started, data: { rows: count, total: round(total, 0) } };
    };

    const rounds = options.quick ? 1 : 5;
    const warmup = options.quick ? 0 : 1;
    const summary = await comparePair<Digest>({
      rounds,
      warmup,
      baseline: { label: 'fetch all, gunzip all, parse all', run: baseline },
      ours: { label: 'reports.download (streamed)', run: ours },
      differ: (a, b) => (a.rows === b.rows && a.total === b.total ? undefined : `baseline ${JSON.stringify(a)} vs ours ${JSON.stringify(b)}`),
      onRun: (variant, r, s) => options.log(`acronis-download round ${r + 1}/${rounds} ${variant}: ${Math.round(s.ms)} ms`),
    });
    const perSecond = (ms: number) => Math.round((rows * 1000) / ms);
    return pairResult({
      benchmark: 'acronis-download',
      title: `Acronis csv_v2_0 report of ${rows.toLocaleString('en-US')} rows, gzip, from the embedded server`,
      quick: options.quick,
      params: { rows, gzipBytes: stored.size },
      rounds,
      warmup,
      summary,
      figures: [
        { measure: 'rows per second', unit: 'rows/s (median)', baseline: perSecond(summary.baseline.medianMs), ours: perSecond(summary.ours.medianMs), ratio: round(summary.baseline.medianMs / summary.ours.medianMs, 2), ratioMeaning: 'ours / baseline throughput' },
        { measure: 'download + gunzip + parse time', unit: 'ms (median)', baseline: summary.baseline.medianMs, ours: summary.ours.medianMs, ratio: round(summary.ours.medianMs / summary.baseline.medianMs, 2), ratioMeaning: 'ours / baseline' },
      ],
      notes: ['Server and client share this process; the figure is the client-side throughput including the server producing the rows.'],
    });
  } finally {
    await server.close();
  }
}
