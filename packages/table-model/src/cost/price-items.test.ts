import type { UsageRecord } from '@meterbook/sdk';
import type { AcronisUsageRow } from '@meterbook/sdk/acronis';
import { describe, expect, it } from 'vitest';
import { acronisItem, acronisMeasure, acronisPricedValue, priceItemsFrom } from './price-items.js';

const GIB = 1024 ** 3;
const here = (featureId: string | undefined, name: string, valueDriver: string, extra: Partial<UsageRecord> = {}): UsageRecord => ({ featureId, name, valueDriver, usageValue: 1, billableValue: 1, ...extra });

describe('priceItemsFrom', () => {
  it('lists each HERE feature and unit once, keyed by the feature HRN', () => {
    const records = [
      here('hrn:here:service::org1:routing-8', 'Routing', 'Transactions', { billingTag: 'a' }),
      here('hrn:here:service::org1:routing-8', 'Routing', 'Transactions', { billingTag: 'b' }),
      here('hrn:here:service::org1:routing-8:import', 'Route Import', 'GB'),
      here('hrn:here:service::org2:routing-8', 'Routing', 'Transactions'),
      here(undefined, 'No key', 'Transactions'),
    ];
    expect(priceItemsFrom(records, 'HERE')).toEqual([
      { provider: 'HERE', service: 'Route Import', key: 'hrn:here:service::org1:routing-8:import', unit: 'GB', pricePer: 1 },
      { provider: 'HERE', service: 'Routing', key: 'hrn:here:service::org1:routing-8', unit: 'Transactions', pricePer: 1000 },
      { provider: 'HERE', service: 'Routing', key: 'hrn:here:service::org2:routing-8', unit: 'Transactions', pricePer: 1000 },
    ]);
  });

  it('keys Acronis items by SKU when the report has SKUs, else by item, edition and back end', () => {
    const rows: AcronisUsageRow[] = [
      { name: 'storage', edition: 'per_gigabyte', 'infra.backend_type': 'azure', 'usage.absolute.total': 5 * GIB },
      { name: 'storage', edition: 'per_gigabyte', 'infra.backend_type': 'google', 'usage.absolute.total': 5 * GIB },
      { name: 'workstations', edition: 'per_workload', 'usage.absolute.total': 3 },
      { name: 'workstations', edition: 'per_workload', 'usage.absolute.total': 4 },
      { name: 'compute_points', edition: 'disaster_recovery', sku: 'DC2AMSENS' },
    ];
    expect(priceItemsFrom(rows, 'Acronis')).toEqual([
      { provider: 'Acronis', service: 'compute_points', key: 'DC2AMSENS', unit: 'Seconds', pricePer: 3600 },
      { provider: 'Acronis', service: 'storage', key: 'storage / per_gigabyte / azure', unit: 'GiB', pricePer: 1 },
      { provider: 'Acronis', service: 'storage', key: 'storage / per_gigabyte / google', unit: 'GiB', pricePer: 1 },
      { provider: 'Acronis', service: 'workstations', key: 'workstations / per_workload', unit: 'Quantity', pricePer: 1 },
    ]);
    expect(acronisItem({ edition: 'x' })).toBeUndefined();
  });

  it('prices Acronis storage in GiB and follows a unit column when the report has one', () => {
    expect(acronisPricedValue({ name: 'dr_storage', 'usage.effective.total': 3 * GIB }, 'usage.effective.total')).toBe(3);
    expect(acronisPricedValue({ name: 'vms', 'usage.effective.total': 3 }, 'usage.effective.total')).toBe(3);
    expect(acronisMeasure({ name: 'vms', unit: 'bytes' })).toBe('bytes');
    expect(acronisMeasure({ name: 'storage', measurement_unit: 'quantity' })).toBe('quantity');
  });
});
