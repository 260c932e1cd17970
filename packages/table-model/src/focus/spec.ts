// FOCUS 1.2's words, spelled as the specification spells them. Source: the specification's
// repository, FinOps-Open-Cost-and-Usage-Spec/FOCUS_Spec: the v1.2 section of CHANGELOG.md and its
// "Columns History" table (every column id below is listed there as introduced in or before 1.2),
// and each column's file specification/columns/<file>.md ("Column ID" and "Feature level"),
// named beside each id.

/** FOCUS 1.2 columns every dataset carries (Feature level: Mandatory, or "Column required: True"). */
export const FOCUS_MANDATORY_COLUMNS = [
  'BilledCost', // billedcost.md
  'BillingAccountId', // billingaccountid.md
  'BillingAccountName', // billingaccountname.md (Mandatory, allows nulls)
  'BillingCurrency', // billingcurrency.md
  'BillingPeriodEnd', // billingperiodend.md (exclusive)
  'BillingPeriodStart', // billingperiodstart.md (inclusive)
  'ChargeCategory', // chargecategory.md
  'ChargeClass', // chargeclass.md (Mandatory, null unless "Correction")
  'ChargeDescription', // chargedescription.md
  'ChargePeriodEnd', // chargeperiodend.md (exclusive)
  'ChargePeriodStart', // chargeperiodstart.md (inclusive)
  'ContractedCost', // contractedcost.md
  'EffectiveCost', // effectivecost.md
  'InvoiceIssuerName', // invoiceissuer.md (Column ID InvoiceIssuerName)
  'ListCost', // listcost.md
  'PricingQuantity', // pricingquantity.md
  'PricingUnit', // pricingunit.md
  'ProviderName', // provider.md (Column ID ProviderName; 1.3 renames it, 1.2 does not)
  'PublisherName', // publisher.md (Column ID PublisherName)
  'ServiceCategory', // servicecategory.md
  'ServiceName', // servicename.md
] as const;

/** FOCUS 1.2 conditional and recommended columns this view fills. */
export const FOCUS_OTHER_COLUMNS = [
  'ChargeFrequency', // chargefrequency.md (Recommended)
  'ConsumedQuantity', // consumedquantity.md
  'ConsumedUnit', // consumedunit.md
  'ContractedUnitPrice', // contractedunitprice.md
  'ListUnitPrice', // listunitprice.md
  'ResourceId', // resourceid.md
  'SkuId', // skuid.md
  'SubAccountId', // subaccountid.md
  'SubAccountName', // subaccountname.md
  'Tags', // tags.md (JSON, Key-Value Format)
] as const;

/** A FOCUS 1.2 column id this view uses. */
export type FocusColumnId = (typeof FOCUS_MANDATORY_COLUMNS)[number] | (typeof FOCUS_OTHER_COLUMNS)[number];

/** ServiceCategory's allowed values (servicecategory.md, "Allowed values"). */
export const FOCUS_SERVICE_CATEGORIES = [
  'AI and Machine Learning', 'Analytics', 'Business Applications', 'Compute', 'Databases', 'Developer Tools', 'Multicloud',
  'Identity', 'Integration', 'Internet of Things', 'Management and Governance', 'Media', 'Migration', 'Mobile', 'Networking',
  'Security', 'Storage', 'Web', 'Other',
] as const;
/** One of ServiceCategory's allowed values. */
export type FocusServiceCategory = (typeof FOCUS_SERVICE_CATEGORIES)[number];

/** ChargeCategory's allowed values (chargecategory.md). */
export const FOCUS_CHARGE_CATEGORIES = ['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment'] as const;
/** ChargeFrequency's allowed values (chargefrequency.md). */
export const FOCUS_CHARGE_FREQUENCIES = ['One-Time', 'Recurring', 'Usage-Based'] as const;
/** ChargeClass is null or this one value (chargeclass.md). */
export const FOCUS_CHARGE_CLASS_CORRECTION = 'Correction';

/** Custom columns start with `x_` (attribute "Column Handling", renamed from "Column Naming and Ordering" in 1.2). */
export const FOCUS_CUSTOM_PREFIX = 'x_';

/** Date/Time Format attribute (specification/attributes/datetime_format.md): UTC, `YYYY-MM-DDTHH:mm:ssZ`. */
export function focusDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
