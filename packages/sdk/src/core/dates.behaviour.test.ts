// Dates as callers give them and as answers carry them.
import { describe, expect, it } from 'vitest';
import { formatApiDateTime, parseApiDateTime, toApiDateTime } from './dates.js';

describe('formatApiDateTime', () => {
  it('pads every part, the year to four digits', () => {
    expect(formatApiDateTime(new Date(Date.UTC(2024, 0, 2, 3, 4, 5)))).toBe('2024-01-02T03:04:05');
    const early = new Date(Date.UTC(2000, 0, 1));
    early.setUTCFullYear(987);
    expect(formatApiDateTime(early)).toBe('0987-01-01T00:00:00');
  });
});

describe('toApiDateTime', () => {
  it('takes a Date, and refuses an invalid one', () => {
    expect(toApiDateTime(new Date(Date.UTC(2024, 11, 31, 23, 59, 59)))).toBe('2024-12-31T23:59:59');
    expect(toApiDateTime(new Date('nope'))).toBeUndefined();
  });

  it('takes text with spaces around it, with or without a time or zone', () => {
    expect(toApiDateTime(' 2024-01-31 ')).toBe('2024-01-31T00:00:00');
    expect(toApiDateTime('2024-01-31T12:30:00')).toBe('2024-01-31T12:30:00');
    expect(toApiDateTime('2024-01-31T12:30:00Z')).toBe('2024-01-31T12:30:00');
    expect(toApiDateTime("2024-01-31'T'12:30:00")).toBe('2024-01-31T12:30:00');
  });

  it('refuses days that do not exist instead of rolling them over', () => {
    for (const text of ['2024-02-30', '2023-02-29', '2024-13-01', '2024-00-10', '2024-01-32', '2024-01-31T24:00:00', '2024-01-31T23:60:00', '2024-01-31T23:59:60']) {
      expect(toApiDateTime(text)).toBeUndefined();
    }
    expect(toApiDateTime('2024-02-29')).toBe('2024-02-29T00:00:00');
  });

  it('refuses a year before 100 rather than moving it into the 1900s', () => {
    for (const text of ['0050-01-01', '0050-01-01T00:00:00', '0099-12-31T23:59:59']) expect(toApiDateTime(text)).toBeUndefined();
    expect(toApiDateTime('0100-01-01')).toBe('0100-01-01T00:00:00');
  });

  it('refuses what is not text or a Date', () => {
    for (const value of [undefined, null, 0, {}, ['2024-01-31']]) expect(toApiDateTime(value)).toBeUndefined();
  });
});

describe('parseApiDateTime', () => {
  it('reads fractions of a second and a date alone as UTC', () => {
    expect(parseApiDateTime('2022-03-01T05:06:07.5')?.toISOString()).toBe('2022-03-01T05:06:07.500Z');
    expect(parseApiDateTime("2022-03-01'T'05:06:07.25")?.toISOString()).toBe('2022-03-01T05:06:07.250Z');
    expect(parseApiDateTime(' 2022-03-01 ')?.toISOString()).toBe('2022-03-01T00:00:00.000Z');
  });

  it('refuses text that does not start with a whole date, even when JavaScript could read it', () => {
    for (const text of ['', "''", 'March 1, 2022', '1 Mar 2022 10:00 GMT', '22-03-01T00:00:00', 'Tue 2022-03-01', '2022-03-1 10:00', 'x2022-03-01T05:06:07']) {
      expect(parseApiDateTime(text)).toBeUndefined();
    }
  });

  it('reads a date without a zone as UTC whatever the zone of the machine', () => {
    // vitest.config.ts runs the tests in New York time, so a local reading would be hours off.
    expect(new Date(2022, 2, 1).getTimezoneOffset()).not.toBe(0);
    for (const [text, iso] of [
      ['2022-03-01T05:06:07', '2022-03-01T05:06:07.000Z'],
      ['2022-03-01T05:06:07.5', '2022-03-01T05:06:07.500Z'],
      ['2022-03-01T05:06:07.125', '2022-03-01T05:06:07.125Z'],
      ["2022-03-01'T'05:06:07", '2022-03-01T05:06:07.000Z'],
      ['2022-03-01', '2022-03-01T00:00:00.000Z'],
    ] as const) {
      expect(parseApiDateTime(text)?.toISOString()).toBe(iso);
    }
    expect(toApiDateTime('2022-03-01')).toBe('2022-03-01T00:00:00');
    expect(toApiDateTime(new Date(Date.UTC(2022, 2, 1, 23, 30)))).toBe('2022-03-01T23:30:00');
  });

  it('refuses every part that rolls over in the plain form', () => {
    for (const text of ['2024-01-01T23:60:00', '2024-01-01T23:00:60', '2024-00-01T00:00:00', '2024-01-00T00:00:00']) expect(parseApiDateTime(text)).toBeUndefined();
  });
});
