import { describe, expect, it } from 'vitest';
import { HOSTILE } from '../../test/unit/fixtures.js';
import { isRiskyText, MAX_CELL_TEXT, textColumnFormat, toCellText } from './cell-text.js';
import { interpretInput } from './preview-workbook.js';

describe('cell text rule', () => {
  it('flags formula triggers and number-looking text', () => {
    for (const s of ['=1', '+1', '-1', '@x', '\tx', '\rx', '\nx', '00123', '1E5', "'quoted"]) expect(isRiskyText(s), s).toBe(true);
    for (const s of ['plain', 'a=b', 'Привет', '']) expect(isRiskyText(s), s).toBe(false);
  });

  it('text-format strategy: values unchanged, column format @; Excel keeps them as text', () => {
    expect(textColumnFormat('text-format')).toBe('@');
    for (const s of HOSTILE) expect(interpretInput(toCellText(s, 'text-format'), '@')).toEqual({ value: s, format: '@' });
  });

  it('apostrophe strategy: risky values get the quote prefix; Excel stores the text without it', () => {
    expect(textColumnFormat('apostrophe')).toBe('General');
    for (const s of HOSTILE) {
      const cell = interpretInput(toCellText(s, 'apostrophe'), 'General');
      expect(cell.value, s).toBe(s);
      expect(cell.formula).toBeUndefined();
    }
  });

  it('cuts text at Excel\'s cell limit', () => {
    expect(toCellText('x'.repeat(MAX_CELL_TEXT + 10))).toHaveLength(MAX_CELL_TEXT);
  });
});
