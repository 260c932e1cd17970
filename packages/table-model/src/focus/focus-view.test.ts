// The FOCUS-aligned view against the specification's rules (spec.ts cites where each comes from).
import type { UsageRecord } from '@meterbook/sdk';
import type { AcronisUsageRow } from '@meterbook/sdk/acronis';
import { describe, expect, it } from 'vitest';
import type { UsageSource } from '../cost/charges.js';
import type { Rate } from '../cost/rate-card.js';
import { FOCUS_VIEW_COLUMNS, focusCaption } from './columns.js';
import type { FocusRow } from './focus-row.js';
import { focusView } from './focus-view.js';
import { FOCUS_CHARGE_CATEGORIES, FOCUS_CHARGE_FREQUENCIES, FOCUS_CUSTOM_PREFIX, FOCUS_MANDATORY_COLUMNS, FOCUS_OTHER_COLUMNS, FOCUS_SERVICE_CATEGORIES } from './spec.js';

const GIB = 1024 ** 3;
const at = (text: string): Date => new Date(text);
const day = (text: string): Date => at(`${text}T00:00:00Z`);
const AUTOCOMPLETE = 'hrn:here:service::org1:search-autocomplete-1';
const record = (usageDateTime: Date | undefined, extra: Partial<UsageRecord> = {}): UsageRecord => ({
  realmId: 'org1', featureId: AUTOCOMPLETE, category: 'Location Services', name: 'Autocomplete', valueDriver: 'Transactions',
  usageValue: 150000, billableValue: 144940, usageTypeCode: 'OLS-T-Autocomplete', billingSubscriptionId: 'SUB-1', usageDateTime, ...extra,
});
const here = (detailLevel: 'hour' | 'day' | 'month' | 'summarized', records: UsageRecord[]): UsageSource => ({
  provider: 'HERE', records, query: { realmId: 'org1', realmName: 'Org One', startDate: day('2026-11-01'), endDate: day('2026-12-01'), detailLevel },
});
const acronisRows: AcronisUsageRow[] = [
  { 'tenant.id': 't1', 'tenant.name': 'Customer 1', 'tenant.kind': 'customer', name: 'storage', edition: 'per_gigabyte', 'infra.backend_type': 'azure', 'usage.absolute.production': 249.5 * GIB, 'usage.effective.production': 250 * GIB, 'usage.absolute.trial': 2 * GIB },
  { 'tenant.id': 't1', 'tenant.name': 'Customer 1', 'tenant.kind': 'customer', name: 'workstations', edition: 'per_workload', 'usage.absolute.production': 61, 'usage.effective.production': 61, sku: 'SW2AMSENS' },
];
const acronis: UsageSource = { provider: 'Acronis', rows: acronisRows, report: { tenantId: 'p1', tenantName: 'Partner', period: { start: '2026-11-01', end: '2026-11-30' } } };
const rate = (r: Partial<Rate>): Rate => ({ provider: 'HERE', service: 's', key: AUTOCOMPLETE, unit: 'Transactions', unitPrice: 0.45, pricePer: 1000, currency: 'EUR', validFrom: undefined, validTo: undefined, notes: '', row: 0, ...r });
const rates: Rate[] = [rate({}), rate({ provider: 'Acronis', key: 'storage / per_gigabyte / azure', unit: 'GiB', unitPrice: 0.05, pricePer: undefined })];

const sources: UsageSource[] = [
  here('hour', [record(at('2026-11-30T23:00:00Z'), { billingTag: '=HYPERLINK("x")', projectHrn: 'hrn:here:authorization::org1:project/p-1' })]),
  here('day', [record(day('2026-11-03'), { realmId: 'org2', orgName: 'Org Two', name: 'Notebook Compute', category: 'Platform' })]),
  here('month', [record(day('2026-12-01'), { category: 'Pipelines' })]),
  here('summarized', [record(undefined, { featureId: undefined, billableValue: undefined })]),
  acronis,
];
const rows = focusView(sources, { rates });
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe('FOCUS-aligned view: the specification’s rules', () => {
  it('has every mandatory FOCUS 1.2 column in every row, and the column model lists exactly the row’s keys', () => {
    for (const row of rows) for (const id of FOCUS_MANDATORY_COLUMNS) expect(row).toHaveProperty(id);
    const columnKeys = FOCUS_VIEW_COLUMNS.map((c) => c.key);
    expect([...columnKeys].sort()).toEqual(Object.keys(rows[0] as FocusRow).sort());
    expect(FOCUS_VIEW_COLUMNS.every((c) => c.header === c.key)).toBe(true);
  });

  it('names only FOCUS columns or x_ columns, FOCUS ones first', () => {
    const focus = new Set<string>([...FOCUS_MANDATORY_COLUMNS, ...FOCUS_OTHER_COLUMNS]);
    const keys = FOCUS_VIEW_COLUMNS.map((c) => c.key as string);
    expect(keys.filter((k) => !focus.has(k)).every((k) => k.startsWith(FOCUS_CUSTOM_PREFIX))).toBe(true);
    const firstCustom = keys.findIndex((k) => k.startsWith(FOCUS_CUSTOM_PREFIX));
    expect(keys.slice(firstCustom).every((k) => k.startsWith(FOCUS_CUSTOM_PREFIX))).toBe(true);
    expect(keys.slice(0, firstCustom).every((k) => focus.has(k))).toBe(true);
  });

  it('writes date/times in FOCUS format, with the charge period end exclusive and after its start', () => {
    for (const row of rows) {
      for (const id of ['ChargePeriodStart', 'ChargePeriodEnd', 'BillingPeriodStart', 'BillingPeriodEnd'] as const) expect(row[id]).toMatch(ISO);
      expect(Date.parse(row.ChargePeriodEnd)).toBeGreaterThan(Date.parse(row.ChargePeriodStart));
      expect(Date.parse(row.BillingPeriodEnd)).toBeGreaterThan(Date.parse(row.BillingPeriodStart));
    }
    const periods = rows.map((r) => [r.ChargePeriodStart, r.ChargePeriodEnd, r.BillingPeriodStart, r.BillingPeriodEnd]);
    expect(periods).toEqual([
      ['2026-11-30T23:00:00Z', '2026-12-01T00:00:00Z', '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'], // hour: +1 h, still November
      ['2026-11-03T00:00:00Z', '2026-11-04T00:00:00Z', '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'], // day: +1 day
      ['2026-12-01T00:00:00Z', '2027-01-01T00:00:00Z', '2026-12-01T00:00:00Z', '2027-01-01T00:00:00Z'], // month: next month, across the year
      ['2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z', '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'], // summarized: the query range
      ['2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z', '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'], // Acronis period, end day included
      ['2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z', '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'],
    ]);
  });

  it('takes category values from FOCUS’s fixed lists', () => {
    for (const row of rows) {
      expect(FOCUS_SERVICE_CATEGORIES).toContain(row.ServiceCategory);
      expect(FOCUS_CHARGE_CATEGORIES).toContain(row.ChargeCategory);
      expect(FOCUS_CHARGE_FREQUENCIES).toContain(row.ChargeFrequency);
      expect(row.ChargeClass).toBeNull();
    }
    expect(rows.map((r) => r.ServiceCategory)).toEqual(['Web', 'Compute', 'Analytics', 'Web', 'Storage', 'Storage']);
  });

  it('keeps numbers as numbers and absent values as null', () => {
    const numeric = FOCUS_VIEW_COLUMNS.filter((c) => c.kind === 'number' || c.kind === 'money').map((c) => c.key);
    for (const row of rows) for (const key of numeric) expect(row[key] === null || typeof row[key] === 'number').toBe(true);
  });

  it('prices from the rate card, and says so; rows without a rate invent no number', () => {
    const [hour, , , summarized, storage, workstations] = rows as [FocusRow, FocusRow, FocusRow, FocusRow, FocusRow, FocusRow];
    expect(hour).toMatchObject({ x_CostSource: 'Rate card', BillingCurrency: 'EUR', PricingUnit: '1000 Transactions', ListUnitPrice: 0.45, ConsumedQuantity: 150000, ConsumedUnit: 'Transactions' });
    expect(hour.PricingQuantity).toBeCloseTo(144.94, 10);
    expect(hour.BilledCost).toBeCloseTo((144940 * 0.45) / 1000, 10);
    expect(hour.ListCost).toBe(hour.BilledCost);
    expect(hour.EffectiveCost).toBe(hour.BilledCost);
    expect(hour.ContractedCost).toBe(hour.BilledCost);
    expect((hour.ListUnitPrice ?? 0) * (hour.PricingQuantity ?? 0)).toBeCloseTo(hour.ListCost ?? -1, 9);
    expect(storage).toMatchObject({ x_CostSource: 'Rate card', PricingUnit: 'GiB', PricingQuantity: 250, ConsumedQuantity: 249.5, ConsumedUnit: 'GiB', x_TrialQuantity: 2, SubAccountId: 't1', SubAccountName: 'Customer 1', BillingAccountId: 'p1' });
    expect(storage.BilledCost).toBeCloseTo(12.5, 10);
    for (const row of [summarized, workstations]) {
      expect(row).toMatchObject({ x_CostSource: 'No rate', BillingCurrency: null, ListCost: null, BilledCost: null, EffectiveCost: null, ContractedCost: null, ListUnitPrice: null });
    }
    expect(workstations).toMatchObject({ SkuId: 'SW2AMSENS', x_RateKey: 'SW2AMSENS', PricingQuantity: 61, PricingUnit: 'Quantity' });
    expect(focusView(sources).every((r) => r.x_CostSource === 'No rate')).toBe(true);
  });

  it('fills accounts, parties and tags as JSON, keeping hostile text as it came', () => {
    const [hour, dayRow] = rows as [FocusRow, FocusRow];
    expect(hour).toMatchObject({ BillingAccountId: 'org1', BillingAccountName: 'Org One', SubAccountId: 'org1', ProviderName: 'HERE Technologies', PublisherName: 'HERE Technologies', InvoiceIssuerName: 'HERE Technologies' });
    expect(JSON.parse(hour.Tags ?? '')).toEqual({ billingTag: '=HYPERLINK("x")', project: 'hrn:here:authorization::org1:project/p-1' });
    expect(dayRow).toMatchObject({ SubAccountId: 'org2', SubAccountName: 'Org Two', Tags: null });
    const resold = focusView([acronis], { parties: { Acronis: { invoiceIssuer: 'My Company' } } });
    expect(resold[0]).toMatchObject({ InvoiceIssuerName: 'My Company', ProviderName: 'Acronis' });
  });

  it('has a caption that says FOCUS-aligned and "as of"', () => {
    const caption = focusCaption({ asOf: at('2026-12-01T18:49:00Z'), providers: ['HERE', 'Acronis'], rows: 1234, costed: 1200 });
    expect(caption).toBe('FOCUS-aligned view (FOCUS 1.2 column ids) · HERE and Acronis · 1,234 rows, 1,200 with a cost from your rates table · as of 1 Dec 2026 18:49 UTC');
    expect(caption).not.toMatch(/conformant|compliant/i);
  });
});
