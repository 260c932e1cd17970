import { describe, expect, it } from 'vitest';
import { UnreadableValue } from '../core/api-context.js';
import { emptyRecord, readRecord, recordCells, type CsvRecord } from '../core/csv-parse.js';
import { csvRowReader } from './report-rows.js';
import type { UsageCsvRow } from './types.js';

/** The typed rows of a whole CSV text, read the way a download reads them. */
function rowsOf(text: string): UsageCsvRow[] {
  const record = emptyRecord();
  let toRow: ((record: CsvRecord) => UsageCsvRow) | undefined;
  const rows: UsageCsvRow[] = [];
  for (let pos = readRecord(text, 0, true, record); pos >= 0; pos = readRecord(text, pos, true, record)) {
    if (toRow === undefined) toRow = csvRowReader(recordCells(record));
    else rows.push(toRow(record));
  }
  return rows;
}

const header = '"Date and time (usageDateTime)","Org ID (realmId)","Billing tag (billingTag)","Usage Amount (usageValue)"\n';

describe('csvRowReader', () => {
  it('reads amounts as numbers and dates as UTC Dates in place, text as strings, and leaves empty cells out', () => {
    const rows = rowsOf(`${header}"2025-02-26T00:00:00","org1","","4.0237"\n"2025-02-27T10:11:12","org1","tag ""a""","-12"\n`);
    expect(rows).toEqual([
      { usageDateTime: new Date('2025-02-26T00:00:00Z'), realmId: 'org1', usageValue: 4.0237 },
      { usageDateTime: new Date('2025-02-27T10:11:12Z'), realmId: 'org1', billingTag: 'tag "a"', usageValue: -12 },
    ]);
    expect(Object.keys(rows[0] as UsageCsvRow)).toEqual(['usageDateTime', 'realmId', 'usageValue']);
    expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
  });

  it('reads cells whose quotes had to be removed: the last cell of a file without a final line break, text after a closing quote', () => {
    const rows = rowsOf(`${header}"2025-02-26T00:00:00","org1","x","4"5\n"2025-02-26T00:00:00"\n"2025-02-28","org2","y","7.25"`);
    expect(rows.map((row) => row.usageValue)).toEqual([45, undefined, 7.25]);
    expect(rows[2]?.usageDateTime?.toISOString()).toBe('2025-02-28T00:00:00.000Z');
    expect(rows[1]).toEqual({ usageDateTime: new Date('2025-02-26T00:00:00Z') });
  });

  it('refuses an unreadable amount or date, naming the field and the cell', () => {
    expect(() => rowsOf(`${header}"2025-02-26T00:00:00","org1","","4,5"\n`)).toThrow(new UnreadableValue('usageValue is not a number: "4,5"'));
    expect(() => rowsOf(`${header}"2025-02-31T00:00:00","org1","","4"\n`)).toThrow(new UnreadableValue('usageDateTime is not a date: "2025-02-31T00:00:00"'));
  });
});
