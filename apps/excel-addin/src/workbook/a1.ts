// A1 addresses: defined in the table model (the summary's formulas need them too).
export { a1, columnLetters, parseA1, quoteSheet } from '@meterbook/table-model';
