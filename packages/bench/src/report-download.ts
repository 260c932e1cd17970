// Benchmark 3: a 1,000,000-row report output (server scale 'large'). Baseline: the whole text
// with `await response.text()`, parsed in one go by the CSV library the SDK uses (d3-dsv since
// the SDK moved off uDSV). Ours: client.reports.download, which
// streams and types rows as they arrive. Each download runs in its own child process, and the
// server in another, so each peak memory figure is that variant's alone.
import { createUsageClient } from '@meterbook/sdk';
import { comparePair, round, type Sample } from './harness.js';
import { runChild, startChild } from './child-process.js';
import type { BenchOptions } from './options.js';
import { pairResult, type BenchResult } from './results.js';
import type { VariantOutcome } from './report-variant-child.js';

const REALM = 'org123456789';
const SUBACCOUNTS = ['org112135', 'org124566', 'org134564'];
// The biggest partner report (the server's own benchmark): 3 subaccounts, 95 days, daily,
// grouped by everything; at scale 'large' it reaches the API's 1,000,000-row cap.
const FULL = { startDate: '2025-02-26T00:00:00', endDate: '2025-06-01T00:00:00', groupBy: ['project', 'billingTag', 'appId', 'resource'] };
// Quick: the demo data set, one week.
const QUICK = { startDate: '2025-05-01T00:00:00', endDate: '2025-05-08T00:00:00', groupBy: ['project', 'billingTag', 'appId', 'resource'] };

const serverScript = new URL('./server-child.ts', import.meta.url);
const variantScript = new URL('./report-variant-child.ts', import.meta.url);

export async function reportDownload(options: BenchOptions): Promise<BenchResult> {
  const server = startChild(serverScript, [options.quick ? 'demo' : 'large']);
  try {
    const { url, token } = (await server.firstLine) as { url: string; token: string };
    const client = createUsageClient({ baseUrl: url, token });
    const range = options.quick ? QUICK : FULL;
    const ref = await client.reports.create({ realmId: REALM, subAccounts: SUBACCOUNTS, detailLevel: 'day', ...range });
    const report = await client.reports.waitUntilDone(ref, { intervalMs: 250, timeoutMs: 60_000 });
    const href = report.resultHref as string;
    const mode = options.quick ? 'hash' : 'sum';
    const run = async (variant: 'baseline' | 'ours'): Promise<Sample<VariantOutcome>> => {
      const outcome = await runChild<VariantOutcome>(variantScript, [variant, href, url, token, mode]);
      return {
        ms: outcome.ms,
        data: outcome,
        metrics: {
          rowsPerSecond: Math.round(outcome.rows / (outcome.ms / 1000)),
          rssPeakMb: round(outcome.rssPeakMb, 1),
          jsPeakMb: round(outcome.jsPeakMb, 1),
          rssAddedMb: round(outcome.rssPeakMb - outcome.rssStartMb, 1),
          jsAddedMb: round(outcome.jsPeakMb - outcome.jsStartMb, 1),
        },
      };
    };
    const rounds = options.quick ? 1 : 3;
    const warmup = options.quick ? 0 : 1;
    let rows = 0;
    const summary = await comparePair<VariantOutcome>({
      rounds,
      warmup,
      baseline: { label: 'response.text() + d3-dsv csvParseRows in one go', run: () => run('baseline') },
      ours: { label: 'client.reports.download (streamed)', run: () => run('ours') },
      differ: (a, b) => {
        rows = a.rows;
        if (a.rows !== b.rows) return `baseline read ${a.rows} rows, ours ${b.rows}`;
        if (a.usageSum !== b.usageSum) return `usageValue sums differ: ${a.usageSum} vs ${b.usageSum}`;
        if (a.hash !== b.hash) return `row hashes differ: ${a.hash} vs ${b.hash}`;
        return undefined;
      },
      onRun: (variant, r, s) => options.log(`report-download round ${r + 1}/${rounds} ${variant}: ${Math.round(s.ms)} ms, ${s.data.rows} rows, RSS peak ${Math.round(s.data.rssPeakMb)} MiB, JS peak ${Math.round(s.data.jsPeakMb)} MiB`),
    });
    const b = summary.baseline;
    const o = summary.ours;
    const timeRatio = round(o.medianMs / b.medianMs, 2);
    const metric = (name: string, v: typeof b) => v.metrics[name] ?? Number.NaN;
    const memRatio = (name: string) => round(metric(name, o) / metric(name, b), 3);
    return pairResult({
      benchmark: 'report-download',
      title: `${rows.toLocaleString('en-US')}-row report output: streamed and typed (ours) vs whole text then one parse (baseline), each in its own process`,
      quick: options.quick,
      params: { realmId: REALM, subAccounts: SUBACCOUNTS, detailLevel: 'day', ...range, scale: options.quick ? 'demo' : 'large', rows, verify: mode },
      rounds,
      warmup,
      summary,
      figures: [
        { measure: 'download + parse time', unit: 'ms (median)', baseline: b.medianMs, ours: o.medianMs, ratio: timeRatio, ratioMeaning: 'ours / baseline', target: '<= 1.2x', met: timeRatio <= 1.2 },
        { measure: 'rows per second', unit: 'rows/s (median)', baseline: metric('rowsPerSecond', b), ours: metric('rowsPerSecond', o), ratio: round(metric('rowsPerSecond', o) / metric('rowsPerSecond', b), 2), ratioMeaning: 'ours / baseline' },
        { measure: 'peak JS memory (heapUsed + external)', unit: 'MiB (median of peaks)', baseline: metric('jsPeakMb', b), ours: metric('jsPeakMb', o), ratio: memRatio('jsPeakMb'), ratioMeaning: 'ours / baseline', target: '<= 0.25x', met: memRatio('jsPeakMb') <= 0.25 },
        { measure: 'peak RSS', unit: 'MiB (median of peaks)', baseline: metric('rssPeakMb', b), ours: metric('rssPeakMb', o), ratio: memRatio('rssPeakMb'), ratioMeaning: 'ours / baseline', target: '<= 0.25x', met: memRatio('rssPeakMb') <= 0.25 },
      ],
      notes: [
        'Peaks include what each child process holds before the download starts (Node, tsx, the SDK or the CSV library); see rssAddedMb / jsAddedMb in the metrics for the growth during the download.',
        options.quick ? 'Quick mode compares a sha256 of every row.' : 'Full mode compares the row count and the usageValue sum (bit-equal floats, same order); the quick run in CI compares a sha256 of every row.',
      ],
    });
  } finally {
    server.process.stdin?.end();
    await server.exited.catch(() => undefined);
  }
}
