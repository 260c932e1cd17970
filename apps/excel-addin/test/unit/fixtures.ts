// Usage-like records for writer tests, including the hostile billing tags the server also serves.

import { HOSTILE, hereColumns, type ColumnDef, type SourceRecord } from '@meterbook/table-model';

export { HOSTILE };

/** Every HERE column (grouped by all four), at day detail. */
export const COLUMNS: ColumnDef[] = hereColumns({ detailLevel: 'day', groupBy: 'project,billingTag,appId,resource' });

export function usageRecords(n: number): SourceRecord[] {
  const base = Date.UTC(2024, 4, 1);
  return Array.from({ length: n }, (_, i) => ({
    usageDateTime: new Date(base + (i % 31) * 86_400_000),
    realmId: 'org123456789',
    category: i % 2 ? 'Location Services' : 'Pipelines',
    appId: `app-${i % 7}`,
    featureId: `hrn:here:service::org123456789:feature${i % 13}`,
    billingSubscriptionId: `SUB-${1000 + (i % 5)}`,
    resource: '',
    name: 'Autocomplete',
    valueDriver: 'Transactions',
    usageTypeCode: 'OLS-G',
    projectHrn: 'hrn:here:authorization::org123456789:project/p-1',
    billingTag: HOSTILE[i % HOSTILE.length] as string,
    billingChargeNumber: `CN-${i}`,
    usageValue: Math.round(i * 1234.5678) / 10_000,
    billableValue: i % 3 ? 12.5 : 0,
  }));
}
