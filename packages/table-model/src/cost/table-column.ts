// The shape of a column in the tables this folder defines (rates table, FOCUS-aligned view). It
// follows the column model's ColumnSpec (key, header, kind, number format, width hint) so the lead
// can unify the two; it is local because that type was being written at the same time.

/** What a column holds; writers pick the cell type from it. */
export type CostColumnKind = 'text' | 'number' | 'date' | 'money';

/** One column of a table: its key in the row objects, its header in the sheet, how it is shown. */
export interface CostTableColumn<K extends string = string> {
  /** Key of the value in a row object. */
  key: K;
  /** Header shown in the sheet. */
  header: string;
  kind: CostColumnKind;
  /** Excel number format; undefined for text. Money columns get theirs from the rates' currency. */
  numberFormat?: string;
  /** Width hint in characters. */
  width: number;
}
