import { describe, expect, it } from 'vitest';
import { createExcelMock } from '../../test/unit/excel-mock.js';
import { OfficeWriter } from '../workbook/office-writer.js';
import {
  FISCAL_YEAR_START_KEY, SETTLE_DAYS_KEY, getFiscalYearStartMonth, getRefreshOnOpen, getSettleDays,
  setFiscalYearStartMonth, setSettleDays, settleDaysProblem,
} from './workbook-settings.js';

function workbook() {
  const m = createExcelMock();
  return { m, settings: new OfficeWriter(m.run).settings };
}

describe('workbook settings', () => {
  it('read their defaults in a new workbook: off, January, 5 days', async () => {
    const { settings } = workbook();
    expect(await getRefreshOnOpen(settings)).toBe(false);
    expect(await getFiscalYearStartMonth(settings)).toBe(1);
    expect(await getSettleDays(settings)).toBe(5);
  });

  it('are saved in workbook.settings and read back', async () => {
    const { m, settings } = workbook();
    await setFiscalYearStartMonth(settings, 4);
    await setSettleDays(settings, 0);
    expect(m.wb.model.settings[FISCAL_YEAR_START_KEY]).toBe('4');
    expect(m.wb.model.settings[SETTLE_DAYS_KEY]).toBe('0');
    const reopened = new OfficeWriter(createExcelMock(m.wb).run).settings;
    expect(await getFiscalYearStartMonth(reopened)).toBe(4);
    expect(await getSettleDays(reopened)).toBe(0);
  });

  it('refuse values out of range in words, and save nothing', async () => {
    const { m, settings } = workbook();
    await expect(setFiscalYearStartMonth(settings, 13)).rejects.toThrow('The fiscal year must start in a month from 1 (January) to 12 (December), not 13.');
    await expect(setSettleDays(settings, 32)).rejects.toThrow('Enter a whole number of days from 0 to 31 ("32" is not one).');
    await expect(setSettleDays(settings, 2.5)).rejects.toThrow(/whole number of days/);
    expect(m.wb.model.settings).toEqual({});
    expect(settleDaysProblem('')).toBe('Enter a whole number of days from 0 to 31 (the field is empty).');
    expect(settleDaysProblem(' 31 ')).toBeUndefined();
    expect(settleDaysProblem('-1')).toMatch(/"-1" is not one/);
  });

  it('read a damaged value as the default instead of failing', async () => {
    const { m, settings } = workbook();
    Object.assign(m.wb.model.settings, { [FISCAL_YEAR_START_KEY]: 'April', [SETTLE_DAYS_KEY]: '99', 'meterbook.refreshOnOpen': 'yes' });
    expect(await getFiscalYearStartMonth(settings)).toBe(1);
    expect(await getSettleDays(settings)).toBe(5);
    expect(await getRefreshOnOpen(settings)).toBe(false);
  });
});
