import { describe, expect, it } from 'vitest';
import { monthStart, toExcelSerial } from './excel-date.js';
import { DECIMAL_FORMAT, WHOLE_FORMAT } from './formats.js';
import { hereColumns } from './here-columns.js';
import { renderTable, toCell } from './render.js';
import { HOSTILE } from './test-strings.js';

const cols = hereColumns({ detailLevel: 'day', groupBy: 'billingTag' });
const rec = (unit: string, tag = 'a') => ({ usageDateTime: new Date('2026-11-17T00:00:00Z'), name: 'Geocode', category: 'Location Services', usageValue: 12013417, billableValue: 12013417, valueDriver: unit, billingTag: tag, realmId: 'org1' });

describe('rendering a table', () => {
  it('writes real dates, the first of the month, and numbers as numbers', () => {
    const t = renderTable(cols, [rec('Transactions')]);
    expect(t.rows[0]!.slice(0, 5)).toEqual([toExcelSerial(new Date('2026-11-17T00:00:00Z')), toExcelSerial(monthStart(new Date('2026-11-17T00:00:00Z'))), 'Geocode', 'Location Services', 12013417]);
    expect(t.widths).toHaveLength(cols.length);
  });

  it('gives quantities the decimals their unit needs, in runs of rows', () => {
    const t = renderTable(cols, [rec('Transactions'), rec('GB'), rec('GB'), rec('Transactions'), rec('Hours')]);
    const q = cols.findIndex((c) => c.key === 'usageValue');
    expect(t.formats[q]).toBe(WHOLE_FORMAT);
    expect(t.runs.filter((r) => r.col === q)).toEqual([{ col: q, start: 1, rows: 2, format: DECIMAL_FORMAT }, { col: q, start: 4, rows: 1, format: DECIMAL_FORMAT }]);
  });

  it('keeps hostile text as text under both strategies, in text, number and date columns', () => {
    const tag = cols.findIndex((c) => c.key === 'billingTag');
    const t = renderTable(cols, HOSTILE.map((h) => rec('GB', h)));
    expect(t.rows.map((r) => r[tag])).toEqual(HOSTILE);
    expect(t.formats[tag]).toBe('@');
    const a = renderTable(cols, HOSTILE.map((h) => rec('GB', h)), 'apostrophe');
    expect(a.rows.every((r) => !/^[=+\-@\t\r\n]/.test(String(r[tag])))).toBe(true);
    expect(toCell(cols[2]!, { name: '=1+1' })).toBe('=1+1'); // text column: the `@` format keeps it
    expect(toCell(cols.find((c) => c.key === 'usageValue')!, { usageValue: '=1+1' })).toBe("'=1+1");
    expect(toCell(cols[0]!, { usageDateTime: '+cmd|x' })).toBe("'+cmd|x");
    expect(toCell(cols[1]!, { usageDateTime: '' })).toBe('');
  });

  it('names duplicate headers clearly', () => {
    const t = renderTable([cols[2]!, { ...cols[2]!, key: 'other' }], []);
    expect(t.header).toEqual(['Service', 'Service (other)']);
  });
});
