// What a column is. Every table Meterbook writes is a list of these; writers render them.

import { TEXT_NUMBER_FORMAT } from './cell-text.js';

/**
 * `text`, `number`, `date` and `month` hold data from an API; `formula` is reserved for columns we
 * own and compose (the cost columns of the rate card): the only formulas we ever write.
 */
export type ColumnKind = 'text' | 'number' | 'date' | 'month' | 'formula';

/** One column of a Meterbook table. */
export interface ColumnDef {
  /** Stable id, remembered by the table (`usageValue`, `month`, `usage.absolute.total.gib`). */
  readonly key: string;
  /** Header in a finance user's words (`Billable quantity`). */
  readonly header: string;
  readonly kind: ColumnKind;
  /** Excel number format of the column; a text column's format comes from the text strategy. */
  readonly format: string;
  /** Width hint, in characters. */
  readonly width: number;
  /** The record field the value comes from when it is not `key` (the Month column reads the date). */
  readonly field?: string;
  /** Other field names of the same value (report CSVs call `resource` `resourceHrn`). */
  readonly aliases?: readonly string[];
  /** Number columns whose decimals follow the row's unit: the field holding that unit. */
  readonly unitField?: string;
  /** `formula` columns: the formula we composed, the same for every row. */
  readonly formula?: string;
}

/** A text column (written under the text rule: never a formula). */
export function textColumn(key: string, header: string, width: number, extra: Partial<ColumnDef> = {}): ColumnDef {
  return { key, header, kind: 'text', format: TEXT_NUMBER_FORMAT, width, ...extra };
}

/** A record as it comes from the SDK: field name to value. */
export type SourceRecord = Readonly<Record<string, unknown>>;

/** The value a column reads from a record (its field, then its aliases). */
export function sourceValue(column: ColumnDef, record: SourceRecord): unknown {
  const v = record[column.field ?? column.key];
  if (v !== undefined || !column.aliases) return v;
  for (const alias of column.aliases) if (record[alias] !== undefined) return record[alias];
  return undefined;
}

/** A choice the pane shows, in the same words as the headers. */
export interface Choice {
  readonly value: string;
  readonly label: string;
}
