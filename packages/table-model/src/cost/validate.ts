// The rules a rates row must follow, each broken rule said in the user's words with the fix.
import { cellDay, cellNumber, cellText, isEmptyCell, type CellValue } from './cells.js';
import type { RateCardRow } from './rate-card.js';

/** A problem of one rates row; `row` counts data rows from 0 (a price list line carries its line). */
export interface RateProblem {
  row: number;
  message: string;
}

// ISO 4217 codes known to the JavaScript engine (Node 20 and browsers ship the full list); any
// three capital letters where the engine cannot list them.
const knownCurrencies: ReadonlySet<string> | undefined = (() => {
  try {
    return new Set(Intl.supportedValuesOf('currency'));
  } catch {
    return undefined;
  }
})();

/** Whether the text is a 3-letter ISO 4217 currency code (upper or lower case). */
export function isCurrencyCode(text: string): boolean {
  const code = text.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(code) && (knownCurrencies === undefined || knownCurrencies.has(code));
}

const shown = (value: CellValue): string => JSON.stringify(cellText(value).slice(0, 40));
const dayWords = (date: Date): string => date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** Every problem of a rates row, in plain words; empty when the row is fine (a blank row is fine). */
export function validateRateRow(row: RateCardRow): string[] {
  if (Object.values(row).every(isEmptyCell)) return [];
  const problems: string[] = [];
  if (cellText(row.provider) === '') problems.push('Provider is empty: type HERE or Acronis.');
  if (cellText(row.key) === '') problems.push('Key is empty: it is what a usage row is matched on; run "Set up rates" to list the keys of your tables.');

  const price = cellNumber(row.unitPrice);
  if (Number.isNaN(price)) problems.push(`Unit price ${shown(row.unitPrice)} is not a number: type a number such as 0.45.`);
  else if (price !== undefined && price < 0) problems.push(`Unit price ${price} is below 0: a price is 0 or more.`);

  const per = cellNumber(row.pricePer);
  if (Number.isNaN(per)) problems.push(`Price per ${shown(row.pricePer)} is not a number: type how many units the price is for, such as 1000 (or leave it empty for 1).`);
  else if (per !== undefined && per <= 0) problems.push(`Price per ${per} is not more than 0: type how many units the price is for, such as 1000 (or leave it empty for 1).`);

  const currency = cellText(row.currency);
  if (currency === '' && price !== undefined && !Number.isNaN(price)) problems.push('Currency is empty: type the 3-letter ISO 4217 code of the price, such as EUR or USD.');
  else if (currency !== '' && !isCurrencyCode(currency)) problems.push(`Currency ${shown(row.currency)} is not a 3-letter ISO 4217 code such as EUR, USD or GBP.`);

  const from = cellDay(row.validFrom);
  const to = cellDay(row.validTo);
  if (from === null) problems.push(`Valid from ${shown(row.validFrom)} is not a date: type it as 2026-01-31 or pick a date (or leave it empty for no start).`);
  if (to === null) problems.push(`Valid to ${shown(row.validTo)} is not a date: type it as 2026-12-31 or pick a date (or leave it empty for no end).`);
  if (from && to && from.getTime() > to.getTime()) problems.push(`Valid from (${dayWords(from)}) is after Valid to (${dayWords(to)}): swap them.`);
  return problems;
}
