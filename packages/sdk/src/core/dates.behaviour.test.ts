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

  it('reads a year before 100 as written, not moved into the 1900s, and sends it back the same', () => {
    for (const [text, sent] of [['0050-01-01', '0050-01-01T00:00:00'], ['0050-01-01T00:00:00', '0050-01-01T00:00:00'], ['0099-12-31T23:59:59', '0099-12-31T23:59:59'], ['0000-02-29', '0000-02-29T00:00:00'], ['0100-01-01', '0100-01-01T00:00:00']]) {
      expect(toApiDateTime(text)).toBe(sent);
    }
    expect(toApiDateTime('0100-02-29')).toBeUndefined();
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

  it('reads the years 0000 to 0099 as themselves in every form, as toApiDateTime does', () => {
    for (const [text, iso] of [
      ['0050-01-01T00:00:00', '0050-01-01T00:00:00.000Z'],
      ['0000-01-01T00:00:00', '0000-01-01T00:00:00.000Z'],
      ['0099-12-31T23:59:59', '0099-12-31T23:59:59.000Z'],
      ["0050-06-15'T'12:00:00", '0050-06-15T12:00:00.000Z'],
      ['0050-06-15', '0050-06-15T00:00:00.000Z'],
      ['0050-06-15T12:00:00.5', '0050-06-15T12:00:00.500Z'],
    ] as const) {
      expect(parseApiDateTime(text)?.toISOString()).toBe(iso);
      expect(parseApiDateTime(text)?.getUTCFullYear()).toBe(Number(iso.slice(0, 4)));
    }
    const early = parseApiDateTime('0007-03-04T05:06:07') as Date;
    expect(toApiDateTime(early)).toBe('0007-03-04T05:06:07');
  });

  it('knows the leap years of the plain form: every 4th, not every 100th, every 400th', () => {
    for (const text of ['2024-02-29T00:00:00', '2000-02-29T00:00:00', '0000-02-29T00:00:00', '1600-02-29T23:59:59']) expect(parseApiDateTime(text)?.toISOString().slice(0, 19)).toBe(text);
    for (const text of ['2023-02-29T00:00:00', '1900-02-29T00:00:00', '2100-02-29T00:00:00', '0100-02-29T00:00:00']) expect(parseApiDateTime(text)).toBeUndefined();
    for (const text of ['2024-01-31T00:00:00', '2024-03-31T00:00:00', '2024-04-30T00:00:00', '2024-12-31T23:59:59']) expect(parseApiDateTime(text)?.toISOString().slice(0, 19)).toBe(text);
    for (const text of ['2024-04-31T00:00:00', '2024-06-31T00:00:00', '2024-09-31T00:00:00', '2024-11-31T00:00:00', '2024-12-32T00:00:00', '2024-13-01T00:00:00']) expect(parseApiDateTime(text)).toBeUndefined();
  });

  it('refuses a plain-form value with a sign, a space or a letter where a digit goes', () => {
    for (const text of ['2024-0-101T00:00:00', '2024-01-01T0 :00:00', '-024-01-01T00:00:00', '2024-01-01T00:00:0x', '2024/01/01T00:00:00', '2024-01-01 00:00:00x']) expect(parseApiDateTime(text)).toBeUndefined();
  });

  it('refuses every part that rolls over in the plain form', () => {
    for (const text of ['2024-01-01T23:60:00', '2024-01-01T23:00:60', '2024-00-01T00:00:00', '2024-01-00T00:00:00']) expect(parseApiDateTime(text)).toBeUndefined();
  });
});
