import { describe, expect, it } from 'vitest';
import { displayValue } from './display.js';
import { toExcelSerial } from './excel-date.js';
import { DAY_FORMAT, DECIMAL_FORMAT, HOUR_FORMAT, MONTH_FORMAT, PERCENT_FORMAT, WHOLE_FORMAT } from './formats.js';

const at = toExcelSerial(new Date('2026-11-07T09:05:00Z'));

describe('display of our formats', () => {
  it('shows numbers with thousands separators and the decimals of their format', () => {
    expect(displayValue(12013417, WHOLE_FORMAT)).toBe('12,013,417');
    expect(displayValue(1234.5678, DECIMAL_FORMAT)).toBe('1,234.57');
    expect(displayValue(-0.0456, PERCENT_FORMAT)).toBe('-4.6%');
    expect(displayValue(0.12345, '0.0000')).toBe('0.1235');
    expect([displayValue(366.1966954590753, '#,##0.####'), displayValue(1234.5, '#,##0.####'), displayValue(7, '#,##0.####'), displayValue(0.45, '#,##0.00####')]).toEqual(['366.1967', '1,234.5', '7', '0.45']);
    expect([displayValue(1234.5, '[$EUR] #,##0.00'), displayValue(-3, '[$USD] #,##0.00'), displayValue(1500, '[$JPY] #,##0')]).toEqual(['EUR 1,234.50', '-USD 3.00', 'JPY 1,500']);
  });

  it('shows dates as Excel would, in UTC', () => {
    expect(displayValue(at, DAY_FORMAT)).toBe('7 Nov 2026');
    expect(displayValue(at, MONTH_FORMAT)).toBe('Nov 2026');
    expect(displayValue(at, HOUR_FORMAT)).toBe('7 Nov 2026 09:05');
    expect(displayValue(at, 'yyyy-mm-dd hh:mm')).toBe('2026-11-07 09:05');
  });

  it('shows text and other formats as the plain value', () => {
    expect(displayValue('=HYPERLINK("x")', '@')).toBe('=HYPERLINK("x")');
    expect(displayValue(5, 'General')).toBe('5');
    expect(displayValue(true, '@')).toBe('true');
  });
});
