// The columns of a remembered table, as the table model defines them (refresh rewrites the same
// columns; the summary reads their headers).

import { acronisColumnFor, hereColumnByKey, type ColumnDef } from '@meterbook/table-model';
import type { StoredQuery } from '../workbook/query-store.js';

export function columnsOf(q: StoredQuery): ColumnDef[] {
  const detail = typeof q.params.detailLevel === 'string' ? q.params.detailLevel : undefined;
  return q.columns.map((k) => (q.kind === 'acronis-report' ? acronisColumnFor(k) : hereColumnByKey(k, detail)));
}
