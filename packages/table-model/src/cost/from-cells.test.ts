import { describe, expect, it } from 'vitest';
import { serialFromDate } from './cells.js';
import { acronisRowFromCells, hereQueryFromParams, usageRecordFromCells } from './from-cells.js';
import { priceItemsFrom } from './price-items.js';

describe('usage read back from workbook tables', () => {
  it('turns a HERE table row back into a record, dates from Excel serial numbers', () => {
    const at = new Date('2026-11-03T13:00:00Z');
    const record = usageRecordFromCells({ featureId: 'hrn:x', name: 'Routing', valueDriver: 'Transactions', billableValue: 12, usageValue: '13', usageDateTime: serialFromDate(at), billingTag: '', month: 46327, cost: 4 });
    expect(record).toEqual({ featureId: 'hrn:x', name: 'Routing', valueDriver: 'Transactions', billableValue: 12, usageValue: 13, usageDateTime: at });
    expect(priceItemsFrom([record], 'HERE')[0]?.key).toBe('hrn:x');
  });

  it('turns an Acronis table row back into a report row, without our GiB columns', () => {
    const row = acronisRowFromCells({ 'tenant.id': 't', name: 'storage', edition: 'standard', 'usage.absolute.total': 1024 ** 3, 'usage.absolute.total.gib': 1, date: serialFromDate(new Date('2026-11-02T00:00:00Z')), 'infra.id': null });
    expect(row).toEqual({ 'tenant.id': 't', name: 'storage', edition: 'standard', 'usage.absolute.total': 1024 ** 3, date: '2026-11-02' });
  });

  it('reads the stored query of a HERE table', () => {
    expect(hereQueryFromParams('org1', { startDate: '2026-11-01T00:00:00', endDate: '2026-12-01T00:00:00', detailLevel: 'day', groupBy: ['billingTag'] })).toEqual({
      realmId: 'org1', startDate: new Date('2026-11-01T00:00:00Z'), endDate: new Date('2026-12-01T00:00:00Z'), detailLevel: 'day',
    });
    expect(hereQueryFromParams('org1', { startDate: 'soon', endDate: '2026-12-01T00:00:00' })).toBeUndefined();
    expect(hereQueryFromParams('org1', { startDate: '2026-11-01T00:00:00', endDate: '2026-12-01T00:00:00' })?.detailLevel).toBe('summarized');
  });
});
