// A price list pasted as CSV (or cells copied from a sheet: tab-separated) becomes rates rows;
// every line that cannot be read is named with its number and what is wrong.
import { dsvFormat } from 'd3-dsv';
import { cellDay, cellNumber, cellText, isEmptyCell } from './cells.js';
import { itemIdentity } from './price-items.js';
import { emptyRateRow, RATE_CARD_COLUMNS, type RateCardRow, type RateColumnKey } from './rate-card.js';
import { validateRateRow } from './validate.js';

/** A problem of a pasted price list: the line (1 = the header line) and what is wrong. */
export interface PriceListProblem {
  line: number;
  message: string;
}

/** A readable line of a price list, as a rates row with typed cells (numbers, Dates, text). */
export interface PriceListEntry {
  line: number;
  row: RateCardRow;
}

const squash = (header: string): string => header.toLowerCase().replace(/[^a-z0-9]/g, '');
// Header words: each column's header, plus the few other words price lists use for them.
const HEADER_WORDS = new Map<string, RateColumnKey>([
  ...RATE_CARD_COLUMNS.map((c): [string, RateColumnKey] => [squash(c.header), c.key]),
  ['price', 'unitPrice'],
  ['currencycode', 'currency'],
  ['sku', 'key'],
  ['note', 'notes'],
]);
const REQUIRED: readonly RateColumnKey[] = ['provider', 'key', 'unit', 'unitPrice'];
const EXAMPLE_HEADER = RATE_CARD_COLUMNS.map((c) => c.header).join(',');

/** The delimiter of the header line: a tab (cells copied from a sheet), a semicolon, or a comma. */
function delimiterOf(headerLine: string): string {
  const counts = ['\t', ';', ','].map((d) => [d, headerLine.split(d).length - 1] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best), [',', 0] as const)[0];
}

/** Line number (1-based) where each record starts, skipping newlines inside quoted values. */
function recordLines(text: string): number[] {
  const starts = [1];
  let line = 1;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === '\n') {
      line++;
      if (!quoted) starts.push(line);
    }
  }
  return starts;
}

/**
 * Reads a pasted price list whose first line names the columns (the rates table's headers, in any
 * case and spacing: `Unit price`, `unit_price`, `UnitPrice`). Returns the readable lines as rates
 * rows and every unreadable line with what is wrong, in words. Provider, Key, Unit and Unit price
 * are required columns.
 */
export function parsePriceList(csvText: string): { entries: PriceListEntry[]; problems: PriceListProblem[] } {
  const text = csvText.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const firstLine = text.split('\n', 1)[0] ?? '';
  const records = dsvFormat(delimiterOf(firstLine)).parseRows(text);
  const lines = recordLines(text);
  const problems: PriceListProblem[] = [];
  const header = records[0] ?? [];
  const columns = header.map((h) => HEADER_WORDS.get(squash(h)));
  header.forEach((h, i) => {
    if (columns[i] === undefined && h.trim() !== '') problems.push({ line: 1, message: `Column "${h.trim().slice(0, 40)}" is not a rates column and was ignored. The columns are: ${EXAMPLE_HEADER}.` });
  });
  const missing = REQUIRED.filter((key) => !columns.includes(key));
  if (missing.length > 0) {
    const names = missing.map((key) => RATE_CARD_COLUMNS.find((c) => c.key === key)?.header ?? key).join(', ');
    problems.push({ line: 1, message: `The first line must name the columns; it has no ${names}. Start the list with: ${EXAMPLE_HEADER}` });
    return { entries: [], problems };
  }

  const entries: PriceListEntry[] = [];
  const seen = new Map<string, number>();
  records.slice(1).forEach((cells, index) => {
    const line = lines[index + 1] ?? index + 2;
    if (cells.every((cell) => cell.trim() === '')) return;
    if (cells.length > header.length) {
      problems.push({ line, message: `Line ${line} has ${cells.length} values where the first line names ${header.length} columns: put a value that holds the separator in double quotes.` });
      return;
    }
    const row = emptyRateRow();
    columns.forEach((key, i) => {
      if (key !== undefined && !isEmptyCell(cells[i])) row[key] = (cells[i] ?? '').trim();
    });
    const wrong = validateRateRow(row);
    if (wrong.length > 0) {
      problems.push({ line, message: `Line ${line}: ${wrong.join(' ')}` });
      return;
    }
    const identity = `${itemIdentity({ provider: cellText(row.provider), key: cellText(row.key), unit: cellText(row.unit) })}\u0000${cellText(row.validFrom)}`;
    const earlier = seen.get(identity);
    if (earlier !== undefined) {
      problems.push({ line, message: `Line ${line} repeats line ${earlier} (same provider, key, unit and Valid from): keep one of them.` });
      return;
    }
    seen.set(identity, line);
    entries.push({ line, row: typed(row) });
  });
  return { entries, problems };
}

/** A valid row's cells as the sheet should hold them: numbers as numbers, days as Dates. */
function typed(row: RateCardRow): RateCardRow {
  return {
    ...row,
    currency: cellText(row.currency).toUpperCase() || null,
    unitPrice: cellNumber(row.unitPrice) ?? null,
    pricePer: cellNumber(row.pricePer) ?? null,
    validFrom: cellDay(row.validFrom) ?? null,
    validTo: cellDay(row.validTo) ?? null,
  };
}
