// Excel stores dates as serial day numbers (1900 date system; serial 25569 = 1970-01-01). The API's
// dates are UTC, and we show them as UTC wall-clock time, so no time-zone shift is applied.

const EPOCH_SERIAL = 25_569;
const MS_PER_DAY = 86_400_000;

export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm';
export const DATE_FORMAT = 'yyyy-mm-dd';

export function toExcelSerial(date: Date): number {
  return date.getTime() / MS_PER_DAY + EPOCH_SERIAL;
}

export function fromExcelSerial(serial: number): Date {
  return new Date(Math.round((serial - EPOCH_SERIAL) * MS_PER_DAY));
}
