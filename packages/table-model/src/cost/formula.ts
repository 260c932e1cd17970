// The cost column's formula: the cost rule of lookup.ts as Excel text over structured references,
// so editing a rate updates every cost without a refresh. Only SUMPRODUCT, IF and INT (and DATE for
// a fixed date; INDEX, ROW and MIN for the currency) are used: every Excel that runs the add-in has
// them, no dynamic arrays needed.
import { KEY_SEPARATOR, listOf, ratesTableOf, type CostBinding } from './binding.js';
import { RATE_CARD_COLUMNS, type RateColumnKey } from './rate-card.js';

const TABLE_NAME = /^[A-Za-z_\\][A-Za-z0-9_.]*$/;

/** Excel text literal: in double quotes, inner quotes doubled. */
export function textLiteral(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

// Inside a structured reference, ' [ ] and # are escaped with a leading '.
const escapeColumn = (header: string): string => header.replace(/['[\]#]/g, "'$&");
/** This row's cell of a column: `[@[Header]]`. */
export const thisRow = (header: string): string => `[@[${escapeColumn(header)}]]`;

/**
 * The cost formula of a table's calculated column, e.g. for a HERE usage table:
 * `=IF([@[Billable quantity]]="","",IF([@[Date]]="","",IF(SUMPRODUCT(M)<>1,"",[@[Billable quantity]]*SUMPRODUCT(M*MeterbookRates[Unit price]/(MeterbookRates[Price per]+(MeterbookRates[Price per]=""))))))`
 * where M multiplies the matches of provider, key, unit, a typed price, and the row's day within
 * Valid from / Valid to (empty = open). No rate, or two overlapping rates: an empty cell ("").
 * A text in a price cell of the rates table shows #VALUE! until it is fixed (validateRateRow names it).
 */
export function costFormula(binding: CostBinding): string {
  const { quantity, matches, rates } = formulaParts(binding);
  const perUnit = `${rates('unitPrice')}/(${rates('pricePer')}+(${rates('pricePer')}=""))`;
  const cost = `${quantity}*SUMPRODUCT(${matches}*${perUnit})`;
  const priced = `IF(SUMPRODUCT(${matches})<>1,"",${cost})`;
  const dated = typeof binding.date === 'string' ? `IF(${thisRow(binding.date)}="","",${priced})` : priced;
  return `=IF(${quantity}="","",${dated})`;
}

/**
 * The formula of the cost currency column beside the cost: the Currency of the one rate the cost
 * used, '' when the row has no cost. The row's position among the rates comes from SUMPRODUCT
 * (exactly one rate matches when there is a cost), so no array formula or dynamic array is needed:
 * `=IF([@[Cost]]="","",INDEX(MeterbookRates[Currency],SUMPRODUCT(M*(ROW(MeterbookRates[Currency])-MIN(ROW(MeterbookRates[Currency]))+1)))&"")`.
 */
export function costCurrencyFormula(binding: CostBinding, costHeader: string): string {
  const { matches, rates } = formulaParts(binding);
  const column = rates('currency');
  const position = `SUMPRODUCT(${matches}*(ROW(${column})-MIN(ROW(${column}))+1))`;
  return `=IF(${thisRow(costHeader)}="","",INDEX(${column},${position})&"")`;
}

/** The parts both formulas share: the row's quantity, the product of the rate matches, the rates' columns. */
function formulaParts(binding: CostBinding): { quantity: string; matches: string; rates: (key: RateColumnKey) => string } {
  const table = ratesTableOf(binding);
  if (!TABLE_NAME.test(table)) throw new Error(`The rates table name "${table}" is not an Excel table name: use letters, digits, _ and . only, starting with a letter.`);
  const rates = (key: RateColumnKey): string => `${table}[${RATE_CARD_COLUMNS.find((c) => c.key === key)?.header ?? key}]`;

  const [firstKey, ...moreKeys] = listOf(binding.key);
  if (firstKey === undefined) throw new Error('The cost formula needs a key column.');
  const key = [thisRow(firstKey), ...moreKeys.map((c) => `IF(${thisRow(c)}="","",${textLiteral(KEY_SEPARATOR)}&${thisRow(c)})`)].join('&');

  const quantities = listOf(binding.quantity);
  if (quantities.length === 0) throw new Error('The cost formula needs a quantity column.');
  const quantity = quantities
    .slice(0, -1)
    .reduceRight((fallback, column) => `IF(${thisRow(column)}<>"",${thisRow(column)},${fallback})`, thisRow(quantities[quantities.length - 1] as string));

  const day = typeof binding.date === 'string' ? `INT(${thisRow(binding.date)})` : excelDate(binding.date.value);
  const unit = binding.unit === undefined ? undefined : typeof binding.unit === 'string' ? thisRow(binding.unit) : textLiteral(binding.unit.value);

  const matches = [
    `(${rates('provider')}=${textLiteral(binding.provider)})`,
    // Keys compared as text (&""): a numeric SKU typed in the rates table still matches the table's text.
    `(${rates('key')}&""=${moreKeys.length > 0 ? `(${key})` : key}&"")`,
    ...(unit === undefined ? [] : [`(${rates('unit')}=${unit})`]),
    `(${rates('unitPrice')}<>"")`,
    // INT on the rates' days too: a Valid from or Valid to typed with a time still means the whole day.
    `(INT(${rates('validFrom')})<=${day})`,
    `((${rates('validTo')}="")+(INT(${rates('validTo')})>=${day})>0)`,
  ].join('*');
  return { quantity, matches, rates };
}

/** A fixed day as `DATE(y,m,d)` (UTC). */
function excelDate(date: Date): string {
  return `DATE(${date.getUTCFullYear()},${date.getUTCMonth() + 1},${date.getUTCDate()})`;
}
