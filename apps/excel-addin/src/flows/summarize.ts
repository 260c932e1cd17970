// "Summarize": creates or updates the summary sheet of one of our tables (HERE usage, HERE report
// or Acronis): a PivotTable over the table, month over month and a chart, as the table model plans
// it. Refresh calls `refreshSummaryIfAny` so a summary keeps matching its table.

import { COST_CURRENCY_HEADER, monthsOfParams, summaryFields, summaryPlan, toExcelSerial, type SummaryPlan } from '@meterbook/table-model';
import type { QueryStore, StoredQuery } from '../workbook/query-store.js';
import { SourceTableMissingError, type SummaryMeta, type TableWriter } from '../workbook/table-writer.js';
import { NotOurTableError } from './not-ours.js';
import { columnsOf } from './stored-columns.js';

export interface SummarizeDeps {
  writer: TableWriter;
  store: QueryStore;
}

/** The plan of a remembered table's summary; with our Cost column (and its currency beside it), Sum of Cost per currency too. */
export function planOf(q: StoredQuery, sourceSheet: string): SummaryPlan {
  const headers = [...columnsOf(q).map((c) => c.header), ...(q.cost ? [q.cost.header, COST_CURRENCY_HEADER] : [])];
  return summaryPlan({ tableName: q.tableName, sourceSheet, fields: summaryFields(q.kind === 'acronis-report' ? 'acronis' : 'here', headers) });
}

/** The months to lay out: those of the query's period, none when the table has no Month column (no dates). */
const monthsOf = (q: StoredQuery, plan: SummaryPlan): number[] => (plan.fields.month ? monthsOfParams(q.params).map(toExcelSerial) : []);

/** Creates or updates the summary of a Meterbook table; a deleted table is said so, on its summary too. */
export async function summarizeTable(deps: SummarizeDeps, tableName: string): Promise<SummaryMeta> {
  const q = await deps.store.get(tableName);
  if (!q) throw new NotOurTableError(tableName);
  const table = await deps.writer.findTable(tableName);
  if (!table) {
    throw new SourceTableMissingError(tableName, await deps.writer.summaries.markOrphaned(planOf(q, tableName)));
  }
  const plan = planOf(q, table.sheetName);
  return deps.writer.summaries.write(plan, monthsOf(q, plan));
}

/** The plan, or undefined for a table without the summary's columns (it never had a summary). */
function planIfAny(q: StoredQuery, sourceSheet: string): SummaryPlan | undefined {
  try {
    return planOf(q, sourceSheet);
  } catch {
    return undefined;
  }
}

/** After a refresh: updates the table's summary when it has one (the PivotTable does not refresh by itself). */
export async function refreshSummaryIfAny(deps: SummarizeDeps, q: StoredQuery, sourceSheet: string): Promise<SummaryMeta | undefined> {
  const plan = planIfAny(q, sourceSheet);
  if (!plan || !(await deps.writer.summaries.exists(plan))) return undefined;
  return deps.writer.summaries.write(plan, monthsOf(q, plan));
}

/** For every remembered table that is gone: its summary, if any, says so. Gives the summary sheets marked. */
export async function markSummariesOfMissingTables(deps: SummarizeDeps): Promise<string[]> {
  const marked: string[] = [];
  for (const q of await deps.store.list()) {
    const plan = planIfAny(q, q.tableName);
    if (!plan || (await deps.writer.findTable(q.tableName))) continue;
    const sheet = await deps.writer.summaries.markOrphaned(plan);
    if (sheet) marked.push(sheet);
  }
  return marked;
}
