import { describe, expect, it } from 'vitest';
import { PreviewWorkbook } from './preview-workbook.js';
import { PreviewWriter } from './preview-writer.js';
import { QueryStore, assertNoSecrets, type StoredQuery } from './query-store.js';

const q: StoredQuery = { version: 1, kind: 'usage', tableName: 'MB_Usage_1', baseUrl: 'https://x/v2', realmId: 'org1', params: { startDate: 'a' }, columns: ['realmId'], rowCount: 1, pulledAt: '2024-01-01T00:00:00Z' };

describe('query store', () => {
  it('round-trips and lists by table', async () => {
    const wb = new PreviewWorkbook();
    const store = new QueryStore(new PreviewWriter(wb).settings);
    await store.save(q);
    await store.save({ ...q, tableName: 'MB_Report_1', kind: 'report' });
    expect(await store.get('MB_Usage_1')).toEqual(q);
    expect((await store.list()).map((x) => x.tableName)).toEqual(['MB_Report_1', 'MB_Usage_1']);
    wb.model.settings['meterbook.table.Broken'] = '{not json';
    expect(await store.get('Broken')).toBeUndefined();
    await store.remove('MB_Usage_1');
    expect(await store.get('MB_Usage_1')).toBeUndefined();
  });

  it('refuses anything that looks like a secret', async () => {
    expect(() => assertNoSecrets({ params: { accessKeySecret: 'x' } })).toThrow(/secret/);
    const store = new QueryStore(new PreviewWriter(new PreviewWorkbook()).settings);
    await expect(store.save({ ...q, params: { token: 'abc' } })).rejects.toThrow(/looks like a secret/);
  });

  it('round-trips a history and treats a damaged one as not ours', async () => {
    const wb = new PreviewWorkbook();
    const store = new QueryStore(new PreviewWriter(wb).settings);
    const history = { rule: { kind: 'rolling' as const, months: 12 }, settleDays: 5, windows: [{ start: '2026-11-01T00:00:00', end: '2026-12-01T00:00:00', rows: 30, pulledAt: '2026-12-10T00:00:00.000Z' }] };
    await store.save({ ...q, history });
    expect((await store.get('MB_Usage_1'))?.history).toEqual(history);
    wb.model.settings['meterbook.table.MB_Usage_1'] = JSON.stringify({ ...q, history: { ...history, rule: { kind: 'rolling' } } });
    expect(await store.get('MB_Usage_1')).toBeUndefined();
  });
});
