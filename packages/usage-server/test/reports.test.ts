import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/index.js';
import { bearer, DAY, expectSpecValid, NOW, parseCsv, PARTNER, PLAIN } from './helpers.js';

interface Report { id: string; status: string; created: string; resultHref?: string; failureReason?: string; parameters: Record<string, unknown> }
interface ReportPage { total: number; limit: number; count: number; nextOffset: number; lastOffset: number; items: Report[] }

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ now: NOW, reportPolls: 2 });
});
afterAll(() => server.close());

const reportsUrl = (realm = PARTNER) => `${server.url}/usage/realms/${realm}/reports`;
const auth = () => bearer(server.token, { 'Content-Type': 'application/json' });

async function create(query: string, body?: unknown, realm = PARTNER): Promise<Response> {
  return fetch(`${reportsUrl(realm)}?${query}`, { method: 'POST', ...auth(), body: body === undefined ? undefined : JSON.stringify(body) });
}

async function status(location: string): Promise<{ res: Response; body: Report }> {
  const res = await fetch(location, bearer(server.token));
  return { res, body: (await res.json()) as Report };
}

describe('reports', () => {
  it('runs a partner report through its life: 201 + Location, polls, completed, streamed CSV with orgName', async () => {
    const subAccounts = ['org112135', 'org124566'];
    const res = await create(DAY, { subAccounts });
    const created = (await res.json()) as { id: string; status: string };
    await expectSpecValid('createUsageReport', res, created);
    expect(res.status).toBe(201);
    expect(created).toEqual({ id: expect.stringMatching(/^REPORT-\d+$/), status: 'inProgress' });
    const location = res.headers.get('location')!;
    expect(location).toBe(`${server.url}/usage/realms/${PARTNER}/reports/${created.id}`);

    const first = await status(location);
    await expectSpecValid('getUsageReport', first.res, first.body);
    expect(first.body.status).toBe('inProgress');
    expect(first.body).not.toHaveProperty('resultHref');
    const early = await fetch(`${location}/output`, bearer(server.token));
    expect(early.status).toBe(404);

    const second = await status(location);
    expect(second.body.status).toBe('completed');
    expect(second.body.resultHref).toBe(`${location}/output`);
    expect(second.body.parameters).toMatchObject({ realm: PARTNER, subAccounts, startDate: '2025-05-01T00:00:00' });

    const out = await fetch(second.body.resultHref!, bearer(server.token));
    expect(out.status).toBe(200);
    expect(out.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(out.headers.get('content-length')).toBeNull(); // streamed (chunked)
    const rows = parseCsv(await out.text());
    expect(rows[0]).toContain('Org name (orgName)');
    const org = rows[0]!.indexOf('Org name (orgName)');
    expect(new Set(rows.slice(1).map((r) => r[org]))).toEqual(new Set(subAccounts));
    // The report holds exactly the subaccounts' usage records for the same range.
    let expected = 0;
    for (const s of subAccounts) {
      const page = await fetch(`${server.url}/usage/realms/${s}?${DAY}&limit=1`, bearer(server.token));
      expected += ((await page.json()) as { total: number }).total;
    }
    expect(rows.length - 1).toBe(expected);
  });

  it('fails on the documented trigger (billingTag=fail-report) with a reason', async () => {
    const res = await create(`${DAY}&billingTag=fail-report`);
    const { id } = (await res.json()) as { id: string };
    const loc = res.headers.get('location')!;
    await status(loc);
    const done = await status(loc);
    await expectSpecValid('getUsageReport', done.res, done.body);
    expect(done.body).toMatchObject({ id, status: 'failed', failureReason: expect.stringContaining('fail-report') });
    expect((await fetch(`${loc}/output`, bearer(server.token))).status).toBe(404);
  });

  it('rejects detailLevel=hour, foreign subaccounts and bad bodies, naming the field', async () => {
    const cases: [Response, string][] = [
      [await create(`${DAY}&detailLevel=hour`), 'detailLevel'],
      [await create(DAY, { subAccounts: ['org000001'] }), 'subAccounts'],
      [await create(DAY, { subAccounts: 'org112135' }), 'subAccounts'],
      [await create(DAY, { color: 'red' }), 'color'],
      [await create('startDate=2025-01-01T00:00:00&endDate=2025-06-01T00:00:00'), 'endDate'],
    ];
    for (const [res, field] of cases) {
      const body = (await res.json()) as { fields: { name: string }[]; message: string };
      expect(res.status, field).toBe(400);
      await expectSpecValid('createUsageReport', res, body);
      expect(body.fields.map((f) => f.name), field).toContain(field);
    }
    const bad = await fetch(`${reportsUrl()}?${DAY}`, { method: 'POST', ...auth(), body: '{"subAccounts": [' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: { name: string }[] }).fields[0]?.name).toBe('body');
  });

  it('lists reports paged and sorted by creation date (historic ones seeded)', async () => {
    const all = await fetch(`${reportsUrl(PLAIN)}?limit=100`, bearer(server.token));
    const page = (await all.json()) as ReportPage;
    await expectSpecValid('listUsageReports', all, page);
    expect(page.total).toBeGreaterThan(0);
    expect(page.items.some((r) => r.status === 'completed' && r.resultHref)).toBe(true);

    for (let i = 0; i < 3; i++) await create(DAY);
    const walk = async (sort: string) => {
      const first = (await (await fetch(`${reportsUrl()}?limit=2&sort=${sort}`, bearer(server.token))).json()) as ReportPage;
      const items = [...first.items];
      for (let p = 1; p <= first.lastOffset; p++) {
        const next = (await (await fetch(`${reportsUrl()}?limit=2&offset=${p}&sort=${sort}`, bearer(server.token))).json()) as ReportPage;
        expect(next.count).toBe(next.items.length);
        expect(next.nextOffset).toBe(p < next.lastOffset ? p + 1 : next.lastOffset);
        items.push(...next.items);
      }
      expect(items).toHaveLength(first.total);
      return items;
    };
    const desc = await walk('desc');
    const asc = await walk('asc');
    expect(asc.map((r) => r.id)).toEqual([...desc].reverse().map((r) => r.id));
    const created = asc.map((r) => r.created);
    expect(created).toEqual([...created].sort());
    const dflt = (await (await fetch(reportsUrl(), bearer(server.token))).json()) as ReportPage;
    expect(dflt.items.map((r) => r.id)).toEqual(desc.map((r) => r.id));
  });

  it('serves a completed historic report output and 404s an unknown report', async () => {
    const page = (await (await fetch(`${reportsUrl(PLAIN)}`, bearer(server.token))).json()) as ReportPage;
    const done = page.items.find((r) => r.status === 'completed')!;
    const out = await fetch(done.resultHref!, bearer(server.token));
    expect(out.status).toBe(200);
    const rows = parseCsv(await out.text());
    expect(rows.length).toBeGreaterThan(1);
    expect(rows[0]).not.toContain('Org name (orgName)'); // not a partner
    const missing = await fetch(`${reportsUrl()}/REPORT-999999`, bearer(server.token));
    const body = await missing.json();
    expect(missing.status).toBe(404);
    await expectSpecValid('getUsageReport', missing, body);
    const badId = await fetch(`${reportsUrl()}/REPORT%20X`, bearer(server.token));
    expect(badId.status).toBe(400);
  });

  it('completes by time when configured with a delay', async () => {
    // A delay long enough that a loaded machine still sees the first inProgress answer.
    const timed = await startServer({ now: NOW, reportDelayMs: 1_000 });
    try {
      const res = await fetch(`${timed.url}/usage/realms/${PARTNER}/reports?${DAY}`, { method: 'POST', ...bearer(timed.token) });
      const loc = res.headers.get('location')!;
      const before = (await (await fetch(loc, bearer(timed.token))).json()) as Report;
      expect(before.status).toBe('inProgress');
      await new Promise((r) => setTimeout(r, 1_100));
      const after = (await (await fetch(loc, bearer(timed.token))).json()) as Report;
      expect(after.status).toBe('completed');
    } finally {
      await timed.close();
    }
  });
});
