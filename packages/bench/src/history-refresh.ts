// Benchmark: refreshing a "last 12 months by day" history one day after it was pulled (the
// planner's clock moves; the server's data set stays fixed, so both pulls read the same past).
// Baseline: a full pull of the range again. Ours: planHistory, then only its windows. Requests
// are counted by the server; the refreshed rows must equal the full pull's, row for row.
import { createUsageClient, type DateWindow, type UsageClient, type UsageRecord } from '@meterbook/sdk';
import { planHistory, type HeldWindow } from '@meterbook/sdk/history';
import { differRecords } from './canonical.js';
import { comparePair, round, timed, type Sample } from './harness.js';
import { type BenchOptions } from './options.js';
import { pairResult, type BenchResult } from './results.js';
import { startStatsServer, type StatsServer } from './stats-server.js';

const LATENCY_MS = 50;
const PAGE = 100;
// Pulled first on 20 May 2025, refreshed on the 21st: the data set (ending 1 June) holds both.
const FIRST_PULL = new Date('2025-05-20T00:00:00Z');
const REFRESH = new Date('2025-05-21T00:00:00Z');

interface HistoryTable {
  windows: HeldWindow[];
  rows: Map<number, UsageRecord[]>;
}

/** The records of `[window.startDate, window.endDate)`, by their usageDateTime. */
function inWindow(records: readonly UsageRecord[], window: DateWindow): UsageRecord[] {
  return records.filter((r) => r.usageDateTime !== undefined && r.usageDateTime >= window.startDate && r.usageDateTime < window.endDate);
}

async function pullInto(client: UsageClient, query: { realmId: string }, windows: readonly DateWindow[], pulledAt: Date, table: HistoryTable): Promise<void> {
  for (const window of windows) {
    const rows = await client.usage.range({ ...query, startDate: window.startDate, endDate: window.endDate, detailLevel: 'day' });
    table.rows.set(window.startDate.getTime(), rows);
    table.windows.push({ startDate: window.startDate, endDate: window.endDate, rows: rows.length, pulledAt });
  }
}

/** What a refresh leaves in the table: the kept windows' rows untouched, the pulled ones fresh, in window order. */
async function refresh(client: UsageClient, realmId: string, months: number, held: HistoryTable, now: Date): Promise<{ rows: UsageRecord[]; pulledRecords: number; pulledWindows: number }> {
  const plan = planHistory({ rule: { kind: 'rolling', months }, windows: held.windows, now });
  const fresh: HistoryTable = { windows: [], rows: new Map() };
  await pullInto(client, { realmId }, plan.pull, now, fresh);
  const rows = plan.windows.flatMap((w) => fresh.rows.get(w.startDate.getTime()) ?? held.rows.get(w.startDate.getTime()) ?? []);
  return { rows, pulledRecords: fresh.windows.reduce((n, w) => n + w.rows, 0), pulledWindows: plan.pull.length };
}

async function counted(server: StatsServer, run: () => Promise<{ rows: UsageRecord[]; floor?: number }>): Promise<Sample<UsageRecord[]>> {
  await server.stats(true);
  const t = await timed(run);
  const stats = await server.stats();
  const metrics: Record<string, number> = { requests: stats.requests };
  if (t.value.floor !== undefined) metrics.openWindowPages = t.value.floor;
  return { ms: t.ms, data: t.value.rows, metrics };
}

export async function historyRefresh(options: BenchOptions): Promise<BenchResult> {
  const server = await startStatsServer(LATENCY_MS);
  const realmId = options.quick ? 'org987654321' : 'org123456789';
  const months = options.quick ? 2 : 12;
  try {
    const client = createUsageClient({ baseUrl: server.url, token: server.token });
    // The table as the first pull left it: one full pull, its rows split by window.
    const first = planHistory({ rule: { kind: 'rolling', months }, windows: [], now: FIRST_PULL });
    const all = await client.usage.range({ realmId, startDate: first.startDate, endDate: first.endDate, detailLevel: 'day' });
    const held: HistoryTable = { windows: [], rows: new Map() };
    for (const w of first.windows) {
      const rows = inWindow(all, w);
      held.rows.set(w.startDate.getTime(), rows);
      held.windows.push({ ...w, rows: rows.length, pulledAt: FIRST_PULL });
    }
    const target = planHistory({ rule: { kind: 'rolling', months }, windows: [], now: REFRESH });
    let pulled = { records: 0, windows: 0, rows: 0 };
    const rounds = options.quick ? 1 : 5;
    const warmup = options.quick ? 0 : 1;
    const summary = await comparePair<UsageRecord[]>({
      rounds,
      warmup,
      baseline: { label: 'full pull of the range (usage.range)', run: () => counted(server, async () => ({ rows: await client.usage.range({ realmId, startDate: target.startDate, endDate: target.endDate, detailLevel: 'day' }) })) },
      ours: {
        label: 'planHistory, then only its windows',
        run: () => counted(server, async () => {
          const r = await refresh(client, realmId, months, held, REFRESH);
          pulled = { records: r.pulledRecords, windows: r.pulledWindows, rows: r.rows.length };
          // The fewest requests the open windows can take: one per page of 100 (an empty window still takes one).
          return { rows: r.rows, floor: Math.max(r.pulledWindows, Math.ceil(r.pulledRecords / PAGE)) };
        }),
      },
      differ: differRecords,
      onRun: (variant, r, s) => options.log(`history-refresh round ${r + 1}/${rounds} ${variant}: ${Math.round(s.ms)} ms, ${s.metrics?.requests} requests`),
    });
    const requests = summary.ours.metrics.requests as number;
    const floor = summary.ours.metrics.openWindowPages as number;
    return pairResult({
      benchmark: 'history-refresh',
      title: `refresh of a ${months}-month day-level history one day after its pull (${target.windows.length} windows, ${pulled.windows} pulled again), ${LATENCY_MS} ms added latency per request`,
      quick: options.quick,
      params: { realmId, rule: { kind: 'rolling', months }, firstPull: FIRST_PULL.toISOString(), refresh: REFRESH.toISOString(), settleDays: 5, latencyMs: LATENCY_MS, rows: pulled.rows, pulledRecords: pulled.records, pulledWindows: pulled.windows },
      rounds,
      warmup,
      summary,
      figures: [
        { measure: 'requests counted by the server', unit: 'requests', baseline: summary.baseline.metrics.requests as number, ours: requests, target: `<= the open windows' pages (${floor})`, met: requests <= floor },
        { measure: 'time to refresh', unit: 'ms (median)', baseline: summary.baseline.medianMs, ours: summary.ours.medianMs, ratio: round(summary.baseline.medianMs / summary.ours.medianMs, 2), ratioMeaning: 'baseline / ours: times faster' },
      ],
    });
  } finally {
    await server.close();
  }
}
