// Benchmark 3: a 1,000,000-row report output (server scale 'large'). The output is fetched once
// from the embedded server and written to a temp file (outside the timing); a plain Node http
// server then pipes that file, so the figures measure the client and not the server making rows
// (about 155k rows/s). Modes against the file, each in its own process, interleaved round by
// round: the floor (fetch + TextDecoderStream + count \n), uDSV streaming string rows, PapaParse on
// the whole text, and ours (client.reports.download, typed rows). A second row keeps the
// embedded-server variant: ours against the whole text parsed by d3-dsv, both server-bound.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { createUsageClient } from '@meterbook/sdk';
import { compareVariants, round, variantRatio, type Sample, type VariantSummary } from './harness.js';
import { runChild, startChild, type Child } from './child-process.js';
import type { BenchOptions } from './options.js';
import { environment, type BenchResult, type Figure } from './results.js';
import type { ReportMode, VariantOutcome } from './report-variant-child.js';

const REALM = 'org123456789';
const SUBACCOUNTS = ['org112135', 'org124566', 'org134564'];
// The biggest partner report (the server's own benchmark): 3 subaccounts, 95 days, daily,
// grouped by everything; at scale 'large' it reaches the API's 1,000,000-row cap.
const FULL = { startDate: '2025-02-26T00:00:00', endDate: '2025-06-01T00:00:00', groupBy: ['project', 'billingTag', 'appId', 'resource'] };
// Quick: the demo data set, one week.
const QUICK = { startDate: '2025-05-01T00:00:00', endDate: '2025-05-08T00:00:00', groupBy: ['project', 'billingTag', 'appId', 'resource'] };

const serverScript = new URL('./server-child.ts', import.meta.url);
const staticScript = new URL('./static-server-child.ts', import.meta.url);
const variantScript = new URL('./report-variant-child.ts', import.meta.url);

/** The variants, by name: which mode reads from where. The first is what the others must match. */
const VARIANTS: { name: string; label: string; mode: ReportMode; source: 'file' | 'server' }[] = [
  { name: 'ours', label: 'client.reports.download (streamed, typed), static file', mode: 'ours', source: 'file' },
  { name: 'floor', label: 'fetch + TextDecoderStream + count \\n, static file', mode: 'floor', source: 'file' },
  { name: 'udsv', label: 'uDSV 0.7.3 streaming, string rows, static file', mode: 'udsv', source: 'file' },
  { name: 'papaparse', label: 'response.text() + PapaParse 5.7.1 in one go, static file', mode: 'papaparse', source: 'file' },
  { name: 'ours-server', label: 'client.reports.download, embedded server', mode: 'ours', source: 'server' },
  { name: 'd3-dsv-server', label: 'response.text() + d3-dsv csvParseRows in one go, embedded server', mode: 'd3-dsv', source: 'server' },
];

async function stopped(child: Child): Promise<void> {
  child.process.stdin?.end();
  await child.exited.catch(() => undefined);
}

/** Writes the report output to a file: the bytes every static-file mode then reads. */
async function saveOutput(href: string, token: string, file: string): Promise<void> {
  const res = await fetch(href, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok || res.body === null) throw new Error(`saving the report output failed: HTTP ${res.status}`);
  await pipeline(Readable.fromWeb(res.body as NodeReadableStream<Uint8Array>), createWriteStream(file));
}

export async function reportDownload(options: BenchOptions): Promise<BenchResult> {
  const server = startChild(serverScript, [options.quick ? 'demo' : 'large']);
  const dir = await mkdtemp(join(tmpdir(), 'meterbook-report-'));
  let files: Child | undefined;
  try {
    const { url, token } = (await server.firstLine) as { url: string; token: string };
    const client = createUsageClient({ baseUrl: url, token });
    const range = options.quick ? QUICK : FULL;
    const ref = await client.reports.create({ realmId: REALM, subAccounts: SUBACCOUNTS, detailLevel: 'day', ...range });
    const report = await client.reports.waitUntilDone(ref, { intervalMs: 250, timeoutMs: 60_000 });
    const href = report.resultHref as string;
    const file = join(dir, 'report.csv');
    await saveOutput(href, token, file);
    const bytes = (await stat(file)).size;
    files = startChild(staticScript, [file]);
    const fileUrl = ((await files.firstLine) as { url: string }).url;
    const verify = options.quick ? 'hash' : 'sum';

    const run = async (mode: ReportMode, source: 'file' | 'server'): Promise<Sample<VariantOutcome>> => {
      const args = source === 'file' ? [`${fileUrl}/report.csv`, fileUrl] : [href, url];
      const outcome = await runChild<VariantOutcome>(variantScript, [mode, ...args, token, verify]);
      return {
        ms: outcome.ms,
        data: outcome,
        metrics: {
          cpuMs: round(outcome.cpuMs, 0),
          rowsPerSecond: Math.round(outcome.rows / (outcome.ms / 1000)),
          rssPeakMb: round(outcome.rssPeakMb, 1),
          jsPeakMb: round(outcome.jsPeakMb, 1),
          rssAddedMb: round(outcome.rssPeakMb - outcome.rssStartMb, 1),
          jsAddedMb: round(outcome.jsPeakMb - outcome.jsStartMb, 1),
        },
      };
    };
    const rounds = options.quick ? 1 : 5;
    const warmup = options.quick ? 0 : 1;
    let rows = 0;
    const summaries = await compareVariants<VariantOutcome>({
      rounds,
      warmup,
      variants: VARIANTS.map((v) => ({ name: v.name, label: v.label, run: () => run(v.mode, v.source) })),
      differ: (a, b, name) => {
        rows = a.rows;
        if (name === 'floor') return undefined; // counts line breaks, parses nothing
        if (a.rows !== b.rows) return `${a.rows} rows vs ${b.rows}`;
        if (a.usageSum !== b.usageSum) return `usageValue sums differ: ${a.usageSum} vs ${b.usageSum}`;
        if (a.hash !== b.hash) return `row hashes differ: ${a.hash} vs ${b.hash}`;
        return undefined;
      },
      onRun: (name, r, s) => options.log(`report-download round ${r + 1}/${rounds} ${name}: ${Math.round(s.ms)} ms, ${s.data.rows} rows, RSS peak ${Math.round(s.data.rssPeakMb)} MiB, JS peak ${Math.round(s.data.jsPeakMb)} MiB`),
    });
    return {
      benchmark: 'report-download',
      title: `${rows.toLocaleString('en-US')}-row report output (${(bytes / 1024 / 1024).toFixed(0)} MiB) from a static file: ours, the floor, uDSV and PapaParse, each in its own process, interleaved; and from the embedded server`,
      measuredAt: new Date().toISOString(),
      quick: options.quick,
      environment: environment(),
      params: { realmId: REALM, subAccounts: SUBACCOUNTS, detailLevel: 'day', ...range, scale: options.quick ? 'demo' : 'large', rows, bytes, verify },
      rounds,
      warmup,
      baseline: summaries.floor,
      ours: summaries.ours,
      variants: summaries,
      sameData: true,
      figures: figures(summaries as Record<(typeof VARIANTS)[number]['name'], VariantSummary>),
      notes: [
        'Static file: a plain Node http server pipes the pre-written output; the server makes no rows, so the time is the client\'s. The floor reads the same bytes and parses nothing.',
        'Peaks include what each child process holds before the download starts (Node, tsx, the SDK or the CSV library); see rssAddedMb / jsAddedMb in the metrics for the growth during the download.',
        options.quick ? 'Quick mode compares a sha256 of every row across the parsing modes.' : 'Full mode compares the row count and the usageValue sum (bit-equal floats, same order) of every parsing mode against ours; the quick run in CI compares a sha256 of every row.',
        'The machine is shared (2 cores, other sessions running): absolute times wander between runs; the ratios of one run, side by side, are what count.',
      ],
    };
  } finally {
    if (files) await stopped(files);
    await stopped(server);
    await rm(dir, { recursive: true, force: true });
  }
}

function figures(s: Record<string, VariantSummary>): Figure[] {
  const ms = (name: string): number => s[name]?.medianMs ?? Number.NaN;
  const metric = (name: string, key: string): number => s[name]?.metrics[key] ?? Number.NaN;
  // Time ratios are the median of each round's own ratio (see pairedRatio): the floor is I/O and
  // ours is CPU, so a slow spell on the shared machine moves separate medians apart.
  const timeRatio = (over: string, under: string): number => variantRatio(s, over, under);
  const vsFloor = timeRatio('ours', 'floor');
  const rssVsFloor = round(metric('ours', 'rssPeakMb') / metric('floor', 'rssPeakMb'), 2);
  const serverRatio = timeRatio('ours-server', 'd3-dsv-server');
  const serverRss = round(metric('ours-server', 'rssPeakMb') / metric('d3-dsv-server', 'rssPeakMb'), 3);
  const beside = (name: string, label: string): Figure => ({ measure: `time, ${label} (a baseline)`, unit: 'ms (median)', baseline: ms('floor'), ours: ms(name), ratio: timeRatio(name, 'floor'), ratioMeaning: `${name} / floor, median of the rounds' ratios` });
  return [
    { measure: 'download + parse time, static file', unit: 'ms (median)', baseline: ms('floor'), ours: ms('ours'), ratio: vsFloor, ratioMeaning: 'ours / floor, median of the rounds\' ratios', target: '<= 3x the floor (aim 2x)', met: vsFloor <= 3 },
    { measure: 'CPU time (user + system), static file', unit: 'ms (median)', baseline: metric('floor', 'cpuMs'), ours: metric('ours', 'cpuMs'), ratio: round(metric('ours', 'cpuMs') / metric('floor', 'cpuMs'), 2), ratioMeaning: 'ours / floor' },
    beside('udsv', 'uDSV streaming, string rows'),
    beside('papaparse', 'PapaParse on the whole text'),
    { measure: 'time against uDSV streaming', unit: 'ms (median)', baseline: ms('udsv'), ours: ms('ours'), ratio: timeRatio('ours', 'udsv'), ratioMeaning: 'ours (typed rows) / uDSV (string rows), median of the rounds\' ratios' },
    { measure: 'rows per second, static file', unit: 'rows/s (median)', baseline: metric('udsv', 'rowsPerSecond'), ours: metric('ours', 'rowsPerSecond'), ratio: round(metric('ours', 'rowsPerSecond') / metric('udsv', 'rowsPerSecond'), 2), ratioMeaning: 'ours / uDSV' },
    { measure: 'peak RSS, static file', unit: 'MiB (median of peaks)', baseline: metric('floor', 'rssPeakMb'), ours: metric('ours', 'rssPeakMb'), ratio: rssVsFloor, ratioMeaning: 'ours / floor', target: '<= 2x the floor', met: rssVsFloor <= 2 },
    { measure: 'peak RSS, uDSV / PapaParse (baselines)', unit: 'MiB (median of peaks)', baseline: metric('udsv', 'rssPeakMb'), ours: metric('papaparse', 'rssPeakMb'), ratio: round(metric('papaparse', 'rssPeakMb') / metric('floor', 'rssPeakMb'), 2), ratioMeaning: 'PapaParse / floor' },
    { measure: 'download + parse time, embedded server', unit: 'ms (median)', baseline: ms('d3-dsv-server'), ours: ms('ours-server'), ratio: serverRatio, ratioMeaning: 'ours / whole text + d3-dsv, median of the rounds\' ratios', target: '<= 1.2x', met: serverRatio <= 1.2 },
    { measure: 'peak RSS, embedded server', unit: 'MiB (median of peaks)', baseline: metric('d3-dsv-server', 'rssPeakMb'), ours: metric('ours-server', 'rssPeakMb'), ratio: serverRss, ratioMeaning: 'ours / whole text + d3-dsv', target: '<= 0.25x', met: serverRss <= 0.25 },
  ];
}
