import type { UsageRecord } from '@meterbook/sdk';
import { OfficeMockObject } from 'office-addin-mock';
import { describe, expect, it } from 'vitest';
import { createExcelMock, type ExcelMock } from '../../test/unit/excel-mock.js';
import { fakeClient } from '../../test/unit/fake-client.js';
import { usageRecords } from '../../test/unit/fixtures.js';
import { OfficeWriter } from '../workbook/office-writer.js';
import { QueryStore } from '../workbook/query-store.js';
import { insertUsage } from './pull.js';
import { NO_CONNECTION, officeStartup, onWorkbookOpen, setRefreshOnOpen, type OfficeStartupApi } from './refresh-on-open.js';
import type { RefreshAllDeps } from './refresh-all.js';
import type { RefreshDeps } from './refresh.js';
import { REFRESH_ON_OPEN_KEY } from './workbook-settings.js';

const BASE = 'http://localhost/v2';
const params = { startDate: '2024-05-01T00:00:00', endDate: '2024-06-01T00:00:00', detailLevel: 'day' };
const OPENED = new Date('2024-06-03T07:00:00Z');

/** Office's common API as office-addin-mock builds it; the enum is supplied, as Office.js does. */
function officeMock(opts: { sharedRuntime?: boolean; refuse?: string } = {}) {
  const calls: string[] = [];
  const office = new OfficeMockObject({
    addin: {
      setStartupBehavior: async (b: string) => {
        if (opts.refuse) throw new Error(opts.refuse);
        calls.push(b);
      },
    },
    context: { requirements: { isSetSupported: (name: string, v: string) => name === 'SharedRuntime' && v === '1.1' && opts.sharedRuntime !== false } },
  });
  Object.assign(office, { StartupBehavior: { load: 'Load', none: 'None' } });
  return { office: office as unknown as OfficeStartupApi, calls };
}

let rows = 3;
function depsFor(m: ExcelMock, client = fakeClient({ records: () => usageRecords(rows) as UsageRecord[] })): RefreshDeps & { client: ReturnType<typeof fakeClient> } {
  const writer = new OfficeWriter(m.run);
  return { client, writer, store: new QueryStore(writer.settings), baseUrl: BASE, now: () => OPENED };
}
/** What the pane hands refresh on open: every kept source (here the one). */
const all = (d: RefreshDeps): RefreshAllDeps => ({ writer: d.writer, store: d.store, sources: [d], now: d.now });

async function workbookWithTable(): Promise<ExcelMock> {
  rows = 3;
  const m = createExcelMock();
  await insertUsage(depsFor(m), 'org123456789', params);
  return m;
}

describe('the "Refresh when this workbook opens" setting', () => {
  it('is saved in workbook.settings and tells Excel load when on, none when off', async () => {
    const m = createExcelMock();
    const { office, calls } = officeMock();
    const settings = new OfficeWriter(m.run).settings;
    await setRefreshOnOpen(settings, officeStartup(office), true);
    expect(m.wb.model.settings[REFRESH_ON_OPEN_KEY]).toBe('true');
    expect(calls).toEqual(['Load']);
    await setRefreshOnOpen(settings, officeStartup(office), false);
    expect(m.wb.model.settings[REFRESH_ON_OPEN_KEY]).toBe('false');
    expect(calls).toEqual(['Load', 'None']);
  });

  it('has no startup setter without the shared runtime, and then saves the setting only', async () => {
    expect(officeStartup(officeMock({ sharedRuntime: false }).office)).toBeUndefined();
    expect(officeStartup(undefined)).toBeUndefined();
    const m = createExcelMock();
    await setRefreshOnOpen(new OfficeWriter(m.run).settings, undefined, true);
    expect(m.wb.model.settings[REFRESH_ON_OPEN_KEY]).toBe('true');
  });

  it('keeps the setting as it was when Excel refuses the startup behavior, and says so', async () => {
    const m = createExcelMock();
    const { office } = officeMock({ refuse: 'GeneralException' });
    await expect(setRefreshOnOpen(new OfficeWriter(m.run).settings, officeStartup(office), true))
      .rejects.toThrow(/did not accept loading the add-in when this workbook opens, so the setting was not changed \(GeneralException\)/);
    expect(m.wb.model.settings[REFRESH_ON_OPEN_KEY]).toBeUndefined();
  });
});

describe('onWorkbookOpen', () => {
  it('does nothing when the setting is off: no request, the table as it was', async () => {
    const m = await workbookWithTable();
    const before = JSON.stringify(m.wb.model);
    const deps = depsFor(m);
    expect(await onWorkbookOpen({ settings: deps.writer.settings, refresh: all(deps), describe: String })).toBeUndefined();
    expect(deps.client.calls).toEqual([]);
    expect(JSON.stringify(m.wb.model)).toBe(before);
  });

  it('refreshes every table when the setting is on, through refreshAllSources', async () => {
    const m = await workbookWithTable();
    const deps = depsFor(m);
    await setRefreshOnOpen(deps.writer.settings, undefined, true);
    rows = 5;
    const record = await onWorkbookOpen({ settings: deps.writer.settings, refresh: all(deps), describe: String, now: () => OPENED });
    expect(record).toEqual({ at: OPENED.toISOString(), ok: true, refreshed: 1, total: 1, message: 'Refreshed 1 of 1 tables when the workbook opened.', failures: [] });
    expect(deps.client.calls).toEqual(['usage.range']);
    expect(m.wb.table('MB_Usage_1')!.rows).toBe(5);
    expect(JSON.parse(m.wb.model.settings['meterbook.table.MB_Usage_1']!)).toMatchObject({ rowCount: 5, pulledAt: OPENED.toISOString() });
  });

  it('records a table that failed, with why, and keeps its rows', async () => {
    const m = await workbookWithTable();
    const failing = depsFor(m, fakeClient({ records: () => [], failWith: new Error('503 from usage.range, correlation id c-1') }));
    await setRefreshOnOpen(failing.writer.settings, undefined, true);
    const record = await onWorkbookOpen({ settings: failing.writer.settings, refresh: all(failing), describe: (e) => `described: ${(e as Error).message}` });
    expect(record).toMatchObject({ ok: false, refreshed: 0, total: 1, message: 'Refreshed 0 of 1 tables when the workbook opened.' });
    expect(record!.failures).toMatchObject([{ tableName: 'MB_Usage_1', status: 'failed', message: 'MB_Usage_1: 503 from usage.range, correlation id c-1' }]);
    expect(m.wb.table('MB_Usage_1')!.rows).toBe(3);
  });

  it('records "no connection kept" instead of failing silently', async () => {
    const m = await workbookWithTable();
    const settings = new OfficeWriter(m.run).settings;
    await setRefreshOnOpen(settings, undefined, true);
    expect(await onWorkbookOpen({ settings, refresh: undefined, describe: String })).toMatchObject({ ok: false, message: NO_CONNECTION, failures: [] });
    expect(await onWorkbookOpen({ settings, refresh: { writer: new OfficeWriter(m.run), store: new QueryStore(settings), sources: [] }, describe: String })).toMatchObject({ ok: false, message: NO_CONNECTION });
  });

  it('records a run that did not finish (cancelled in the pane)', async () => {
    const m = await workbookWithTable();
    const deps = depsFor(m);
    await setRefreshOnOpen(deps.writer.settings, undefined, true);
    const record = await onWorkbookOpen({ settings: deps.writer.settings, refresh: all(deps), describe: String, run: async () => undefined });
    expect(record).toMatchObject({ ok: false, message: expect.stringMatching(/did not finish: the tables keep their previous rows/) });
    expect(m.wb.table('MB_Usage_1')!.rows).toBe(3);
  });

  it('turns an Excel failure while reading the settings into a record, never a rejection', async () => {
    const m = await workbookWithTable();
    const deps = depsFor(m);
    m.failOnSync(1, 'GeneralException: the workbook is busy');
    const record = await onWorkbookOpen({ settings: deps.writer.settings, refresh: all(deps), describe: (e) => (e as Error).message });
    expect(record).toMatchObject({ ok: false, message: 'GeneralException: the workbook is busy' });
  });
});
