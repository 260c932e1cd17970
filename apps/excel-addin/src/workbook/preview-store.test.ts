import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { PreviewWorkbook, type PreviewModel } from './preview-workbook.js';
import { LEGACY_KEY, openPreviewWorkbook, PreviewStore, type PreviewNotice } from './preview-store.js';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => { data.set(k, v); }, removeItem: (k) => { data.delete(k); } };
}

/** A workbook with one table of `rows` rows and `cols` columns, as the writers leave it. */
function workbookOf(rows: number, cols: number, name = 'MB_Usage_1'): PreviewWorkbook {
  const wb = new PreviewWorkbook();
  const sheet = wb.addSheet(`Sheet ${name}`);
  sheet.rows[2] = Array.from({ length: cols }, (_, c) => ({ value: `H${c}`, format: '@' }));
  for (let r = 0; r < rows; r++) sheet.rows[3 + r] = Array.from({ length: cols }, (_, c) => ({ value: c === 0 ? `row ${r}` : r * c, format: c === 0 ? '@' : '0.0000' }));
  wb.model.tables.push({ id: `{${name}}`, name, sheet: sheet.name, row: 2, col: 0, rows, cols, style: 'TableStyleMedium2' });
  wb.model.settings[`meterbook.table.${name}`] = '{"version":1}';
  return wb;
}

describe('the preview workbook is kept in IndexedDB', () => {
  it('keeps a workbook of a million rows across a reload', async () => {
    const indexedDB = new IDBFactory();
    const legacy = memoryStorage();
    const notices: PreviewNotice[] = [];
    const store = await PreviewStore.open({ indexedDB, legacy, onNotice: (n) => notices.push(n) });
    const wb = workbookOf(1_000_000, 2);
    expect(await store.save(wb.toJSON())).toBe(true);
    const again = await (await PreviewStore.open({ indexedDB, legacy })).load();
    expect(again.model.tables[0]!.rows).toBe(1_000_000);
    expect(again.cell(wb.model.sheets[0]!.name, 3 + 999_999, 0)?.value).toBe('row 999999');
    expect(again.tableRecords('MB_Usage_1')).toHaveLength(1_000_000);
    expect(notices).toEqual([]);
  }, 120_000);

  it('keeps what summaries, charts, Cost columns and frozen columns need across a reload', async () => {
    const indexedDB = new IDBFactory();
    const store = await PreviewStore.open({ indexedDB, legacy: memoryStorage() });
    const wb = workbookOf(3, 2);
    const sheet = wb.model.sheets[0]!;
    Object.assign(sheet, { frozenColumns: 2, widths: [12, 14] });
    wb.model.summaries = { MB_Usage_1: { sheet: 'Summary' } };
    wb.model.charts = [{ name: 'MB_Usage_1_Chart', sheet: 'Summary', title: 'Billable quantity by month', row: 8, col: 0, categories: ['Nov 2026'], series: [{ name: 'Pipelines', color: '#0F6CBD', values: [5] }] }];
    wb.model.costColumns = { MB_Usage_1: { header: 'Cost', currencyHeader: 'Cost currency', binding: { provider: 'HERE', key: 'Feature HRN', date: 'Date', quantity: 'Billable quantity' } } };
    expect(await store.save(wb.toJSON())).toBe(true);
    const again = (await (await PreviewStore.open({ indexedDB, legacy: memoryStorage() })).load()).model;
    expect(again.summaries).toEqual(wb.model.summaries);
    expect(again.charts).toEqual(wb.model.charts);
    expect(again.costColumns).toEqual(wb.model.costColumns);
    expect(again.sheets[0]).toMatchObject({ frozenColumns: 2, widths: [12, 14] });
  });

  it('moves what localStorage holds today, and removes it only once kept', async () => {
    const indexedDB = new IDBFactory();
    const legacy = memoryStorage();
    legacy.setItem(LEGACY_KEY, JSON.stringify(workbookOf(50, 3).toJSON()));
    const notices: PreviewNotice[] = [];
    const { workbook } = await openPreviewWorkbook((n) => notices.push(n), { indexedDB, legacy });
    expect(workbook.model.tables.map((t) => t.name)).toEqual(['MB_Usage_1']);
    expect(legacy.data.has(LEGACY_KEY)).toBe(false);
    expect(notices[0]?.message).toMatch(/^Moved the preview workbook \(1 tables\)/);
    const reloaded = await (await PreviewStore.open({ indexedDB, legacy })).load();
    expect(reloaded.tableRecords('MB_Usage_1')).toHaveLength(50);
  });

  it('says so when a save fails, keeps the last copy whole, and says it again after the reload', async () => {
    const indexedDB = new IDBFactory();
    const legacy = memoryStorage();
    const notices: PreviewNotice[] = [];
    const store = await PreviewStore.open({ indexedDB, legacy, onNotice: (n) => notices.push(n) });
    expect(await store.save(workbookOf(10, 2).toJSON())).toBe(true);
    // What a full disk does: a put inside the save's transaction fails with QuotaExceededError.
    const big = workbookOf(30_000, 2, 'MB_Usage_2').toJSON() as PreviewModel & { sheets: { rows: unknown }[] };
    const proto = Object.getPrototypeOf((await openStore(indexedDB)).objectStore('workbook')) as { put: (...a: unknown[]) => unknown };
    const put = proto.put;
    let puts = 0;
    proto.put = function (this: unknown, ...a: unknown[]) { if (++puts === 2) throw new DOMException('quota', 'QuotaExceededError'); return put.apply(this, a); };
    try {
      expect(await store.save(big)).toBe(false);
    } finally { proto.put = put; }
    expect(notices.at(-1)).toEqual({ level: 'warning', message: expect.stringMatching(/^The preview could not keep this workbook \(1 tables, 30,000 rows; browser storage is full\)/) });
    const after: PreviewNotice[] = [];
    const reloaded = await (await PreviewStore.open({ indexedDB, legacy, onNotice: (n) => after.push(n) })).load();
    expect(reloaded.model.tables.map((t) => t.name)).toEqual(['MB_Usage_1']);
    expect(after[0]?.message).toMatch(/^The last changes to the preview were not kept \(1 tables, 30,000 rows; browser storage is full\)\. This is the copy saved /);
  });

  it('warns before a pull that would not fit, and when nothing can be kept at all', async () => {
    const store = await PreviewStore.open({ indexedDB: new IDBFactory(), legacy: memoryStorage(), spaceLeft: async () => 6_000_000 });
    expect(await store.warnBeforeAdding(1_000, 15)).toBeUndefined();
    expect(await store.warnBeforeAdding(100_000, 15)).toBe('This browser has room for about 6,666 more rows in the preview: 100,000 rows would be shown but not kept after a reload.');
    const notices: PreviewNotice[] = [];
    const none = await PreviewStore.open({ indexedDB: brokenFactory(), legacy: memoryStorage(), onNotice: (n) => notices.push(n) });
    expect(notices[0]?.message).toMatch(/does not let the preview keep workbooks/);
    expect(await none.warnBeforeAdding(10, 2)).toMatch(/will be gone after a reload/);
  });
});

async function openStore(indexedDB: IDBFactory): Promise<IDBTransaction> {
  const open = indexedDB.open('meterbook-preview', 1);
  const db = await new Promise<IDBDatabase>((done) => { open.onsuccess = () => done(open.result); });
  return db.transaction('workbook', 'readonly');
}

function brokenFactory(): IDBFactory {
  return { open: () => { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); } } as unknown as IDBFactory;
}
