import { describe, expect, it } from 'vitest';
import { formatApiDateTime, parseApiDateTime, readApiDateTimeAt, toApiDateTime } from './dates.js';

describe('dates', () => {
  it('sends Dates and strings in the API form, in UTC', () => {
    expect(formatApiDateTime(new Date('2024-01-31T23:59:59.999Z'))).toBe('2024-01-31T23:59:59');
    expect(toApiDateTime('2024-01-31')).toBe('2024-01-31T00:00:00');
    expect(toApiDateTime('2024-01-31T10:00:00+02:00')).toBe('2024-01-31T08:00:00');
    expect(toApiDateTime('2024-02-30T00:00:00')).toBeUndefined();
    expect(toApiDateTime('31/01/2024')).toBeUndefined();
    expect(toApiDateTime(20240131)).toBeUndefined();
  });

  it("reads the documents' quoted-T form, the plain form and ISO, as UTC", () => {
    expect(parseApiDateTime("2022-03-01'T'00:00:00")?.toISOString()).toBe('2022-03-01T00:00:00.000Z');
    expect(parseApiDateTime('2022-03-01T05:06:07')?.toISOString()).toBe('2022-03-01T05:06:07.000Z');
    expect(parseApiDateTime('2022-03-01T05:06:07+01:00')?.toISOString()).toBe('2022-03-01T04:06:07.000Z');
    expect(parseApiDateTime('2022-03-01')?.toISOString()).toBe('2022-03-01T00:00:00.000Z');
    expect(parseApiDateTime('soon')).toBeUndefined();
    expect(parseApiDateTime('2024-02-31T00:00:00')).toBeUndefined();
    expect(parseApiDateTime('2024-13-01T00:00:00')).toBeUndefined();
    expect(parseApiDateTime('2024-01-01T24:00:00')).toBeUndefined();
    expect(parseApiDateTime('2024-01-0xT00:00:00')).toBeUndefined();
    expect(parseApiDateTime('20x4-01-01T00:00:00')).toBeUndefined();
    expect(parseApiDateTime('2023-02-29T00:00:00')).toBeUndefined();
    expect(parseApiDateTime('2024-02-29T23:59:59')?.toISOString()).toBe('2024-02-29T23:59:59.000Z');
    expect(parseApiDateTime('2024-04-31T00:00:00')).toBeUndefined();
  });

  it('reads a date in place inside a longer text, in every form, as parseApiDateTime reads that stretch', () => {
    for (const inner of ['2024-02-29T23:59:59', "2022-03-01'T'00:00:00", '2022-03-01', '2024-02-31T00:00:00', '2024-01-01T00:00:001', 'soon', '']) {
      const line = `"2025-01-01T00:00:00","${inner}","2025-01-01T00:00:00"`;
      const start = 23;
      expect(readApiDateTimeAt(line, start, start + inner.length)?.getTime()).toBe(parseApiDateTime(inner)?.getTime());
    }
  });

  it('gives a fresh Date for a value read before, so changing one changes no other', () => {
    const first = parseApiDateTime('2025-03-04T05:06:07') as Date;
    first.setUTCFullYear(1999);
    const again = parseApiDateTime('2025-03-04T05:06:07');
    expect(again).not.toBe(first);
    expect(again?.toISOString()).toBe('2025-03-04T05:06:07.000Z');
  });

  it('reads the plain form digit by digit to the same instant as an ISO reading, day after day', () => {
    const cases: string[] = [];
    for (let time = Date.UTC(1999, 0, 1); time < Date.UTC(2001, 2, 2); time += 86_400_000 + 3_661_000) cases.push(new Date(time).toISOString().slice(0, 19));
    for (const text of cases) expect(parseApiDateTime(text)?.getTime()).toBe(Date.parse(`${text}Z`));
    // Every few years from 0 to 9999, at the ends of months and around leap days.
    for (let year = 0; year <= 9999; year += 37) {
      for (const [month, day] of [[1, 1], [2, 28], [3, 1], [12, 31], [6, 30]] as const) {
        const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T23:59:58`;
        expect(parseApiDateTime(text)?.getTime()).toBe(Date.parse(`${text}Z`));
      }
    }
    expect(cases.length).toBeGreaterThan(700);
  });
});
