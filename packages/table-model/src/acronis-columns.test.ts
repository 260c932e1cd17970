import { describe, expect, it } from 'vitest';
import { acronisColumnFor, acronisColumns, GIB, isByteRow, usageHeader, withGib } from './acronis-columns.js';
import { DAY_FORMAT, GIB_FORMAT, WHOLE_FORMAT } from './formats.js';

describe('Acronis columns', () => {
  it('names usage columns in words, each GiB column beside its byte column', () => {
    const cols = acronisColumns(['usage.absolute.total', 'name', 'tenant.name', 'sku', 'usage.delta.total', 'usage.absolute.total.gib', 'tenant.id', 'edition', 'usage.absolute.production']);
    expect(cols.map((c) => c.header)).toEqual([
      'Tenant', 'Offering item', 'Edition', 'Total usage', 'Total storage (GiB)', 'Total usage change', 'Total storage change (GiB)',
      'Production usage', 'Production storage (GiB)', 'SKU', 'Tenant ID',
    ]);
    expect(cols.find((c) => c.header === 'Production storage (GiB)')).toMatchObject({ kind: 'number', format: GIB_FORMAT });
    expect(cols.find((c) => c.header === 'Total usage')).toMatchObject({ kind: 'number', format: WHOLE_FORMAT });
    expect(usageHeader('usage.effective.trial', true)).toBe('Effective trial storage (GiB)');
  });

  it('gives a daily report a Date and a Month column first', () => {
    const cols = acronisColumns(['tenant.name', 'date', 'usage.absolute.total']);
    expect(cols.slice(0, 2)).toMatchObject([{ key: 'date', kind: 'date', format: DAY_FORMAT }, { key: 'month', kind: 'month', field: 'date' }]);
    expect(acronisColumnFor('month')).toMatchObject({ header: 'Month' });
  });

  it.each([
    ['storage', true], ['local_storage', true], ['dr_storage', true], ['fc_storage', true], ['notary_storage', true],
    ['mailboxes', false], ['workstations', false], ['compute_points', false], ['storage_seats', false], ['fc_seats', false],
  ])('%s rows are in bytes: %s', (name, bytes) => {
    expect(isByteRow({ name, 'usage.absolute.total': 5 })).toBe(bytes);
  });

  it('lets a unit column decide when the data has one', () => {
    expect(isByteRow({ name: 'mailboxes', unit: 'bytes' })).toBe(true);
    expect(isByteRow({ name: 'storage', unit: 'quantity' })).toBe(false);
    expect(isByteRow({ name: 'backup_size', measurement_unit: 'Bytes' })).toBe(true);
  });

  it('adds a GiB number beside every usage value of byte rows only', () => {
    const row = withGib({ name: 'storage', 'tenant.name': 'x', 'usage.absolute.total': 3 * GIB, 'usage.delta.trial': 512 * 1024 ** 2 });
    expect(row['usage.absolute.total.gib']).toBe(3);
    expect(row['usage.delta.trial.gib']).toBe(0.5);
    expect(row['tenant.name.gib']).toBeUndefined();
    expect(withGib({ name: 'mailboxes', 'usage.absolute.total': 75 })).toEqual({ name: 'mailboxes', 'usage.absolute.total': 75 });
  });
});
