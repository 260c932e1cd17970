// HERE usage records and Acronis report rows, with an optional rate card, as one FOCUS-aligned
// table. Pure: no Excel, so scripts can build the same view.
import { chargesOf, type Charge, type UsageSource } from '../cost/charges.js';
import { costOf, onlyRate, rateMatcher, type RateMatcher } from '../cost/lookup.js';
import { acronisPricedValue } from '../cost/price-items.js';
import type { Rate } from '../cost/rate-card.js';
import type { FocusRow } from './focus-row.js';
import { acronisServiceCategory, hereServiceCategory } from './service-category.js';
import { focusDateTime } from './spec.js';

/** Who provides, publishes and invoices each source (FOCUS ProviderName, PublisherName, InvoiceIssuerName). */
export interface FocusParties {
  provider: string;
  publisher: string;
  /** A reseller's customers get invoices from the reseller: set it to your company then. */
  invoiceIssuer: string;
}

/** Provider, publisher and invoice issuer of each source unless overridden. */
export const DEFAULT_PARTIES: Readonly<Record<UsageSource['provider'], FocusParties>> = {
  HERE: { provider: 'HERE Technologies', publisher: 'HERE Technologies', invoiceIssuer: 'HERE Technologies' },
  Acronis: { provider: 'Acronis', publisher: 'Acronis', invoiceIssuer: 'Acronis' },
};

/** What focusView needs besides the sources. */
export interface FocusViewOptions {
  /** The rates read from the rates table (readRateCard); without it every row says 'No rate'. */
  rates?: readonly Rate[];
  /** Overrides of the parties per provider. */
  parties?: Partial<Record<UsageSource['provider'], Partial<FocusParties>>>;
}

const monthStart = (date: Date): Date => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
const nextMonth = (date: Date): Date => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
const orNull = (value: string | number | undefined): string | null => (value === undefined || value === '' ? null : String(value));

/**
 * The FOCUS-aligned rows of every source, in source order. Costs come from the rate card: the row's
 * rate (lookupRate on its item and its period's first day) gives ListUnitPrice = ContractedUnitPrice =
 * the unit price per PricingUnit (`1000 Transactions` when the price is per 1,000), PricingQuantity =
 * quantity ÷ price per, and ListCost = ContractedCost = BilledCost = EffectiveCost = costOf(quantity,
 * rate), in BillingCurrency = the rate's currency. Without a rate those cells are null and
 * x_CostSource says 'No rate'. The billing period is the calendar month of ChargePeriodStart.
 */
export function focusView(sources: readonly UsageSource[], options: FocusViewOptions = {}): FocusRow[] {
  const rows: FocusRow[] = [];
  const match = rateMatcher(options.rates ?? []);
  for (const source of sources) {
    const parties = { ...DEFAULT_PARTIES[source.provider], ...options.parties?.[source.provider] };
    for (const charge of chargesOf(source)) rows.push(focusRow(source, charge, parties, match));
  }
  return rows;
}

function focusRow(source: UsageSource, charge: Charge, parties: FocusParties, match: RateMatcher): FocusRow {
  const item = charge.item;
  const rate = item === undefined || charge.pricingBase === undefined ? undefined : onlyRate(match({ ...item, date: charge.start }));
  const base = charge.pricingBase;
  const per = rate?.pricePer ?? 1;
  const cost = rate !== undefined && base !== undefined ? costOf(base, rate) : null;
  const unit = item?.unit || charge.consumedUnit || null;
  const common = {
    ChargePeriodStart: focusDateTime(charge.start),
    ChargePeriodEnd: focusDateTime(charge.end),
    BillingPeriodStart: focusDateTime(monthStart(charge.start)),
    BillingPeriodEnd: focusDateTime(nextMonth(charge.start)),
    ProviderName: parties.provider,
    PublisherName: parties.publisher,
    InvoiceIssuerName: parties.invoiceIssuer,
    ChargeCategory: 'Usage' as const,
    ChargeClass: null,
    ChargeFrequency: 'Usage-Based' as const,
    ConsumedQuantity: charge.consumedQuantity ?? null,
    ConsumedUnit: charge.consumedQuantity === undefined ? null : charge.consumedUnit || null,
    PricingQuantity: base === undefined ? null : rate === undefined ? base : base / per,
    PricingUnit: base === undefined || unit === null ? null : per === 1 ? unit : `${per} ${unit}`,
    ListUnitPrice: rate?.unitPrice ?? null,
    ContractedUnitPrice: rate?.unitPrice ?? null,
    BillingCurrency: rate === undefined ? null : rate.currency ?? null,
    ListCost: cost,
    ContractedCost: cost,
    BilledCost: cost,
    EffectiveCost: cost,
    x_CostSource: rate === undefined ? ('No rate' as const) : ('Rate card' as const),
    x_RateKey: item?.key ?? null,
  };
  if (source.provider === 'HERE') {
    const r = charge.here ?? {};
    const tags: Record<string, string> = {};
    if (r.billingTag) tags.billingTag = r.billingTag;
    if (r.projectHrn) tags.project = r.projectHrn;
    const subAccount = r.realmId ?? source.query.realmId;
    return {
      ...common,
      BillingAccountId: source.query.realmId,
      BillingAccountName: source.query.realmName ?? source.query.realmId,
      SubAccountId: subAccount,
      SubAccountName: r.orgName ?? subAccount,
      ServiceName: r.name ?? item?.service ?? '',
      ServiceCategory: hereServiceCategory(r.category, r.name),
      ChargeDescription: [r.name, r.category && `(${r.category})`, r.valueDriver && `per ${r.valueDriver}`].filter(Boolean).join(' '),
      ResourceId: orNull(r.resource),
      SkuId: null,
      Tags: Object.keys(tags).length > 0 ? JSON.stringify(tags) : null,
      x_Source: 'HERE usage',
      x_Category: orNull(r.category),
      x_UsageTypeCode: orNull(r.usageTypeCode),
      x_BillingSubscriptionId: orNull(r.billingSubscriptionId),
      x_BillingChargeNumber: orNull(r.billingChargeNumber),
      x_AppId: orNull(r.appId),
      x_Edition: null,
      x_TenantKind: null,
      x_TrialQuantity: null,
    };
  }
  const row = charge.acronis ?? {};
  const name = orNull(row.name);
  const edition = orNull(row.edition);
  const tenant = orNull(row['tenant.id']);
  return {
    ...common,
    BillingAccountId: source.report.tenantId,
    BillingAccountName: source.report.tenantName ?? source.report.tenantId,
    SubAccountId: tenant,
    SubAccountName: orNull(row['tenant.name']) ?? tenant,
    ServiceName: name ?? '',
    ServiceCategory: acronisServiceCategory(name ?? undefined, edition ?? undefined),
    ChargeDescription: [name, edition && `(${edition})`, unit && `per ${unit}`].filter(Boolean).join(' '),
    ResourceId: null,
    SkuId: orNull(row.sku),
    Tags: null,
    x_Source: 'Acronis report',
    x_Category: null,
    x_UsageTypeCode: null,
    x_BillingSubscriptionId: null,
    x_BillingChargeNumber: null,
    x_AppId: null,
    x_Edition: edition,
    x_TenantKind: orNull(row['tenant.kind']),
    x_TrialQuantity: acronisPricedValue(row, 'usage.absolute.trial') ?? null,
  };
}
