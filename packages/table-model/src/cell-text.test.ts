import { describe, expect, it } from 'vitest';
import { isRiskyText, MAX_CELL_TEXT, textColumnFormat, toCellText } from './cell-text.js';
import { HOSTILE } from './test-strings.js';

describe('cell text rule', () => {
  it('flags formula triggers and number-looking text', () => {
    for (const s of ['=1', '+1', '-1', '@x', '\tx', '\rx', '\nx', '00123', '1E5', "'quoted"]) expect(isRiskyText(s), s).toBe(true);
    for (const s of ['plain', 'a=b', 'Привет', '']) expect(isRiskyText(s), s).toBe(false);
  });

  it('text-format strategy: values unchanged, the column formatted @ before the values', () => {
    expect(textColumnFormat('text-format')).toBe('@');
    for (const s of HOSTILE) expect(toCellText(s, 'text-format')).toBe(s);
  });

  it('apostrophe strategy: risky values get the quote prefix, plain ones do not', () => {
    expect(textColumnFormat('apostrophe')).toBe('General');
    for (const s of HOSTILE) expect(toCellText(s, 'apostrophe'), s).toBe(isRiskyText(s) ? `'${s}` : s);
    expect(toCellText('=HYPERLINK("x")', 'apostrophe')).toBe(`'=HYPERLINK("x")`);
  });

  it("cuts text at Excel's cell limit", () => {
    expect(toCellText('x'.repeat(MAX_CELL_TEXT + 10))).toHaveLength(MAX_CELL_TEXT);
  });
});
