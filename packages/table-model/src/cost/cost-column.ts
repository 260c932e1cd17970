// Everything a writer needs to add the Cost column to a table: header, formula, number format, the
// cost currency column beside it and the mixed-currency flag, in one call.
import type { CostBinding, TableRow } from './binding.js';
import { costColumnFormat, currenciesOf } from './currency.js';
import { costCurrencyFormula, costFormula } from './formula.js';
import type { Rate } from './rate-card.js';
import type { CostTableColumn } from './table-column.js';

/** Header of the cost column we add to usage, report and Acronis tables. */
export const COST_COLUMN_HEADER = 'Cost';
/** Header of the column beside it: the currency of each row's cost, so summaries sum cost per currency. */
export const COST_CURRENCY_HEADER = 'Cost currency';

/** The cost column of a table. A refresh rewrites it for every row (it is ours, never a user column). */
export interface CostColumn {
  column: CostTableColumn<'cost'>;
  /** The calculated column's formula (the only formula Meterbook writes besides summaries). */
  formula: string;
  /** The cost currency column: its header and formula (the Currency of the rate the cost used, '' without one). */
  currency: { header: string; formula: string };
  /** The currencies of the rates the rows use. */
  currencies: string[];
  /** Set when the rates mix currencies: the sentence the pane shows. */
  mixedCurrencies?: string;
}

/** The cost column of a table, from its rows (keyed by header), the rates and where its cost inputs are. */
export function costColumnFor(rows: readonly TableRow[], rates: readonly Rate[], binding: CostBinding): CostColumn {
  const currencies = currenciesOf(rows, rates, binding);
  const format = costColumnFormat(currencies);
  return {
    column: { key: 'cost', header: COST_COLUMN_HEADER, kind: 'money', numberFormat: format.numberFormat, width: 14 },
    formula: costFormula(binding),
    currency: { header: COST_CURRENCY_HEADER, formula: costCurrencyFormula(binding, COST_COLUMN_HEADER) },
    currencies,
    ...(format.message === undefined ? {} : { mixedCurrencies: format.message }),
  };
}
