// The columns of our tables are defined in the table model (@meterbook/table-model). These names
// stay for callers written before it (the Chromium e2e); new code imports the model.

import { hereColumns, type ColumnDef } from '@meterbook/table-model';

export type ColumnSpec = ColumnDef;

/** @deprecated Use `hereColumns` from @meterbook/table-model. */
export function usageColumns(opts: { usageFields?: string[]; detailLevel?: string; groupBy?: string }): ColumnDef[] {
  return hereColumns({ ...(opts.usageFields ? { usageFields: opts.usageFields } : {}), ...(opts.detailLevel ? { detailLevel: opts.detailLevel } : {}), ...(opts.groupBy ? { groupBy: opts.groupBy } : {}) });
}
