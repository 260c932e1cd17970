// Acronis outputs of a past period do not depend on the day they are produced: rows are a pure
// function of (seed, tenant, item, day), and only reports without a period read the clock.
import { describe, expect, it } from 'vitest';
import { outputChunks, type OutputContext } from './outputs.js';
import type { AcronisReport } from './reports.js';
import { TenantTree } from './tenants.js';

const tree = new TenantTree(1, 1);
const ctx: OutputContext = { tree, seed: 1 };

function report(parameters: Partial<AcronisReport['parameters']>, generationDate?: string): AcronisReport {
  return {
    id: 'r1', version: 1, recipients: [], result_action: 'save', schedule: { type: 'once', enabled: true },
    parameters: { tenant_id: tree.partner.id, level: 'all_customers', kind: 'usage_summary', ...parameters },
    ...(generationDate ? { generation_date: generationDate } : {}),
  };
}

const text = (r: AcronisReport, format: string, today: string): string => [...outputChunks(ctx, r, format, today)].join('');

describe('Acronis outputs over time', () => {
  it('are the same for a past period whatever day they are produced', () => {
    const cases = [
      report({ period: { start: '2025-04-01', end: '2025-04-30' } }),
      report({ kind: 'usage_daily', period: { start: '2025-04-01', end: '2025-04-10' } }),
      report({}, '2025-05-15'), // previous month of its generation date
      report({ kind: 'usage_current' }, '2025-05-15'), // month to date of its generation date
    ];
    for (const r of cases) {
      for (const format of ['csv_v2_0', 'json_v2_0']) {
        const first = text(r, format, '2025-05-20');
        expect(first.length, r.parameters.kind).toBeGreaterThan(2000);
        expect(text(r, format, '2025-05-21'), r.parameters.kind).toBe(first);
        expect(text(r, format, '2026-12-01'), r.parameters.kind).toBe(first);
      }
    }
  });
});
