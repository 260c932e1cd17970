// Turns API answers into what callers get: response dates as UTC Dates (CSV rows: report-rows.ts).
// An unreadable value is an error, never a silent blank.
import { UnreadableValue } from '../core/api-context.js';
import { parseApiDateTime } from '../core/dates.js';
import type { components } from '../generated/usage-v2.gen.js';
import type { Report, ReportParameters, UsageRecord, UsageRecordWire } from './types.js';

type ReportWire = components['schemas']['Report'];


/** A date of an answer, or an UnreadableValue naming the field. */
export function toDate(value: string | undefined, field: string): Date | undefined {
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
