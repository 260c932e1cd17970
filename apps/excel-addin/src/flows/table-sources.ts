// The Meterbook tables of a workbook read back as usage again (SDK records with what they were
// pulled for), so "Set up rates", the missing-rate count and the FOCUS view work from the tables
// of a reopened file, without a new pull.

import { acronisRowFromCells, hereQueryFromParams, usageRecordFromCells, type CostCellValue, type CostTableRow, type UsageSource } from '@meterbook/table-model';
import type { QueryStore, StoredQuery } from '../workbook/query-store.js';
import type { TableValues, TableWriter } from '../workbook/table-writer.js';
import { columnsOf } from './stored-columns.js';

export interface TableSourceDeps {
  writer: TableWriter;
  store: QueryStore;
}

/** A table's rows keyed by header, as the cost rule reads them. */
export function rowsByHeader(values: TableValues): CostTableRow[] {
  return values.rows.map((line) => Object.fromEntries(values.header.map((h, i) => [h, line[i] as CostCellValue])));
}

/** A table's rows keyed by column key (the API field names the query store remembers); other columns are left out. */
function rowsByKey(q: StoredQuery, values: TableValues): Record<string, CostCellValue>[] {
  const keyOf = new Map(columnsOf(q).map((c) => [c.header, c.key]));
  return values.rows.map((line) => {
    const cells: Record<string, CostCellValue> = {};
    values.header.forEach((h, i) => { const key = keyOf.get(h); if (key !== undefined) cells[key] = line[i]; });
    return cells;
  });
}

/** The usage of one remembered table, from its cells. */
export function sourceOf(q: StoredQuery, values: TableValues): UsageSource {
  const cells = rowsByKey(q, values);
  const pulled = q.pulledAt.slice(0, 10);
  if (q.kind === 'acronis-report') {
    const day = (k: string): string => (typeof q.params[k] === 'string' ? q.params[k] : pulled);
    return {
      provider: 'Acronis',
      rows: cells.map(acronisRowFromCells),
      report: { tenantId: q.realmId, ...(q.tenantName ? { tenantName: q.tenantName } : {}), period: { start: day('start'), end: day('end') } },
    };
  }
  const at = new Date(q.pulledAt);
  const query = hereQueryFromParams(q.realmId, q.params) ?? { realmId: q.realmId, startDate: at, endDate: at, detailLevel: 'summarized' as const };
  return { provider: 'HERE', records: cells.map(usageRecordFromCells), query };
}

/** Every remembered table still in the workbook, with its cells. */
export async function workbookTables(deps: TableSourceDeps): Promise<{ query: StoredQuery; values: TableValues }[]> {
  const out: { query: StoredQuery; values: TableValues }[] = [];
  for (const query of await deps.store.list()) {
    const values = await deps.writer.readTable(query.tableName);
    if (values) out.push({ query, values });
  }
  return out;
}
