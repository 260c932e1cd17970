import { createUsageClient } from '@meterbook/sdk';
import { startServer, type RunningServer } from '@meterbook/usage-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PreviewWorkbook } from '../workbook/preview-workbook.js';
import { PreviewWriter } from '../workbook/preview-writer.js';
import { QueryStore } from '../workbook/query-store.js';
import { insertUsage } from './pull.js';
import { createReport } from './report.js';
import { assertFitsSheet, judgeSize, SHEET_CAPACITY, TooBigForSheetError, withDayDetail } from './size.js';

const REALM = 'org123456789';

describe('the size verdict offers only a way that works', () => {
  it('never offers a report for hour detail (reports refuse it); offers day detail instead', () => {
    const hourly = judgeSize(213_213, 'hour');
    expect(hourly).toMatchObject({ slowRoad: true, tooBigForSheet: false, offer: 'dayDetail' });
    expect(hourly.message).toMatch(/^213,213 hourly records: .*Day detail instead/);
    expect(hourly.message).not.toMatch(/report/i);
    expect(judgeSize(30_000, 'day')).toMatchObject({ offer: 'report', message: expect.stringMatching(/A report is faster/) });
    expect(judgeSize(30_000)).toMatchObject({ offer: 'report' });
    expect(judgeSize(19_999, 'hour')).toEqual({ total: 19_999, tooBigForSheet: false, slowRoad: false });
  });

  it('refuses a pull too large for one sheet with its size and what to narrow, offering no report', () => {
    const v = judgeSize(2_000_000, 'month');
    expect(v).toMatchObject({ tooBigForSheet: true });
    expect(v.offer).toBeUndefined();
    expect(v.message).toBe(`Nothing was written: 2,000,000 records do not fit on one sheet (at most ${SHEET_CAPACITY.toLocaleString('en-US')} rows). To get fewer rows, narrow the date range or add filters.`);
    expect(judgeSize(2_000_000, 'hour').message).toMatch(/choose Detail level "Day"/);
    expect(() => assertFitsSheet(SHEET_CAPACITY)).not.toThrow();
    expect(() => assertFitsSheet(SHEET_CAPACITY + 1)).toThrow(TooBigForSheetError);
  });
});

describe('an hourly pull above 20,000 records (embedded server over HTTP)', () => {
  let server: RunningServer;
  beforeAll(async () => { server = await startServer({ port: 0 }); });
  afterAll(async () => { await server.close(); });

  it('stops before pulling, offers day detail, and the day-detail pull it offers is small enough', async () => {
    const client = createUsageClient({ baseUrl: server.url, token: server.token });
    const end = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000);
    const start = new Date(end.getTime() - 60 * 86_400_000);
    const iso = (d: Date) => d.toISOString().slice(0, 19);
    const params = { startDate: iso(start), endDate: iso(end), detailLevel: 'hour' };
    const wb = new PreviewWorkbook();
    const writer = new PreviewWriter(wb);
    const deps = { client, writer, store: new QueryStore(writer.settings), baseUrl: server.url };
    const r = await insertUsage(deps, REALM, params);
    if (r.kind !== 'tooBig') throw new Error(`expected tooBig, got ${r.kind}`);
    expect(r.verdict.total).toBeGreaterThan(20_000);
    expect(r.verdict.offer).toBe('dayDetail');
    expect(wb.model.sheets).toEqual([]);
    // The report the old verdict offered is refused for this very query; day detail is not.
    expect(() => createReport(client, REALM, params, [])).toThrow(/not hour/);
    const day = await insertUsage(deps, REALM, withDayDetail(params));
    expect(day.kind).toBe('inserted');
  });
});

describe('a day-detail pull longer than a report takes', () => {
  let server: RunningServer;
  beforeAll(async () => { server = await startServer({ port: 0, now: '2026-07-01T00:00:00' }); });
  afterAll(async () => { await server.close(); });

  it('offers no report (one report takes at most 95 days) and, with nothing faster to offer, inserts at once', async () => {
    expect(judgeSize(30_000, 'day', { reportFits: false })).toMatchObject({ slowRoad: true, message: expect.stringMatching(/A report takes at most 95 days/) });
    expect(judgeSize(30_000, 'day', { reportFits: false }).offer).toBeUndefined();
    const client = createUsageClient({ baseUrl: server.url, token: server.token });
    const writer = new PreviewWriter(new PreviewWorkbook());
    const deps = { client, writer, store: new QueryStore(writer.settings), baseUrl: server.url };
    const r = await insertUsage(deps, REALM, { startDate: '2025-07-01T00:00:00', endDate: '2026-07-01T00:00:00', detailLevel: 'day' });
    if (r.kind !== 'inserted') throw new Error(`expected inserted, got ${r.kind}: ${r.verdict.message ?? ''}`);
    expect(r.records).toBeGreaterThan(20_000);
  }, 60_000);
});
