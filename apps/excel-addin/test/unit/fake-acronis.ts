// A fake Acronis client for flow tests: reports kept in memory, rows given by the test.

import type { AcronisClient, AcronisReport, AcronisReportCreateParams, AcronisUsageRow } from '@meterbook/sdk/acronis';
import { ConflictError } from '@meterbook/sdk/acronis';

function lazy<T>(make: () => T[]): AsyncIterable<T> & { toArray(): Promise<T[]> } {
  return {
    async *[Symbol.asyncIterator]() { yield* make(); },
    toArray: async () => make(),
  };
}

export interface FakeAcronis {
  client: AcronisClient;
  created: AcronisReportCreateParams[];
  reports: Map<string, AcronisReport>;
}

export function fakeAcronis(rows: () => AcronisUsageRow[]): FakeAcronis {
  const created: AcronisReportCreateParams[] = [];
  const reports = new Map<string, AcronisReport>();
  const client = {
    baseUrl: 'https://dc.example/api/2',
    tenants: { list: () => lazy(() => []) },
    reports: {
      async create(p: AcronisReportCreateParams): Promise<AcronisReport> {
        created.push(p);
        const id = `00000000-0000-4000-8000-${String(created.length).padStart(12, '0')}`;
        const r: AcronisReport = { id, version: 1, result_action: 'save', recipients: [], schedule: { type: 'once' }, parameters: { tenant_id: p.tenantId, level: p.level, kind: p.kind, ...(p.period ? { period: p.period } : {}) } };
        reports.set(id, r);
        return r;
      },
      list: () => lazy(() => [...reports.values()]),
      waitUntilSaved: async () => ({ id: 'stored', report_format: 'csv_v2_0', status: 'saved' }),
      download: () => lazy(rows),
      async delete(r: Pick<AcronisReport, 'id' | 'version'>) {
        const cur = reports.get(r.id);
        if (cur && cur.version !== r.version) throw new ConflictError({ kind: 'conflict', api: 'Acronis API', operation: 'deleteReport', reason: 'Version mismatch', status: 409, code: '1001' });
        reports.delete(r.id);
      },
    },
  };
  return { client: client as unknown as AcronisClient, created, reports };
}

export const TENANT = '06eb6dcd-9db3-5618-8fc3-305ce312120c';
const GIB = 1024 ** 3;

/** Rows as reports.download gives them: a storage row (bytes), a quantity row, a hostile tenant name. */
export const acronisRows = (): AcronisUsageRow[] => [
  { 'tenant.id': TENANT, 'tenant.kind': 'customer', 'tenant.name': '=SUM(1,1) Holdings', name: 'storage', edition: 'standard', 'application.id': 'backup', 'infra.backend_type': 'acronis', 'usage.absolute.total': 400 * GIB, 'usage.delta.total': 1.5 * GIB },
  { 'tenant.id': TENANT, 'tenant.kind': 'customer', 'tenant.name': 'Contoso Dental', name: 'mailboxes', edition: 'per_workload', 'application.id': 'backup', 'usage.absolute.total': 75, 'usage.delta.total': 2 },
  { 'tenant.id': TENANT, 'tenant.kind': 'customer', 'tenant.name': '+cmd|calc', name: 'dr_storage', edition: 'disaster_recovery', 'application.id': 'disaster_recovery', 'usage.absolute.total': 3 * GIB, 'usage.delta.total': 0 },
];
