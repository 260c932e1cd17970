// Benchmark 1: pulling ~10,000 usage records in pages of 100 with 50 ms added per request.
// Baselines: the loop an engineer writes by hand over raw openapi-fetch, one page after another,
// and the same loop with 8 pages in flight. Ours: client.usage.all at its default concurrency (4),
// and at 8. The pages are served twice: first from a plain http server that answers with pages
// written out beforehand (static-pages-child.ts: the latency is the only cost, as with a real API
// whose servers answer requests side by side), then from the embedded server in its own process,
// which makes each page on one thread (about 1.4 ms a page, so 8 pages at once queue for ~11 ms).
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUsageClient, type UsageApiPaths } from '@meterbook/sdk';
import { startChild, type Child } from './child-process.js';
import createClient from 'openapi-fetch';
import { differRecords } from './canonical.js';
import { compareVariants, round, timed, variantRatio, type VariantSummary } from './harness.js';
import { type BenchOptions } from './options.js';
import { environment, type BenchResult, type Figure } from './results.js';
import type { PagesFile } from './static-pages-child.js';

type WireRecord = UsageApiPaths['/usage/realms/{realmId}']['get']['responses'][200]['content']['application/json']['items'][number];

const REALM = 'org123456789';
const START = '2025-05-01T00:00:00';
// Hourly records of the partner organization: up to 05-05 06:00 the data set holds 10,090
// records (101 pages of 100); the quick run takes the first 10 hours (~1,000 records).
const END_FULL = '2025-05-05T06:00:00';
const END_QUICK = '2025-05-01T10:00:00';
const LATENCY_MS = 50;
const PAGE = 100;

// The servers run in their own processes, as a real API does: their CPU is not the client's.
const serverScript = new URL('./server-child.ts', import.meta.url);
const pagesScript = new URL('./static-pages-child.ts', import.meta.url);

async function stopped(child: Child): Promise<void> {
  child.process.stdin?.end();
  await child.exited.catch(() => undefined);
}

/** Every page of the query as the server wrote it, fetched 8 at a time (outside any timing). */
async function writePages(server: { url: string; token: string }, query: Record<string, string>, file: string): Promise<void> {
  const path = `${new URL(server.url).pathname}/usage/realms/${REALM}`;
  const page = async (offset: number): Promise<string> => {
    const res = await fetch(`${server.url}/usage/realms/${REALM}?${new URLSearchParams({ ...query, offset: String(offset) })}`, { headers: { Authorization: `Bearer ${server.token}` } });
    if (!res.ok) throw new Error(`writing page ${offset} failed: HTTP ${res.status}`);
    return res.text();
  };
  const first = await page(0);
  const { lastOffset } = JSON.parse(first) as { lastOffset: number };
  const rest: string[] = [];
  for (let offset = 1; offset <= lastOffset; offset += 8) {
    rest.push(...(await Promise.all(Array.from({ length: Math.min(8, lastOffset + 1 - offset) }, (_, k) => page(offset + k)))));
  }
  const pages: PagesFile = { path, query, pages: [first, ...rest] };
  await writeFile(file, JSON.stringify(pages));
}

export async function pagedPull(options: BenchOptions): Promise<BenchResult> {
  const server = startChild(serverScript, ['demo', String(LATENCY_MS)]);
  const dir = await mkdtemp(join(tmpdir(), 'meterbook-pages-'));
  let pagesServer: Child | undefined;
  const endDate = options.quick ? END_QUICK : END_FULL;
  try {
    const embedded = (await server.firstLine) as { url: string; token: string };
    const pagesFile = join(dir, 'pages.json');
    await writePages(embedded, { startDate: START, endDate, detailLevel: 'hour', limit: String(PAGE) }, pagesFile);
    pagesServer = startChild(pagesScript, [pagesFile, String(LATENCY_MS)]);
    // The same base path, so both clients ask for the same URLs of either server.
    const written = { url: `${((await pagesServer.firstLine) as { url: string }).url}${new URL(embedded.url).pathname}`, token: embedded.token };

    const pulls = (source: { url: string; token: string }) => {
      const raw = createClient<UsageApiPaths>({ baseUrl: source.url, headers: { Authorization: `Bearer ${source.token}` } });
      const client = createUsageClient({ baseUrl: source.url, token: source.token });
      const rawPage = async (offset: number) => {
        const { data, error } = await raw.GET('/usage/realms/{realmId}', {
          params: { path: { realmId: REALM }, query: { startDate: START, endDate, detailLevel: 'hour', limit: PAGE, offset } },
        });
        if (error !== undefined || data === undefined) throw new Error(`page ${offset} failed: ${JSON.stringify(error)}`);
        return data;
      };
      return {
        // What a finance team's engineer writes: ask for page after page until the last one.
        async sequential(): Promise<WireRecord[]> {
          const records: WireRecord[] = [];
          for (let offset = 0; ; offset++) {
            const data = await rawPage(offset);
            records.push(...data.items);
            if (data.items.length === 0 || offset >= (data.lastOffset ?? 0)) return records;
          }
        },
        // The same by hand with 8 pages in flight: the first page tells lastOffset, then 8 workers
        // take the next page number each; no checks, no retries, no dates.
        async inFlight8(): Promise<WireRecord[]> {
          const first = await rawPage(0);
          const pages: WireRecord[][] = [first.items];
          let next = 1;
          const worker = async (): Promise<void> => {
            for (let offset = next++; offset <= (first.lastOffset ?? 0); offset = next++) pages[offset] = (await rawPage(offset)).items;
          };
          await Promise.all(Array.from({ length: 8 }, worker));
          return pages.flat();
        },
        ours: (concurrency?: number) => client.usage.all({ realmId: REALM, startDate: START, endDate, detailLevel: 'hour' }, { pageSize: PAGE, concurrency }).toArray(),
      };
    };
    const fromPages = pulls(written);
    const fromServer = pulls(embedded);

    const rounds = options.quick ? 1 : 5;
    const warmup = options.quick ? 0 : 1;
    let records = 0;
    const sample = async (pull: () => Promise<object[]>) => {
      const t = await timed(pull);
      records = t.value.length;
      return { ms: t.ms, data: t.value };
    };
    const s = await compareVariants<object[]>({
      rounds,
      warmup,
      variants: [
        { name: 'baseline', label: 'sequential loop over raw openapi-fetch, written pages', run: () => sample(fromPages.sequential) },
        { name: 'raw-8', label: 'hand-written loop over raw openapi-fetch, 8 in flight, written pages', run: () => sample(fromPages.inFlight8) },
        { name: 'ours', label: 'client.usage.all (default concurrency, 4), written pages', run: () => sample(() => fromPages.ours()) },
        { name: 'ours-8', label: 'client.usage.all with concurrency 8, written pages', run: () => sample(() => fromPages.ours(8)) },
        { name: 'baseline-server', label: 'sequential loop over raw openapi-fetch, embedded server', run: () => sample(fromServer.sequential) },
        { name: 'raw-8-server', label: 'hand-written loop, 8 in flight, embedded server', run: () => sample(fromServer.inFlight8) },
        { name: 'ours-server', label: 'client.usage.all (default concurrency, 4), embedded server', run: () => sample(() => fromServer.ours()) },
        { name: 'ours-8-server', label: 'client.usage.all with concurrency 8, embedded server', run: () => sample(() => fromServer.ours(8)) },
      ],
      differ: (a, b) => differRecords(a, b),
      onRun: (name, r, t) => options.log(`paged-pull round ${r + 1}/${rounds} ${name}: ${Math.round(t.ms)} ms`),
    });
    const pages = Math.ceil(records / PAGE);
    return {
      benchmark: 'paged-pull',
      title: `${records.toLocaleString('en-US')} usage records in pages of ${PAGE}, ${LATENCY_MS} ms added latency per request, from pages written beforehand and from the embedded server`,
      measuredAt: new Date().toISOString(),
      quick: options.quick,
      environment: environment(),
      params: { realmId: REALM, startDate: START, endDate, detailLevel: 'hour', pageSize: PAGE, latencyMs: LATENCY_MS, records, pages },
      rounds,
      warmup,
      baseline: s.baseline,
      ours: s.ours,
      variants: s,
      sameData: true,
      figures: figures(s, pages),
      notes: [
        'Written pages: a plain http server answers each page with the bytes the embedded server wrote for it beforehand, after the same 50 ms; the embedded server makes every page on one thread, so at 8 in flight its pages queue behind each other.',
        'Speedups are the median of each round\'s own ratio (every variant runs once per round, the order rotated), so a slow spell on the shared machine slows both sides of a ratio alike.',
      ],
    };
  } finally {
    if (pagesServer) await stopped(pagesServer);
    await stopped(server);
    await rm(dir, { recursive: true, force: true });
  }
}

function figures(s: Record<string, VariantSummary>, pages: number): Figure[] {
  const ms = (name: string): number => s[name]?.medianMs ?? Number.NaN;
  const faster = (baseline: string, ours: string): number => variantRatio(s, baseline, ours);
  // The floors: every request waits the added latency and nothing else. The first page goes alone
  // (its total says how many pages follow), then the rest `concurrency` at a time; so at 8 the
  // speedup cannot pass sequentialFloor / floor8 even with a free server and client.
  const sequentialFloorMs = pages * LATENCY_MS;
  const floor8 = (1 + Math.ceil((pages - 1) / 8)) * LATENCY_MS;
  const speedup = faster('baseline', 'ours');
  const speedup8 = faster('baseline', 'ours-8');
  const timesFaster = 'baseline / ours, median of the rounds\' ratios: times faster';
  return [
    { measure: 'time to pull every record, written pages', unit: 'ms (median)', baseline: ms('baseline'), ours: ms('ours'), ratio: speedup, ratioMeaning: timesFaster, target: '>= 3.5x faster', met: speedup >= 3.5 },
    { measure: 'time to pull every record, concurrency 8, written pages', unit: 'ms (median)', baseline: ms('baseline'), ours: ms('ours-8'), ratio: speedup8, ratioMeaning: timesFaster, target: '>= 7x faster', met: speedup8 >= 7 },
    { measure: 'concurrency 8 against the hand-written loop with 8 in flight, written pages', unit: 'ms (median)', baseline: ms('raw-8'), ours: ms('ours-8'), ratio: variantRatio(s, 'ours-8', 'raw-8'), ratioMeaning: 'ours / hand-written, median of the rounds\' ratios' },
    { measure: 'time against the latency floor (computed), concurrency 8, written pages', unit: 'ms', baseline: floor8, ours: ms('ours-8'), ratio: round(ms('ours-8') / floor8, 2), ratioMeaning: 'ours / floor' },
    { measure: 'the speedup the floors allow (computed), concurrency 8', unit: 'ms', baseline: sequentialFloorMs, ours: floor8, ratio: round(sequentialFloorMs / floor8, 2), ratioMeaning: 'sequential floor / floor at 8: the most a client reaches' },
    { measure: 'time to pull every record, embedded server', unit: 'ms (median)', baseline: ms('baseline-server'), ours: ms('ours-server'), ratio: faster('baseline-server', 'ours-server'), ratioMeaning: timesFaster },
    { measure: 'time to pull every record, concurrency 8, embedded server', unit: 'ms (median)', baseline: ms('baseline-server'), ours: ms('ours-8-server'), ratio: faster('baseline-server', 'ours-8-server'), ratioMeaning: timesFaster },
    { measure: 'the hand-written loop with 8 in flight, embedded server (a baseline)', unit: 'ms (median)', baseline: ms('baseline-server'), ours: ms('raw-8-server'), ratio: faster('baseline-server', 'raw-8-server'), ratioMeaning: 'sequential / hand-written at 8: what the server lets any client reach' },
  ];
}
