// "Set up rates": one rates table on its own sheet listing every priced item of the workbook's
// Meterbook tables. Run again, it adds the new items and leaves every row the user typed as it
// is (the table model's mergeRateCard); a pasted price list fills the empty prices and names each
// line it could not read; "Save rate" writes one row's price from the pane.

import {
  RATE_CARD_COLUMNS, RATES_TABLE_NAME, applyPriceList, emptyRateRow, mergeRateCard, parsePriceList, priceItemsFrom,
  readRateCard, toExcelSerial, validateRateRow, type ColumnDef, type CostCellValue, type PriceItem, type Rate, type RateCardRow,
} from '@meterbook/table-model';
import type { TableWriter } from '../workbook/table-writer.js';
import { sourceOf, workbookTables, type TableSourceDeps } from './table-sources.js';

export type RatesDeps = TableSourceDeps;

/** Where the pane remembers which table is the rates table (a workbook setting, no secret). */
export const RATES_SETTING = 'meterbook.rates';
export const RATES_SHEET = 'Rates';

/** The rates table's columns in the column model the writers render. */
export const RATE_COLUMNS: readonly ColumnDef[] = RATE_CARD_COLUMNS.map((c) => ({
  key: c.key, header: c.header, kind: c.kind === 'text' ? 'text' : 'number', format: c.numberFormat ?? '@', width: c.width,
}));

export interface RatesTable {
  tableName: string;
  rows: RateCardRow[];
}

/** The rates table of the workbook, read back; undefined before "Set up rates". */
export async function readRatesTable(writer: TableWriter): Promise<RatesTable | undefined> {
  const tableName = await writer.settings.get(RATES_SETTING);
  if (tableName === undefined) return undefined;
  const values = await writer.readTable(tableName);
  if (!values) return undefined;
  const at = RATE_CARD_COLUMNS.map((c) => values.header.indexOf(c.header));
  const rows = values.rows.map((line) => Object.fromEntries(RATE_CARD_COLUMNS.map((c, i) => {
    const col = at[i] ?? -1;
    const v: CostCellValue = col < 0 ? null : line[col];
    return [c.key, v === '' ? null : v];
  })) as RateCardRow);
  return { tableName, rows };
}

/** The typed rates of the workbook (rows with a problem left out, as the cost rule does). */
export async function readRates(writer: TableWriter): Promise<{ tableName: string; rates: Rate[]; problems: string[] } | undefined> {
  const table = await readRatesTable(writer);
  if (!table) return undefined;
  const { rates, problems } = readRateCard(table.rows);
  return { tableName: table.tableName, rates, problems: problems.map((p) => `Row ${p.row + 1} of the rates table: ${p.message}`) };
}

// Dates go in as Excel serials (the column's date format shows them); text a user typed stays text.
const cellOut = (v: CostCellValue): unknown => (v instanceof Date ? toExcelSerial(v) : v ?? '');
const recordOf = (row: RateCardRow): Record<string, unknown> => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, cellOut(v)]));

const caption = (rows: number): string =>
  `Rates for Meterbook cost columns · ${rows.toLocaleString('en-US')} items · type a Unit price (and Currency) per row; cost = quantity × unit price ÷ price per`;

/** Writes the rates table: creates it on its own sheet the first time, else replaces its rows in place. */
async function writeRates(writer: TableWriter, existing: RatesTable | undefined, rows: readonly RateCardRow[]): Promise<string> {
  const content = { caption: caption(rows.length), columns: RATE_COLUMNS, records: rows.map(recordOf) };
  if (existing) {
    await writer.replaceRows(existing.tableName, content);
    return existing.tableName;
  }
  const meta = await writer.createTable({ ...content, sheetName: RATES_SHEET, tablePrefix: RATES_TABLE_NAME });
  await writer.settings.set(RATES_SETTING, meta.tableName);
  return meta.tableName;
}

/** Every distinct priced item of the workbook's Meterbook tables. */
export async function workbookPriceItems(deps: RatesDeps): Promise<PriceItem[]> {
  const items: PriceItem[] = [];
  for (const { query, values } of await workbookTables(deps)) {
    const source = sourceOf(query, values);
    items.push(...(source.provider === 'HERE' ? priceItemsFrom(source.records, 'HERE') : priceItemsFrom(source.rows, 'Acronis')));
  }
  return items;
}

export interface SetUpOutcome {
  tableName: string;
  created: boolean;
  added: number;
  rows: number;
}

/** Creates or extends the rates table; a row already there (and anything typed in it) is kept as it is. */
export async function setUpRates(deps: RatesDeps): Promise<SetUpOutcome> {
  const items = await workbookPriceItems(deps);
  const existing = await readRatesTable(deps.writer);
  if (!existing && items.length === 0) throw new Error('No priced items yet: insert HERE usage (with Feature HRN) or an Acronis report first, then set up rates.');
  const { rows, added } = mergeRateCard(existing?.rows ?? [], items);
  const tableName = added.length > 0 || !existing ? await writeRates(deps.writer, existing, rows) : existing.tableName;
  return { tableName, created: !existing, added: added.length, rows: rows.length };
}

const RATE_LIST_HEADER = RATE_CARD_COLUMNS.map((c) => c.header).join(',');

export interface PasteOutcome {
  tableName: string;
  filled: number;
  added: number;
  /** Every line not applied, in words with its line number (unreadable lines and prices that differ from one already typed). */
  problems: string[];
}

/** Reads a pasted price list (CSV, semicolons or tabs) into the rates table. */
export async function pastePriceList(deps: RatesDeps, text: string): Promise<PasteOutcome> {
  if (text.trim() === '') throw new Error(`Paste a price list first: a header line (${RATE_LIST_HEADER}) and one line per rate.`);
  const { entries, problems } = parsePriceList(text);
  const named = problems.map((p) => `Line ${p.line}: ${p.message}`);
  if (entries.length === 0) throw new Error(`Nothing was filled: no line of the price list could be read. ${named.join(' ')}`);
  const existing = await readRatesTable(deps.writer);
  const applied = applyPriceList(existing?.rows ?? [], entries);
  const tableName = await writeRates(deps.writer, existing, applied.rows);
  return { tableName, filled: applied.filled, added: applied.added, problems: [...named, ...applied.conflicts.map((p) => `Line ${p.line}: ${p.message}`)] };
}

export interface RateInput {
  unitPrice: string;
  currency: string;
  /** Left out: the row's Price per stays; empty: none (1). */
  pricePer?: string;
}

/** Sets the price of one row of the rates table (0 = first data row), checked as the cost rule reads it before anything is written. */
export async function setRate(deps: RatesDeps, row: number, input: RateInput): Promise<Rate> {
  const table = await readRatesTable(deps.writer);
  if (!table) throw new Error('There is no rates table yet: click "Set up rates" first.');
  const current = table.rows[row];
  if (!current) throw new Error(`The rates table has no row ${row + 1}: click "Set up rates" to list the items again.`);
  const price = input.unitPrice.trim();
  if (price === '') throw new Error('Enter a unit price (for example 0.45), then save.');
  const updated: RateCardRow = {
    ...emptyRateRow(), ...current,
    unitPrice: Number.isFinite(Number(price)) ? Number(price) : price,
    currency: input.currency.trim().toUpperCase() || current.currency,
    // Given but empty: no Price per, which the cost rule reads as 1 (the form shows the current one first).
    ...(input.pricePer === undefined ? {} : { pricePer: input.pricePer.trim() === '' ? null : Number.isFinite(Number(input.pricePer)) ? Number(input.pricePer) : input.pricePer.trim() }),
  };
  const problems = validateRateRow(updated);
  if (problems.length > 0) throw new Error(`Not saved: ${problems.join(' ')}`);
  const rows = table.rows.map((r, i) => (i === row ? updated : r));
  await writeRates(deps.writer, table, rows);
  const rate = readRateCard([updated]).rates[0];
  if (!rate) throw new Error('Not saved: the row could not be read back.');
  return { ...rate, row };
}
