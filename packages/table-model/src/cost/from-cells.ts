// Usage read back from a workbook table: the cells of a row, keyed by column key (the API field
// name, as the query store records the columns), as the SDK's record types again, so "Set up rates"
// and the FOCUS view can work from the tables of a workbook after it was closed and reopened.
import { parseApiDateTime, type UsageRecord } from '@meterbook/sdk';
import type { AcronisUsageRow } from '@meterbook/sdk/acronis';
import { cellDay, cellNumber, cellText, dateFromSerial, dayText, isEmptyCell, type CellValue } from './cells.js';
import type { HereQueryInfo } from './charges.js';

const HERE_TEXT = ['realmId', 'orgName', 'billingSubscriptionId', 'billingChargeNumber', 'featureId', 'category', 'name', 'valueDriver', 'usageTypeCode', 'projectHrn', 'appId', 'billingTag', 'resource'] as const;
const HERE_NUMBERS = ['usageValue', 'billableValue'] as const;

const numberOf = (value: CellValue): number | undefined => {
  const n = cellNumber(value);
  return n === undefined || Number.isNaN(n) ? undefined : n;
};

/** A HERE usage record from a table row's cells (a date cell may be a Date or an Excel serial number). */
export function usageRecordFromCells(cells: Readonly<Record<string, CellValue>>): UsageRecord {
  const record: UsageRecord = {};
  for (const key of HERE_TEXT) if (!isEmptyCell(cells[key])) record[key] = cellText(cells[key]);
  for (const key of HERE_NUMBERS) {
    const value = numberOf(cells[key]);
    if (value !== undefined) record[key] = value;
  }
  const at = cells.usageDateTime;
  if (at instanceof Date) record.usageDateTime = at;
  else if (typeof at === 'number') record.usageDateTime = dateFromSerial(at);
  return record;
}

/** An Acronis report row from a table row's cells: `usage.*` numbers (our `.gib` columns left out), the rest text, `date` as `yyyy-mm-dd`. */
export function acronisRowFromCells(cells: Readonly<Record<string, CellValue>>): AcronisUsageRow {
  const row: AcronisUsageRow = {};
  for (const [key, value] of Object.entries(cells)) {
    if (isEmptyCell(value)) continue;
    if (key.startsWith('usage.')) {
      const n = numberOf(value);
      if (!key.endsWith('.gib') && n !== undefined) row[key] = n;
    } else if (key === 'date') {
      const day = cellDay(value);
      if (day) row.date = dayText(day);
    } else row[key] = cellText(value);
  }
  return row;
}

/**
 * What a HERE table was pulled for, from its stored query parameters (`startDate` and `endDate` as
 * the API takes them, `yyyy-MM-ddTHH:mm:ss` UTC). Undefined when a date cannot be read.
 */
export function hereQueryFromParams(realmId: string, params: Readonly<Record<string, string | readonly string[]>>): HereQueryInfo | undefined {
  const text = (name: string): string => {
    const value = params[name];
    return typeof value === 'string' ? value : '';
  };
  const startDate = parseApiDateTime(text('startDate'));
  const endDate = parseApiDateTime(text('endDate'));
  if (startDate === undefined || endDate === undefined) return undefined;
  const level = text('detailLevel');
  const detailLevel = level === 'hour' || level === 'day' || level === 'month' ? level : 'summarized';
  return { realmId, startDate, endDate, detailLevel };
}
