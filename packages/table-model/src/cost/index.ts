// Rate card, cost rule, cost formula and currency: the cost part of the table model.
export type { CostColumnKind, CostTableColumn } from './table-column.js';
// Generic names are exported under cost-specific ones, so they cannot clash with the column model's.
export type { CellValue as CostCellValue } from './cells.js';
export { RATE_CARD_COLUMNS, RATE_CARD_SCOPE_NOTE, RATES_TABLE_NAME, emptyRateRow, readRateCard, type Rate, type RateCardRow, type RateColumnKey } from './rate-card.js';
export { isCurrencyCode, validateRateRow, type RateProblem } from './validate.js';
export {
  ACRONIS_KEY_SEPARATOR,
  ACRONIS_PRICED_UNIT,
  acronisItem,
  acronisMeasure,
  acronisPricedValue,
  hereItem,
  priceItemsFrom,
  type AcronisMeasure,
  type PriceItem,
  type Provider as UsageProvider,
} from './price-items.js';
export { mergeRateCard, rateRowFor } from './merge.js';
export { parsePriceList, type PriceListEntry, type PriceListProblem } from './price-list.js';
export { applyPriceList } from './apply-price-list.js';
export { costOf, lookupRate, matchRates, onlyRate, overlappingRates, rateMatcher, type RateMatcher, type RateQuery } from './lookup.js';
export { rowCost, rowRate, type CostBinding, type TableRow as CostTableRow } from './binding.js';
export { costCurrencyFormula, costFormula } from './formula.js';
export { COST_COLUMN_HEADER, COST_CURRENCY_HEADER, costColumnFor, type CostColumn } from './cost-column.js';
export { MIXED_CURRENCY_FORMAT, costByCurrency, costColumnFormat, currenciesOf, currencyFormat, tableCosts, type CostInCurrency } from './currency.js';
export { acronisPeriod, chargesOf, herePeriod, type AcronisReportInfo, type Charge, type HereQueryInfo, type UsageSource } from './charges.js';
export { acronisRowFromCells, hereQueryFromParams, usageRecordFromCells } from './from-cells.js';
export { missingItemLine, missingItemsByReason, missingRates, missingRatesMessage, missingRatesSummary, type MissingItem, type MissingRates, type MissingReason, type MissingReasonGroup } from './missing.js';
export { evaluateCostFormula } from './formula-eval.js';
