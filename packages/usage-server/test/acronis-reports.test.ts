// The Acronis reports: create (200), fetch, update (scheduled only), delete (version), stored
// outputs in_progress -> saved/failed, gzip downloads of csv_v2_0 and json_v2_0, plain mode, sizes.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACRONIS_CSV_COLUMNS, ACRONIS_OFFERING_ITEMS, startServer, type RunningServer } from '../src/index.js';
import { parseCsv } from './helpers.js';
import { expectAcronisValid, json, reportBody, sleep, textOf, type AcronisErrorBody } from './acronis-helpers.js';

interface Report { id: string; version: number; schedule: { type: string; enabled: boolean }; parameters: Record<string, unknown>; generation_date?: string }
interface Stored { id: string; report_format: string; created_at: string; size: number; status: string }

// Long enough that a loaded machine still sees the first in_progress answer.
const DELAY = 1_000;
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ mode: 'test', acronisReportDelayMs: DELAY });
});
afterAll(() => server.close());

const a = () => server.acronis;
const get = (path: string, extra: Record<string, string> = {}) => fetch(`${a().baseUrl}${path}`, { headers: json(a().token, extra) });

async function create(body: unknown, extra: Record<string, string> = {}): Promise<Report> {
  const res = await fetch(`${a().baseUrl}/reports`, { method: 'POST', headers: json(a().token, extra), body: JSON.stringify(body) });
  const report = (await res.json()) as Report;
  expect(res.status, JSON.stringify(report)).toBe(200);
  await expectAcronisValid('createReport', res, report);
  return report;
}

async function stored(id: string): Promise<Stored[]> {
  const res = await get(`/reports/${id}/stored`);
  const body = (await res.json()) as { items: Stored[] };
  expect(res.status).toBe(200);
  await expectAcronisValid('listStoredReports', res, body);
  return body.items;
}

async function waitSaved(id: string): Promise<Stored[]> {
  for (let i = 0; i < 100; i++) {
    const items = await stored(id);
    if (items.every((s) => s.status !== 'in_progress')) return items;
    await sleep(50);
  }
  throw new Error('stored outputs never left in_progress');
}

async function download(reportId: string, storedId: string, extra: Record<string, string> = {}): Promise<{ res: Response; bytes: Buffer }> {
  const res = await get(`/reports/${reportId}/stored/${storedId}`, extra);
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('report life', () => {
  it('creates (200, version 1), fetches, lists through the tenant and deletes with the current version', async () => {
    const report = await create(reportBody(a().tenantId));
    expect(report.version).toBe(1);
    expect(report.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(report.schedule).toEqual({ type: 'once', enabled: true });

    const res = await get(`/reports/${report.id}`);
    const fetched = (await res.json()) as Report;
    await expectAcronisValid('getReport', res, fetched);
    expect(fetched).toEqual(report);

    const ids = await get(`/tenants/${a().tenantId}/reports`);
    const list = (await ids.json()) as { items: string[] };
    await expectAcronisValid('listTenantReports', ids, list);
    expect(list.items).toContain(report.id);
    expect(list.items.length).toBeGreaterThanOrEqual(2); // the historic monthly report too

    const stale = await fetch(`${a().baseUrl}/reports/${report.id}?version=2`, { method: 'DELETE', headers: json(a().token) });
    const error = (await stale.json()) as AcronisErrorBody;
    expect(stale.status).toBe(409);
    await expectAcronisValid('deleteReport', stale, error);
    expect(error.error).toMatchObject({ code: 1001, message: 'Version mismatch' });

    const gone = await fetch(`${a().baseUrl}/reports/${report.id}?version=1`, { method: 'DELETE', headers: json(a().token) });
    expect(gone.status).toBe(204);
    expect(await gone.text()).toBe('');
    const after = await get(`/reports/${report.id}`);
    expect(after.status).toBe(404);
    await expectAcronisValid('getReport', after, await after.json());
    expect(((await (await get(`/tenants/${a().tenantId}/reports`)).json()) as { items: string[] }).items).not.toContain(report.id);
  });

  it('requires the version to delete and a uuid report id', async () => {
    const missing = await fetch(`${a().baseUrl}/reports/${a().tenantId}`, { method: 'DELETE', headers: json(a().token) });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as AcronisErrorBody).error.message).toContain('version');
    const badId = await get('/reports/REPORT-1');
    expect(badId.status).toBe(400);
    expect(((await badId.json()) as AcronisErrorBody).error.message).toContain('report_id');
  });

  it('updates only scheduled (monthly) reports, bumping the version', async () => {
    const monthly = await create(reportBody(a().tenantId, { schedule: { type: 'monthly' } }, { period: undefined }));
    const body = reportBody(a().tenantId, { schedule: { type: 'monthly', enabled: false } }, { level: 'accounts', period: undefined });
    const res = await fetch(`${a().baseUrl}/reports/${monthly.id}`, { method: 'PUT', headers: json(a().token), body: JSON.stringify(body) });
    const updated = (await res.json()) as Report;
    expect(res.status).toBe(200);
    await expectAcronisValid('updateReport', res, updated);
    expect(updated).toMatchObject({ id: monthly.id, version: 2, schedule: { type: 'monthly', enabled: false }, parameters: { level: 'accounts' } });

    const withVersion = await fetch(`${a().baseUrl}/reports/${monthly.id}`, { method: 'PUT', headers: json(a().token), body: JSON.stringify({ ...body, version: 2 }) });
    expect(withVersion.status).toBe(400);
    expect(((await withVersion.json()) as AcronisErrorBody).error.data.fields?.[0]?.name).toBe('version');

    const once = await create(reportBody(a().tenantId));
    const refused = await fetch(`${a().baseUrl}/reports/${once.id}`, { method: 'PUT', headers: json(a().token), body: JSON.stringify(body) });
    const error = (await refused.json()) as AcronisErrorBody;
    expect(refused.status).toBe(400);
    await expectAcronisValid('updateReport', refused, error);
    expect(error.error).toMatchObject({ code: 1002, message: 'Report is not scheduled' });

    const stale = await fetch(`${a().baseUrl}/reports/${monthly.id}?version=1`, { method: 'DELETE', headers: json(a().token) });
    expect(stale.status).toBe(409);
    expect((await fetch(`${a().baseUrl}/reports/${monthly.id}?version=2`, { method: 'DELETE', headers: json(a().token) })).status).toBe(204);
  });
});

describe('stored outputs and downloads', () => {
  it('go in_progress -> saved after the delay, with their gzip size', async () => {
    const started = Date.now();
    const report = await create(reportBody(a().tenantId));
    const first = await stored(report.id);
    expect(first.map((s) => [s.report_format, s.status])).toEqual([['csv_v2_0', 'in_progress'], ['json_v2_0', 'in_progress']]);
    const done = await waitSaved(report.id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(DELAY);
    expect(done.map((s) => s.status)).toEqual(['saved', 'saved']);

    const csvItem = done.find((s) => s.report_format === 'csv_v2_0')!;
    const { res, bytes } = await download(report.id, csvItem.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    expect(bytes.length).toBe(csvItem.size);
    const rows = parseCsv(gunzipSync(bytes).toString('utf8'));
    expect(rows[0]!.slice(0, ACRONIS_CSV_COLUMNS.length)).toEqual([...ACRONIS_CSV_COLUMNS]);
    const customers = a().tenants.filter((t) => t.kind === 'customer');
    expect(rows.length - 1).toBe(customers.length * ACRONIS_OFFERING_ITEMS.length);
    const col = (name: string) => rows[0]!.indexOf(name);
    const data = rows.slice(1);
    expect(new Set(data.map((r) => r[col('tenant.id')]))).toEqual(new Set(customers.map((t) => t.id)));
    expect(data.every((r) => r[col('tenant.kind')] === 'customer')).toBe(true);
    expect(data.some((r) => r[col('infra.id')] === '')).toBe(true);
    expect(data.some((r) => r[col('infra.owner_id')] === a().tenantId)).toBe(true);
    for (const r of data) {
      const n = (name: string) => Number(r[col(name)]);
      expect(n('usage.absolute.total')).toBe(n('usage.absolute.production') + n('usage.absolute.trial'));
      expect(Number.isInteger(n('usage.effective.total'))).toBe(true);
      if (r[col('name')] === 'storage') expect(n('usage.effective.production') % 1024 ** 3).toBe(0);
    }
    expect(data.map((r) => r[col('tenant.name')])).toContain('Smith, Jones & Partners');

    const jsonItem = done.find((s) => s.report_format === 'json_v2_0')!;
    const j = await download(report.id, jsonItem.id);
    const doc = JSON.parse(textOf(j.bytes)) as { params: { kind: string; period: { start: string } }; tenants: { id: string; usages: { usage: { absolute: { total: number } }; application: { id: string } }[] }[] };
    expect(doc.params).toMatchObject({ kind: 'usage_summary', period: { start: '2025-05-01' } });
    expect(doc.tenants.map((t) => t.id)).toEqual(customers.map((t) => t.id));
    expect(doc.tenants.reduce((n, t) => n + t.usages.length, 0)).toBe(data.length);
    expect(doc.tenants[0]!.usages[0]!.usage.absolute.total).toBe(Number(data[0]![col('usage.absolute.total')]));
  });

  it('serves plain text with acronis-plain, and gzip + Content-Encoding with acronis-content-encoding', async () => {
    const report = await create(reportBody(a().tenantId, {}, { formats: ['csv_v2_0'], level: 'itself' }));
    const [item] = await waitSaved(report.id);
    const plain = await download(report.id, item!.id, { 'X-Mock-Fault': 'acronis-plain' });
    expect(plain.bytes.subarray(0, 9).toString()).toBe('tenant.id');
    expect(plain.res.headers.get('content-type')).toBe('application/octet-stream');
    const encoded = await download(report.id, item!.id, { 'X-Mock-Fault': 'acronis-content-encoding' });
    expect(encoded.res.headers.get('content-encoding')).toBe('gzip');
    // fetch decompresses on its own: the client sees plain text and must not gunzip again.
    expect(textOf(encoded.bytes)).toBe(plain.bytes.toString('utf8'));
    expect(textOf((await download(report.id, item!.id)).bytes)).toBe(plain.bytes.toString('utf8'));
    const server2 = await startServer({ acronisDownload: 'plain', acronisReportDelayMs: 0 });
    try {
      const r = await fetch(`${server2.acronis.baseUrl}/reports`, { method: 'POST', headers: json(server2.acronis.token), body: JSON.stringify(reportBody(server2.acronis.tenantId)) });
      const { id } = (await r.json()) as Report;
      let items: Stored[] = [];
      for (let i = 0; i < 50 && !(items[0]?.status === 'saved'); i++) {
        await sleep(20);
        items = ((await (await fetch(`${server2.acronis.baseUrl}/reports/${id}/stored`, { headers: json(server2.acronis.token) })).json()) as { items: Stored[] }).items;
      }
      const res = await fetch(`${server2.acronis.baseUrl}/reports/${id}/stored/${items[0]!.id}`, { headers: json(server2.acronis.token) });
      expect((await res.text()).startsWith('tenant.id,')).toBe(true);
    } finally {
      await server2.close();
    }
  });

  it('ends failed for the failure-trigger tenant, and a failed or unsaved output is not downloadable', async () => {
    const report = await create(reportBody(a().failingTenantId, {}, { level: 'itself' }));
    const early = await stored(report.id);
    expect(early.every((s) => s.status === 'in_progress')).toBe(true);
    const notYet = await download(report.id, early[0]!.id);
    expect(notYet.res.status).toBe(404);
    const done = await waitSaved(report.id);
    expect(done.map((s) => s.status)).toEqual(['failed', 'failed']);
    const failed = await download(report.id, done[0]!.id);
    expect(failed.res.status).toBe(404);
    expect(JSON.parse(failed.bytes.toString()).error.message).toMatch(/failed/);
  });

  it('adds date (usage_daily) and sku (show_skus) columns, hides zero rows, and honours acronis-rows', async () => {
    const daily = await create(reportBody(a().tenantId, {}, { kind: 'usage_daily', level: 'itself', formats: ['csv_v2_0'], show_skus: true, hide_zero_usage: true, period: { start: '2025-05-01', end: '2025-05-03' } }));
    const [item] = await waitSaved(daily.id);
    const rows = parseCsv(textOf((await download(daily.id, item!.id)).bytes));
    expect(rows[0]!.slice(-2)).toEqual(['date', 'sku']);
    const dates = new Set(rows.slice(1).map((r) => r[r.length - 2]));
    expect(dates).toEqual(new Set(['2025-05-01', '2025-05-02', '2025-05-03']));
    expect((rows.length - 1) % 3).toBe(0);
    expect(rows.length - 1).toBeLessThanOrEqual(3 * ACRONIS_OFFERING_ITEMS.length);

    const big = await create(reportBody(a().tenantId, {}, { formats: ['csv_v2_0'] }), { 'X-Mock-Fault': 'acronis-rows=5000' });
    const [bigItem] = await waitSaved(big.id);
    const bigRows = parseCsv(textOf((await download(big.id, bigItem!.id)).bytes));
    expect(bigRows.length - 1).toBe(5000);
    expect(new Set(bigRows.slice(1).map((r) => r[0])).size).toBe(Math.ceil(5000 / ACRONIS_OFFERING_ITEMS.length));
  });

  it('cuts a download mid-way with the shared truncate fault', async () => {
    const report = await create(reportBody(a().tenantId, {}, { formats: ['csv_v2_0'] }));
    const [item] = await waitSaved(report.id);
    await expect(download(report.id, item!.id, { 'X-Mock-Fault': 'truncate' })).rejects.toThrow();
  });
});
