// Integration: real records from the embedded server (HERE usage and an Acronis report, over real
// HTTP through the SDK) go through "Set up rates", two typed rates and the FOCUS-aligned view.
import { createUsageClient, type UsageRecord } from '@meterbook/sdk';
import { createAcronisClient, type AcronisUsageRow } from '@meterbook/sdk/acronis';
import { PARTNER_REALM, startServer, type RunningServer } from '@meterbook/usage-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UsageSource } from '../cost/charges.js';
import { rowCost, type CostBinding } from '../cost/binding.js';
import { mergeRateCard } from '../cost/merge.js';
import { missingRates } from '../cost/missing.js';
import { priceItemsFrom } from '../cost/price-items.js';
import { readRateCard } from '../cost/rate-card.js';
import { focusView } from './focus-view.js';

const GIB = 1024 ** 3;
let server: RunningServer;
let records: UsageRecord[];
let acronisRows: AcronisUsageRow[];
const today = new Date();
const daysAgo = (n: number): string => new Date(today.getTime() - n * 86_400_000).toISOString().slice(0, 10);
const sum = (values: (number | null | undefined)[]): number => values.reduce<number>((total, v) => total + (v ?? 0), 0);

beforeAll(async () => {
  server = await startServer({ mode: 'test', now: '2026-11-08T00:00:00Z', acronisReportDelayMs: 50 });
  const here = createUsageClient({ baseUrl: server.url, token: server.token });
  records = await here.usage.all({ realmId: PARTNER_REALM, startDate: '2026-11-01', endDate: '2026-11-04', detailLevel: 'day' });
  const acronis = createAcronisClient({ baseUrl: server.acronis.baseUrl, token: server.acronis.token });
  const report = await acronis.reports.create({ tenantId: server.acronis.tenantId, level: 'all_customers', kind: 'usage_summary', period: { start: daysAgo(30), end: daysAgo(1) } });
  await acronis.reports.waitUntilSaved(report, 'csv_v2_0', { intervalMs: 20 });
  acronisRows = await acronis.reports.download(report);
}, 60_000);

afterAll(async () => {
  await server.close();
});

describe('rates and the FOCUS-aligned view over real server data', () => {
  it('unites HERE and Acronis rows whose quantities sum to the sources and whose costs are quantity × rate ÷ price per', () => {
    expect(records.length).toBeGreaterThan(20);
    expect(acronisRows.length).toBeGreaterThan(10);
    const items = [...priceItemsFrom(records, 'HERE'), ...priceItemsFrom(acronisRows, 'Acronis')];
    const { rows: card } = mergeRateCard([], items);
    // The user types two rates: one HERE transaction item per 1,000, one Acronis storage item per GiB.
    const hereAt = card.findIndex((r) => r.provider === 'HERE' && r.unit === 'Transactions');
    const acronisAt = card.findIndex((r) => r.provider === 'Acronis' && r.unit === 'GiB');
    card[hereAt] = { ...card[hereAt]!, unitPrice: 0.45, currency: 'EUR' };
    card[acronisAt] = { ...card[acronisAt]!, unitPrice: 0.05, currency: 'EUR' };
    const { rates, problems } = readRateCard(card);
    expect(problems).toEqual([]);

    const sources: UsageSource[] = [
      { provider: 'HERE', records, query: { realmId: PARTNER_REALM, startDate: new Date('2026-11-01T00:00:00Z'), endDate: new Date('2026-11-04T00:00:00Z'), detailLevel: 'day' } },
      { provider: 'Acronis', rows: acronisRows, report: { tenantId: server.acronis.tenantId, period: { start: daysAgo(30), end: daysAgo(1) } } },
    ];
    const view = focusView(sources, { rates });
    expect(view).toHaveLength(records.length + acronisRows.length);
    const hereView = view.slice(0, records.length);
    const acronisView = view.slice(records.length);

    expect(sum(hereView.map((r) => r.ConsumedQuantity))).toBeCloseTo(sum(records.map((r) => r.usageValue)), 4);
    const acronisProduction = acronisRows.map((r) => {
      const bytes = typeof r.name === 'string' && /storage$/.test(r.name);
      return Number(r['usage.absolute.production'] ?? 0) / (bytes ? GIB : 1);
    });
    expect(sum(acronisView.map((r) => r.ConsumedQuantity))).toBeCloseTo(sum(acronisProduction), 4);

    const hereKey = card[hereAt]!.key;
    const acronisKey = card[acronisAt]!.key;
    hereView.forEach((row, i) => {
      const record = records[i]!;
      expect(row.x_CostSource).toBe(record.featureId === hereKey ? 'Rate card' : 'No rate');
      if (row.x_CostSource === 'Rate card') expect(row.BilledCost).toBeCloseTo(((record.billableValue ?? 0) * 0.45) / 1000, 9);
      else expect(row.BilledCost).toBeNull();
    });
    acronisView.forEach((row, i) => {
      const source = acronisRows[i]!;
      expect(row.x_CostSource).toBe(row.x_RateKey === acronisKey ? 'Rate card' : 'No rate');
      if (row.x_CostSource === 'Rate card') expect(row.BilledCost).toBeCloseTo((Number(source['usage.effective.production']) / GIB) * 0.05, 9);
    });
    const costed = view.filter((r) => r.x_CostSource === 'Rate card');
    expect(costed.length).toBeGreaterThan(2);
    expect(costed.some((r) => r.ProviderName === 'Acronis')).toBe(true);

    // The Cost column's rule on table rows (what the formula shows) gives the view's cost too.
    const binding: CostBinding = { provider: 'HERE', key: 'Item', unit: 'Unit', date: 'Date', quantity: 'Billable quantity' };
    const tableRows = records.map((r) => ({ Item: r.featureId, Unit: r.valueDriver, Date: r.usageDateTime, 'Billable quantity': r.billableValue }));
    expect(tableRows.map((row) => rowCost(row, rates, binding)?.cost ?? null)).toEqual(hereView.map((r) => r.BilledCost));

    const missing = missingRates(sources[0]!, rates);
    expect(missing.rows).toBe(hereView.filter((r) => r.x_CostSource === 'No rate').length);
    expect(missing.total).toBe(records.length);
  });
});
