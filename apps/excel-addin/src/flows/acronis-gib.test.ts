import { describe, expect, it } from 'vitest';
import { acronisColumns, GIB_FORMAT } from '../workbook/acronis-columns.js';
import { GIB, isByteRow, withGib } from './acronis-gib.js';

describe('the GiB rule', () => {
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

  it('puts each GiB column beside its usage column, formatted 0.00', () => {
    const cols = acronisColumns(['usage.absolute.total', 'name', 'tenant.name', 'sku', 'usage.delta.total', 'usage.absolute.total.gib']);
    expect(cols.map((c) => c.header)).toEqual(['Tenant', 'Item', 'SKU', 'usage.absolute.total', 'usage.absolute.total (GiB)', 'usage.delta.total', 'usage.delta.total (GiB)']);
    expect(cols.find((c) => c.header.endsWith('(GiB)'))).toMatchObject({ kind: 'number', format: GIB_FORMAT });
    expect(cols.find((c) => c.key === 'usage.absolute.total')).toMatchObject({ kind: 'number', format: '#,##0' });
  });
});
