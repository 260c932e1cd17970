import { describe, expect, it } from 'vitest';
import { acronisColumnFor, DAY_FORMAT } from './acronis-columns.js';
import { DEFAULT_TEXT_STRATEGY } from './cell-text.js';
import { numberFormatFor } from './columns.js';
import { toExcelSerial } from './excel-date.js';
import { toCell } from './rows.js';

describe('Acronis columns', () => {
  it('writes the date of a daily report as a real Excel date shown as a day', () => {
    const column = acronisColumnFor('date');
    expect(column).toMatchObject({ kind: 'date', format: DAY_FORMAT });
    expect(numberFormatFor(column.kind, '@', column.format)).toBe('yyyy-mm-dd');
    expect(toCell(column, '2025-05-07', DEFAULT_TEXT_STRATEGY)).toBe(toExcelSerial(new Date('2025-05-07T00:00:00Z')));
    expect(toCell(column, '', DEFAULT_TEXT_STRATEGY)).toBe('');
  });

  it('keeps a value that is not a day or a number as text, never as a formula', () => {
    // These columns are not formatted as text, so the quote prefix is what keeps it text.
    expect(toCell(acronisColumnFor('date'), '=NOW()', DEFAULT_TEXT_STRATEGY)).toBe("'=NOW()");
    expect(toCell(acronisColumnFor('usage.absolute.total'), '+cmd|calc', DEFAULT_TEXT_STRATEGY)).toBe("'+cmd|calc");
    expect(acronisColumnFor('tenant.name')).toMatchObject({ kind: 'text' });
  });
});
