// Benchmark: 12 months at day detail for the demo realm from the embedded server (in its own
// process, 50 ms added per request, as in paged-pull). Baseline: the loop an engineer writes
// around the 95-day limit, one `usage.all` call after another. Ours: `usage.range` at
// concurrency 4 and 8. Requests are counted by the server; the records must be the same set.
import { createUsageClient, type UsageRecord } from '@meterbook/sdk';
import { canonicalRecord } from './canonical.js';
import { comparePair, round, timed, type PairSummary, type Sample } from './harness.js';
import { type BenchOptions } from './options.js';
import { pairResult, type BenchResult, type Figure } from './results.js';
import { startStatsServer, type StatsServer } from './stats-server.js';

const LATENCY_MS = 50;
const DAY_MS = 86_400_000;
// The data set ends at DATA_NOW (2025-06-01): the twelve months before it; quick: two months of
// the smaller plain realm.
const FULL = { realmId: 'org123456789', startDate: '2024-06-01T00:00:00', endDate: '2025-06-01T00:00:00' };
const QUICK = { realmId: 'org987654321', startDate: '2025-03-01T00:00:00', endDate: '2025-05-01T00:00:00' };

/** Undefined when both hold the same records (as a multiset: the two cut the range differently), else what differs. */
export function differAsSets(baseline: readonly object[], ours: readonly object[]): string | undefined {
  if (baseline.length !== ours.length) return `baseline has ${baseline.length} records, ours ${ours.length}`;
  const a = baseline.map(canonicalRecord).sort();
  const b = ours.map(canonicalRecord).sort();
  const i = a.findIndex((text, n) => text !== b[n]);
  return i < 0 ? undefined : `record ${i} (sorted) differs: ${a[i]?.slice(0, 200)} vs ${b[i]?.slice(0, 200)}`;
}

/** Runs `pull` and returns its time, records and the requests the server saw. */
async function counted(server: StatsServer, pull: () => Promise<UsageRecord[]>): Promise<Sample<UsageRecord[]>> {
  await server.stats(true);
  const t = await timed(pull);
  const stats = await server.stats();
  return { ms: t.ms, data: t.value, metrics: { requests: stats.requests, maxInFlight: stats.maxInFlight } };
}

export async function rangePull(options: BenchOptions): Promise<BenchResult> {
  const server = await startStatsServer(LATENCY_MS);
  const query = { ...(options.quick ? QUICK : FULL), detailLevel: 'day' as const };
  try {
    const client = createUsageClient({ baseUrl: server.url, token: server.token });
    // What an engineer writes around the 95-day limit: consecutive 95-day calls, one after another.
    const naive = async (): Promise<UsageRecord[]> => {
      const records: UsageRecord[] = [];
      const end = Date.parse(`${query.endDate}Z`);
      for (let start = Date.parse(`${query.startDate}Z`); start < end; start += 95 * DAY_MS) {
        records.push(...(await client.usage.all({ ...query, startDate: new Date(start), endDate: new Date(Math.min(end, start + 95 * DAY_MS)) })));
      }
      return records;
    };
    const rounds = options.quick ? 1 : 5;
    const warmup = options.quick ? 0 : 1;
    let records = 0;
    const summaries: Record<number, PairSummary> = {};
    for (const concurrency of [4, 8]) {
      summaries[concurrency] = await comparePair<UsageRecord[]>({
        rounds,
        warmup,
        baseline: { label: 'sequential 95-day usage.all calls', run: () => counted(server, naive) },
        ours: { label: `usage.range, concurrency ${concurrency}`, run: async () => { const s = await counted(server, () => client.usage.range(query, { concurrency }).toArray()); records = s.data.length; return s; } },
        differ: differAsSets,
        onRun: (variant, r, s) => options.log(`range-pull c=${concurrency} round ${r + 1}/${rounds} ${variant}: ${Math.round(s.ms)} ms, ${s.metrics?.requests} requests`),
      });
    }
    const figures: Figure[] = [];
    for (const [concurrency, s] of Object.entries(summaries)) {
      const speedup = round(s.baseline.medianMs / s.ours.medianMs, 2);
      // The floor: every request waits the added latency, `concurrency` at a time, and nothing else.
      const floorMs = Math.ceil((s.ours.metrics.requests as number) / Number(concurrency)) * LATENCY_MS;
      figures.push(
        { measure: `time against the latency floor (computed), concurrency ${concurrency}`, unit: 'ms', baseline: floorMs, ours: s.ours.medianMs, ratio: round(s.ours.medianMs / floorMs, 2), ratioMeaning: 'ours / floor' },
        { measure: `time, usage.range at concurrency ${concurrency}`, unit: 'ms (median)', baseline: s.baseline.medianMs, ours: s.ours.medianMs, ratio: speedup, ratioMeaning: 'baseline / ours: times faster' },
        { measure: `requests, usage.range at concurrency ${concurrency}`, unit: 'requests', baseline: s.baseline.metrics.requests as number, ours: s.ours.metrics.requests as number },
        { measure: `most requests in flight at the server, concurrency ${concurrency}`, unit: 'requests', baseline: s.baseline.metrics.maxInFlight as number, ours: s.ours.metrics.maxInFlight as number, target: `<= ${concurrency}`, met: (s.ours.metrics.maxInFlight as number) <= Number(concurrency) },
      );
    }
    const four = summaries[4] as PairSummary;
    return pairResult({
      benchmark: 'range-pull',
      title: `${records.toLocaleString('en-US')} day-level usage records over ${options.quick ? 2 : 12} months, ${LATENCY_MS} ms added latency per request`,
      quick: options.quick,
      params: { ...query, latencyMs: LATENCY_MS, records, pageSize: 100, concurrency: [4, 8] },
      rounds,
      warmup,
      summary: { ...four, sameDataRounds: Math.min(...Object.values(summaries).map((s) => s.sameDataRounds)) },
      figures,
      notes: ['baseline and ours fields hold the concurrency-4 comparison; the figures give both.'],
    });
  } finally {
    await server.close();
  }
}
