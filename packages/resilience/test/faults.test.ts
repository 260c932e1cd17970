// Paged pulls and report downloads against a server that injects faults at random from a fixed
// seed. Each must end with exactly the server's data, in order, or with a typed error naming the
// correlation id (and the page, for paged walks); a silent short result fails the suite.
import { createUsageClient, type UsageClient } from '@meterbook/sdk';
import { startServer, type RunningServer } from '@meterbook/usage-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonical, compareRecords } from '../src/canonical.js';
import { DATA_NOW, DOWNLOAD_FAULT_KINDS, FAULT_KINDS, FAULT_RUN, SCENARIOS, type FaultScenario } from '../src/config.js';
import { findLeaks } from '../src/leaks.js';
import { classifyError, runBounded, Tally } from '../src/outcome.js';
import { pick, seeded } from '../src/random.js';
import { Recorder } from '../src/recorder.js';
import { referencePull, type PullQuery } from '../src/reference.js';

const REALMS = ['org123456789', 'org112135', 'org124566', 'org134564', 'org987654321'];
const DAY = 86_400_000;
const MAY = Date.UTC(2025, 4, 1);
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 19);

function pullQuery(random: () => number): PullQuery {
  const realmId = pick(random, REALMS);
  const detailLevel = pick(random, ['hour', 'day', 'day', 'month', 'summarized'] as const);
  const pageSize = pick(random, [25, 50, 100]);
  const start = MAY + Math.floor(random() * 20) * DAY + (detailLevel === 'hour' ? Math.floor(random() * 24) * 3_600_000 : 0);
  // Sized for a few to a few dozen pages: hours for hourly data, days or months otherwise.
  const length = detailLevel === 'hour' ? (2 + Math.floor(random() * 7)) * 3_600_000 : detailLevel === 'day' ? (3 + Math.floor(random() * 15)) * DAY : (20 + Math.floor(random() * 60)) * DAY;
  return { realmId, startDate: iso(start), endDate: iso(Math.min(start + length, Date.UTC(2025, 5, 1))), detailLevel, pageSize };
}

interface ReportQuery {
  realmId: string;
  subAccounts?: string[];
  startDate: string;
  endDate: string;
  detailLevel: 'day' | 'month' | 'summarized';
  groupBy?: string[];
}

function reportQuery(random: () => number): ReportQuery {
  const partner = random() < 0.6;
  const start = MAY + Math.floor(random() * 20) * DAY;
  const q: ReportQuery = {
    realmId: partner ? 'org123456789' : pick(random, REALMS.slice(1)),
    startDate: iso(start),
    endDate: iso(start + (2 + Math.floor(random() * 6)) * DAY),
    detailLevel: pick(random, ['day', 'day', 'month', 'summarized'] as const),
  };
  if (partner) q.subAccounts = ['org112135', 'org124566', 'org134564'].filter(() => random() < 0.7);
  if (random() < 0.5) q.groupBy = ['project', 'billingTag'];
  return q;
}

/** Creates, waits for and downloads a report; the rows in canonical form. */
async function downloadReport(client: UsageClient, q: ReportQuery): Promise<object[]> {
  const ref = await client.reports.create(q);
  const report = await client.reports.waitUntilDone(ref, { intervalMs: 50, maxIntervalMs: 200, timeoutMs: 20_000 });
  return client.reports.download(report).toArray();
}

async function startFaulty(scenario: FaultScenario, kinds: string[], recorder: Recorder, salt: number): Promise<RunningServer> {
  return startServer({ now: DATA_NOW, mode: 'test', reportDelayMs: 20, faults: { seed: FAULT_RUN.seed + salt, rate: scenario.rate, kinds }, log: recorder.log });
}

describe.each(SCENARIOS)('faults ($name): nothing is lost, nothing is invented', (scenario) => {
  const recorder = new Recorder();
  let clean: RunningServer;
  let faulty: RunningServer;
  let faultyReports: RunningServer;
  let cleanClient: UsageClient;
  const clientOf = (server: RunningServer): UsageClient =>
    createUsageClient({ baseUrl: server.url, token: server.token, fetch: recorder.fetch, timeoutMs: 20_000, maxRetries: scenario.maxRetries });

  beforeAll(async () => {
    clean = await startServer({ now: DATA_NOW, reportDelayMs: 20 });
    faulty = await startFaulty(scenario, FAULT_KINDS, recorder, 0);
    faultyReports = await startFaulty(scenario, DOWNLOAD_FAULT_KINDS, recorder, 1);
    cleanClient = createUsageClient({ baseUrl: clean.url, token: clean.token });
  });

  afterAll(async () => {
    await Promise.all([clean?.close(), faulty?.close(), faultyReports?.close()]);
  });

  it(`${scenario.pulls} paged pulls end exact or with a typed error naming the page`, async () => {
    const random = seeded(FAULT_RUN.seed + scenario.pulls);
    const client = clientOf(faulty);
    const tally = new Tally();
    const queries = Array.from({ length: scenario.pulls }, () => pullQuery(random));
    const tasks = queries.map((q, i) => async () => {
      const expected = await referencePull(clean.url, clean.token, q);
      const label = `pull ${i} ${JSON.stringify(q)} (${expected.length} records)`;
      try {
        const { pageSize, ...query } = q;
        const got = await client.usage.all(query, { pageSize }).toArray();
        const difference = compareRecords(expected, got);
        tally.add(label, difference === undefined ? { kind: 'exact' } : { kind: 'silent', detail: difference });
      } catch (error) {
        tally.add(label, classifyError(recorder.error(error), true));
      }
    });
    const done = await runBounded(tasks, FAULT_RUN.parallel, FAULT_RUN.budgetMs);
    console.log(tally.line('pulls'), `(${scenario.name}; ${faulty.stats().faults} faults injected over ${faulty.stats().requests} requests)`);
    expect(tally.problems()).toEqual([]);
    expect(tally.count('silent')).toBe(0);
    expect(done).toBeGreaterThanOrEqual(Math.min(10, scenario.pulls));
    // The mix must actually have hurt.
    expect(faulty.stats().faults).toBeGreaterThan(0);
  });

  it(`${scenario.downloads} report downloads end exact or with a typed error`, async () => {
    const random = seeded(FAULT_RUN.seed + scenario.downloads);
    const client = clientOf(faultyReports);
    const tally = new Tally();
    const queries = Array.from({ length: scenario.downloads }, () => reportQuery(random));
    const tasks = queries.map((q, i) => async () => {
      const expected = (await downloadReport(cleanClient, q)).map(canonical);
      const label = `report ${i} ${JSON.stringify(q)} (${expected.length} rows)`;
      try {
        const got = await downloadReport(client, q);
        const difference = compareRecords(expected, got);
        tally.add(label, difference === undefined ? { kind: 'exact' } : { kind: 'silent', detail: difference });
      } catch (error) {
        tally.add(label, classifyError(recorder.error(error), false));
      }
    });
    await runBounded(tasks, FAULT_RUN.parallel, FAULT_RUN.budgetMs);
    console.log(tally.line('report downloads'), `(${scenario.name}; ${faultyReports.stats().faults} faults injected)`);
    expect(tally.problems()).toEqual([]);
    expect(tally.count('silent')).toBe(0);
  });

  it('leaks no token in any log line, error or request', () => {
    expect(recorder.requests.length).toBeGreaterThan(0);
    expect(recorder.logs.length).toBeGreaterThan(0);
    const secrets = [faulty.token, faultyReports.token, faulty.credentials.accessKeySecret];
    expect(findLeaks(recorder, { secrets, trustedOrigins: [faulty.origin, faultyReports.origin] })).toEqual([]);
  });
});
