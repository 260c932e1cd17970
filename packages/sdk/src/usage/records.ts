// Turns API answers into what callers get: response dates as UTC Dates, CSV rows keyed by
// field name with numbers as numbers. An unreadable value is an error, never a silent blank.
import { UnreadableValue } from '../core/api-context.js';
import { parseApiDateTime } from '../core/dates.js';
import { readNumber } from '../core/numbers.js';
import type { components } from '../generated/usage-v2.gen.js';
import type { Report, ReportParameters, UsageCsvRow, UsageRecord, UsageRecordWire } from './types.js';

type ReportWire = components['schemas']['Report'];


function toDate(value: string | undefined, field: string): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const date = parseApiDateTime(value);
  if (date === undefined) throw new UnreadableValue(`${field} is not a date: ${JSON.stringify(value.slice(0, 40))}`);
  return date;
}

/** The record with its date as a Date. The wire object is fresh from JSON.parse, so it is converted in place. */
export function toUsageRecord(wire: UsageRecordWire): UsageRecord {
  const record = wire as unknown as UsageRecord;
  if (wire.usageDateTime !== undefined) record.usageDateTime = toDate(wire.usageDateTime, 'usageDateTime');
  return record;
}

export function toReport(wire: ReportWire, realmId: string, correlationId?: string): Report {
  const { created, parameters, ...rest } = wire;
  const report: Report = { ...rest, realmId };
  if (created !== undefined) report.created = toDate(created, 'created');
  if (parameters !== undefined) {
    const { startDate, endDate, ...others } = parameters;
    const converted: ReportParameters = { ...others };
    if (startDate !== undefined) converted.startDate = toDate(startDate, 'parameters.startDate');
    if (endDate !== undefined) converted.endDate = toDate(endDate, 'parameters.endDate');
    report.parameters = converted;
  }
  if (correlationId !== undefined) report.correlationId = correlationId;
  return report;
}

/** `Usage Amount (usageValue)` -> `usageValue`; a plain `usageValue` header stays as it is. */
function fieldOfHeader(header: string): string {
  const match = /\(([^()]+)\)\s*$/.exec(header);
  return (match?.[1] ?? header).trim();
}

const numericFields = new Set(['usageValue', 'billableValue']);
const dateFields = new Set(['usageDateTime']);

/** Builds a converter from CSV cells to a typed row for the given header. */
export function csvRowReader(header: string[]): (cells: string[]) => UsageCsvRow {
  const fields = header.map(fieldOfHeader);
  // Each column's kind is looked up once per download, not once per cell.
  const kinds = fields.map((field) => (numericFields.has(field) ? 'number' : dateFields.has(field) ? 'date' : 'text'));
  return (cells) => {
    const row: UsageCsvRow = {};
    for (let i = 0; i < fields.length; i++) {
      const cell = cells[i];
      if (cell === undefined || cell === '') continue;
      const field = fields[i] as string;
      const kind = kinds[i];
      if (kind === 'number') {
        const value = readNumber(cell);
        if (!Number.isFinite(value)) throw new UnreadableValue(`${field} is not a number: ${JSON.stringify(cell.slice(0, 40))}`);
        row[field] = value;
      } else if (kind === 'date') {
        row[field] = toDate(cell, field);
      } else {
        row[field] = cell;
      }
    }
    return row;
  };
}
