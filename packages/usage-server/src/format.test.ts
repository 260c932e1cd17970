import { describe, expect, it } from 'vitest';
import { csvCell, decimal4 } from './format.js';

describe('format', () => {
  it('prints ten-thousandths with exactly four decimals', () => {
    expect(decimal4(1_449_400_000)).toBe('144940.0000');
    expect(decimal4(4_200)).toBe('0.4200');
    expect(decimal4(0)).toBe('0.0000');
    expect(decimal4(-15)).toBe('-0.0015');
  });

  it('quotes every CSV cell and doubles quotes', () => {
    expect(csvCell('')).toBe('""');
    expect(csvCell('a "b", c\nd')).toBe('"a ""b"", c\nd"');
  });
});
