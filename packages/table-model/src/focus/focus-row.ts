// One row of the FOCUS-aligned view: FOCUS 1.2 column ids (spec.ts), then our own `x_` columns.
import type { FocusServiceCategory } from './spec.js';

/** Where a row's cost comes from: the user's rates table, or nowhere (then every cost cell is null). */
export type CostSource = 'Rate card' | 'No rate';

/**
 * A FOCUS-aligned row. Date/times are FOCUS Date/Time text (`2026-11-01T00:00:00Z`), numbers are
 * numbers, an absent value is null. Costs are null when the row has no rate: FOCUS wants them, and
 * a made-up number would be worse; that, and costs from the user's own rates, is why the view is only "FOCUS-aligned".
 */
export interface FocusRow {
  ChargePeriodStart: string;
  ChargePeriodEnd: string;
  BillingPeriodStart: string;
  BillingPeriodEnd: string;
  BillingAccountId: string;
  BillingAccountName: string | null;
  SubAccountId: string | null;
  SubAccountName: string | null;
  ProviderName: string;
  PublisherName: string;
  InvoiceIssuerName: string;
  ServiceName: string;
  ServiceCategory: FocusServiceCategory;
  ChargeCategory: 'Usage';
  ChargeClass: null;
  ChargeFrequency: 'Usage-Based';
  ChargeDescription: string;
  ResourceId: string | null;
  SkuId: string | null;
  ConsumedQuantity: number | null;
  ConsumedUnit: string | null;
  PricingQuantity: number | null;
  PricingUnit: string | null;
  ListUnitPrice: number | null;
  ContractedUnitPrice: number | null;
  BillingCurrency: string | null;
  ListCost: number | null;
  ContractedCost: number | null;
  BilledCost: number | null;
  EffectiveCost: number | null;
  /** JSON object text of key → value (billing tag, project), or null when the row has none. */
  Tags: string | null;
  x_CostSource: CostSource;
  /** The rates table key the row was matched on. */
  x_RateKey: string | null;
  /** `HERE usage` or `Acronis report`. */
  x_Source: string;
  x_Category: string | null;
  x_UsageTypeCode: string | null;
  x_BillingSubscriptionId: string | null;
  x_BillingChargeNumber: string | null;
  x_AppId: string | null;
  x_Edition: string | null;
  x_TenantKind: string | null;
  /** Acronis trial usage (not billed), in ConsumedUnit. */
  x_TrialQuantity: number | null;
}

/** A column of the view (a FOCUS id or an `x_` column). */
export type FocusRowKey = keyof FocusRow;
