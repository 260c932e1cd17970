// "Add cost": our Cost column on a usage, report or Acronis table, a live formula over the rates
// table (costFormula), with the rates' currency in its format, and the Cost currency column beside
// it (each row's currency, which summaries sum cost by). The pane then says how many rows
// have no cost and why. Refresh rewrites the column for every row (refreshCostIfAny).

import {
  COST_COLUMN_HEADER, costColumnFor, missingItemsByReason, missingRates, missingRatesMessage, missingRatesSummary, type CostBinding, type MissingReasonGroup,
} from '@meterbook/table-model';
import type { StoredQuery } from '../workbook/query-store.js';
import { NotOurTableError } from './not-ours.js';
import { readRates, type RatesDeps } from './rates.js';
import { columnsOf } from './stored-columns.js';
import { rowsByHeader, sourceOf } from './table-sources.js';

/** Where a remembered table's cost inputs are, by its headers; a sentence when it cannot be priced. */
export function costBindingOf(q: StoredQuery, ratesTable: string): CostBinding | string {
  const columns = columnsOf(q);
  const header = (key: string): string | undefined => columns.find((c) => c.key === key)?.header;
  const present = (keys: readonly string[]): string[] => keys.map(header).filter((h): h is string => h !== undefined);
  if (q.kind === 'acronis-report') {
    const item = header('name');
    if (item === undefined) return `${q.tableName} has no Offering item column to match rates on.`;
    const sku = header('sku');
    const key = sku ?? [item, ...present(['edition', 'infra.backend_type'])];
    // Acronis's billed amount first (storage in GiB), then the absolute value, as the rate card prices them.
    const quantity = present(['usage.effective.production.gib', 'usage.effective.production', 'usage.absolute.production.gib', 'usage.absolute.production']);
    if (quantity.length === 0) return `${q.tableName} has no production usage column to price.`;
    const start = typeof q.params.start === 'string' ? q.params.start : q.pulledAt.slice(0, 10);
    return { ratesTable, provider: 'Acronis', key, date: header('date') ?? { value: new Date(`${start}T00:00:00Z`) }, quantity };
  }
  const key = header('featureId');
  if (key === undefined) return `${q.tableName} has no Feature HRN column, which rates are matched on. Insert the usage again with Feature HRN among the fields.`;
  const quantity = header('billableValue');
  if (quantity === undefined) return `${q.tableName} has no Billable quantity column to price. Insert the usage again with Billable quantity among the fields.`;
  const start = typeof q.params.startDate === 'string' ? q.params.startDate : q.pulledAt;
  const date = header('usageDateTime') ?? { value: new Date(`${start.slice(0, 10)}T00:00:00Z`) };
  const unit = header('valueDriver');
  return { ratesTable, provider: 'HERE', key, ...(unit ? { unit } : {}), date, quantity };
}

export interface CostOutcome {
  tableName: string;
  /** The formula of the column (what Excel computes). */
  formula: string;
  currencies: string[];
  /** Set when the table's rates mix currencies. */
  mixedCurrencies?: string;
  /** How many rows have no cost, for which items and why (missingRatesMessage). */
  missing: string;
  /** The same in one line: how many rows, how many items (missingRatesSummary). */
  missingSummary: string;
  missingRows: number;
  /** Rows of the rates table that no cost uses, with what is wrong. */
  rateProblems: string[];
}

/** Adds (or rewrites) the Cost column of one of our tables and remembers it. */
export async function addCost(deps: RatesDeps, tableName: string): Promise<CostOutcome> {
  const q = await deps.store.get(tableName);
  if (!q) throw new NotOurTableError(tableName);
  const rates = await readRates(deps.writer);
  if (!rates) throw new Error('Set up rates first: the Cost column looks its prices up in the rates table ("Set up rates" in the Cost section).');
  const binding = costBindingOf(q, rates.tableName);
  if (typeof binding === 'string') throw new Error(`No cost column added: ${binding}`);
  const values = await deps.writer.readTable(tableName);
  if (!values) throw new Error(`Table ${tableName} is no longer in this workbook.`);
  const cost = costColumnFor(rowsByHeader(values), rates.rates, binding);
  await deps.writer.setCostColumn(tableName, { header: COST_COLUMN_HEADER, formula: cost.formula, numberFormat: cost.column.numberFormat ?? '#,##0.00', binding, currency: cost.currency });
  if (!q.cost) await deps.store.save({ ...q, cost: { header: COST_COLUMN_HEADER } });
  const missing = missingRates(sourceOf(q, values), rates.rates);
  return {
    tableName, formula: cost.formula, currencies: cost.currencies, missing: missingRatesMessage(missing), missingSummary: missingRatesSummary(missing), missingRows: missing.rows, rateProblems: rates.problems,
    ...(cost.mixedCurrencies === undefined ? {} : { mixedCurrencies: cost.mixedCurrencies }),
  };
}

/** After a refresh: the Cost column, when the table has one, is rewritten for every row (it is ours). */
export async function refreshCostIfAny(deps: RatesDeps, q: StoredQuery): Promise<CostOutcome | undefined> {
  return q.cost ? addCost(deps, q.tableName) : undefined;
}

/** Adds or rewrites the Cost column of every table that has one (after rates change: formats follow the currency). */
export async function refreshCosts(deps: RatesDeps): Promise<CostOutcome[]> {
  const out: CostOutcome[] = [];
  for (const q of await deps.store.list()) if (q.cost && (await deps.writer.findTable(q.tableName))) out.push(await addCost(deps, q.tableName));
  return out;
}

export interface CostStatus {
  tableName: string;
  /** One line: how many rows have no cost, for how many items (missingRatesSummary). */
  summary: string;
  /** The items without a cost, grouped by why (missingItemsByReason); empty when every row has one. */
  reasons: MissingReasonGroup[];
  missingRows: number;
  mixedCurrencies?: string;
}

/** For every table with a Cost column: how many rows lack a rate and whether its rates mix currencies (nothing is written). */
export async function costStatus(deps: RatesDeps): Promise<CostStatus[]> {
  const rates = await readRates(deps.writer);
  const out: CostStatus[] = [];
  for (const q of await deps.store.list()) {
    if (!q.cost || !rates) continue;
    const values = await deps.writer.readTable(q.tableName);
    const binding = costBindingOf(q, rates.tableName);
    if (!values || typeof binding === 'string') continue;
    const missing = missingRates(sourceOf(q, values), rates.rates);
    const mixed = costColumnFor(rowsByHeader(values), rates.rates, binding).mixedCurrencies;
    out.push({
      tableName: q.tableName, summary: missingRatesSummary(missing), reasons: missingItemsByReason(missing), missingRows: missing.rows,
      ...(mixed === undefined ? {} : { mixedCurrencies: mixed }),
    });
  }
  return out;
}
