// A refreshed table that grows into cells the user filled (a total typed under it) is not refused
// for ever: the pane asks, and on yes inserts sheet rows for the growth so those cells move down.
// Nothing is ever overwritten: without a yes, or when rows cannot be made, the table stays as it was.

import { TargetOccupiedError, windowGrowth, type TableContent, type TableMeta, type TableWriter, type WindowRowsContent, type WriteOptions } from '../workbook/table-writer.js';

export interface GrowthQuestion {
  tableName: string;
  /** Rows the table needs below its last row. */
  rows: number;
  /** The cells in the way. */
  address: string;
}

/** Asked before rows are inserted; true inserts them. */
export type ConfirmGrowth = (q: GrowthQuestion) => Promise<boolean>;

/** Thrown when the user declined: the table was left as it was. */
export class GrowthDeclinedError extends Error {
  constructor(readonly question: GrowthQuestion) {
    super(`${question.tableName} was left as it was: it needs ${question.rows.toLocaleString('en-US')} more rows and ${question.address} is in use. Refresh again and choose to insert rows, or move those cells.`);
    this.name = 'GrowthDeclinedError';
  }
}

/** replaceRows; when growth meets user cells, asks and inserts rows below the table first. */
export function replaceRowsGrowing(writer: TableWriter, tableName: string, content: TableContent, opts: WriteOptions, confirm?: ConfirmGrowth): Promise<TableMeta> {
  return replaceWindowRowsGrowing(writer, tableName, { ...content, keep: { from: 0, rows: 0 } }, opts, confirm);
}

/** replaceWindowRows (a history refresh's write), with the same question before growing into user cells. */
export async function replaceWindowRowsGrowing(writer: TableWriter, tableName: string, content: WindowRowsContent, opts: WriteOptions, confirm?: ConfirmGrowth): Promise<TableMeta> {
  try {
    return await writer.replaceWindowRows(tableName, content, opts);
  } catch (e) {
    if (!(e instanceof TargetOccupiedError) || !confirm) throw e;
    const now = await writer.findTable(tableName);
    const rows = windowGrowth(now?.rowCount ?? 0, content);
    const question = { tableName, rows, address: e.address };
    if (rows <= 0 || !(await confirm(question))) throw new GrowthDeclinedError(question);
    await writer.insertRowsBelow(tableName, rows);
    return writer.replaceWindowRows(tableName, content, opts);
  }
}
