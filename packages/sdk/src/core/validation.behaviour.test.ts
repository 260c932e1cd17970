// What the spec-driven checks refuse, stated as a caller meets it: the messages and the fields.
import { describe, expect, it } from 'vitest';
import { checkValue } from './validation.js';

describe('format: date and date-time', () => {
  const date = { type: 'string', format: 'date' } as const;
  const dateTime = { type: 'string', format: 'date-time' } as const;

  it('accepts real dates, a leap day included', () => {
    for (const value of ['2024-02-29', '2025-12-31', '2025-01-01']) expect(checkValue('Day', value, date)).toEqual([]);
    for (const value of ['2024-02-29T23:59:59Z', '2025-06-01T00:00:02Z', '2025-06-01T10:00:00+02:00', '2025-06-01T00:00:00']) expect(checkValue('When', value, dateTime)).toEqual([]);
  });

  it('refuses days and months that do not exist, in words naming the field', () => {
    for (const value of ['2025-02-30', '2025-13-01', '2023-02-29', '2025-04-31', '2025-00-10', '2025-01-00']) {
      expect(checkValue('End (period.end)', value, date)).toEqual([`End (period.end) must be a real date, e.g. 2025-02-28 (got "${value}").`]);
    }
    for (const value of ['2025-02-30T00:00:00Z', '2025-13-01T00:00:00Z', '2025-02-28T25:00:00Z', 'tomorrow']) {
      expect(checkValue('When', value, dateTime)).toEqual([`When must be a real date and time, e.g. 2025-02-28T00:00:00Z (got "${value}").`]);
    }
  });

  it('refuses a date with anything after the day', () => {
    expect(checkValue('Day', '2025-02-01T00:00:00', date)).toEqual(['Day must be a real date, e.g. 2025-02-28 (got "2025-02-01T00:00:00").']);
  });

  it('says only what the pattern says when the form is already wrong', () => {
    expect(checkValue('Day', '2025-2-30', { ...date, pattern: '^\\d{4}-\\d{2}-\\d{2}$' })).toEqual(['Day is not in the expected form (got "2025-2-30").']);
  });

  it('leaves strings of other formats alone', () => {
    expect(checkValue('Id', '2025-02-30', { type: 'string', format: 'uuid' })).toEqual([]);
  });
});
