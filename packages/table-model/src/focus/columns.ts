// The column model of the FOCUS-aligned view table: headers are the FOCUS ids themselves (that is
// what tools that read FOCUS expect), FOCUS columns first and our `x_` columns after, as FOCUS's
// Column Handling attribute asks; plus the table's caption.
import type { CostTableColumn } from '../cost/table-column.js';
import type { FocusRowKey } from './focus-row.js';

const QUANTITY = '#,##0.####';
const text = (key: FocusRowKey, width = 14): CostTableColumn<FocusRowKey> => ({ key, header: key, kind: 'text', width });
const number = (key: FocusRowKey, numberFormat = QUANTITY): CostTableColumn<FocusRowKey> => ({ key, header: key, kind: 'number', numberFormat, width: 14 });
// Money columns take the format of the rates' currency (costColumnFormat) when the writer knows it.
const money = (key: FocusRowKey): CostTableColumn<FocusRowKey> => ({ key, header: key, kind: 'money', numberFormat: '#,##0.00', width: 14 });

/** The view's columns, in order. Date/times are text in FOCUS's Date/Time Format, so a CSV export carries them exactly. */
export const FOCUS_VIEW_COLUMNS: readonly CostTableColumn<FocusRowKey>[] = [
  // When and what first (a writer may keep these two in view), then who; quantities, prices and
  // costs last among FOCUS's columns, so they sit next to x_CostSource, which says where a cost came from.
  text('ChargePeriodStart', 21),
  text('ServiceName', 24),
  text('ChargePeriodEnd', 21),
  text('BillingPeriodStart', 21),
  text('BillingPeriodEnd', 21),
  text('BillingAccountId', 16),
  text('BillingAccountName', 20),
  text('SubAccountId', 16),
  text('SubAccountName', 20),
  text('ProviderName'),
  text('PublisherName'),
  text('InvoiceIssuerName'),
  text('ServiceCategory', 16),
  text('ChargeCategory', 10),
  text('ChargeClass', 10),
  text('ChargeFrequency', 12),
  text('ChargeDescription', 36),
  text('ResourceId', 30),
  text('SkuId', 12),
  text('Tags', 30),
  number('ConsumedQuantity'),
  text('ConsumedUnit', 12),
  number('PricingQuantity'),
  text('PricingUnit', 16),
  number('ListUnitPrice', '#,##0.00####'),
  number('ContractedUnitPrice', '#,##0.00####'),
  text('BillingCurrency', 9),
  money('ListCost'),
  money('ContractedCost'),
  money('BilledCost'),
  money('EffectiveCost'),
  text('x_CostSource', 12),
  text('x_RateKey', 36),
  text('x_Source', 14),
  text('x_Category', 16),
  text('x_UsageTypeCode', 18),
  text('x_BillingSubscriptionId', 16),
  text('x_BillingChargeNumber', 16),
  text('x_AppId', 16),
  text('x_Edition', 16),
  text('x_TenantKind', 12),
  number('x_TrialQuantity'),
];

/** Columns a writer keeps in view while the user scrolls sideways: ChargePeriodStart and ServiceName. */
export const FOCUS_VIEW_FROZEN_COLUMNS = 2;

/** The sheet name of the view. */
export const FOCUS_VIEW_SHEET = 'FOCUS view';

const asOfWords = (date: Date): string =>
  `${date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })} ${date.toISOString().slice(11, 16)} UTC`;

/**
 * The caption above the view, e.g. `FOCUS-aligned view (FOCUS 1.2 column ids) · HERE and Acronis ·
 * 1,234 rows, 1,200 with a cost from your rates table · as of 1 Dec 2026 18:49 UTC`.
 */
export function focusCaption(info: { asOf: Date; providers: readonly string[]; rows: number; costed: number }): string {
  const providers = info.providers.length > 0 ? info.providers.join(' and ') : 'no tables';
  const costs = info.costed === info.rows ? 'costs from your rates table' : `${info.costed.toLocaleString('en')} with a cost from your rates table`;
  return `FOCUS-aligned view (FOCUS 1.2 column ids) · ${providers} · ${info.rows.toLocaleString('en')} rows, ${costs} · as of ${asOfWords(info.asOf)}`;
}
