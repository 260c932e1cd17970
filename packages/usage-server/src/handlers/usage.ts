// getUsage (paged JSON) and getUsageCsv (one CSV of at most 20,000 records).
import type { UsagePager } from '../data/pager.js';
import type { Dataset } from '../data/generator.js';
import { recordChunks } from '../data/query.js';
import { HttpError } from '../errors.js';
import { csvChunks, csvLayout, recordJson } from '../format.js';
import { rawJsonReply, type Reply } from '../reply.js';
import type { QueryValues } from '../router.js';
import { intParam, usageFieldsFrom, usageQueryFrom } from './usage-params.js';

export const CSV_MAX_RECORDS = 20_000;

export interface UsageDeps {
  dataset: Dataset;
  pager: UsagePager;
}

/** The paged envelope; see README for why nextOffset equals lastOffset on (and past) the last page. */
export function envelope(total: number, limit: number, offset: number, count: number) {
  const lastOffset = Math.max(0, Math.ceil(total / limit) - 1);
  return { total, limit, count, nextOffset: offset < lastOffset ? offset + 1 : lastOffset, lastOffset };
}

export function getUsage(deps: UsageDeps, realmId: string, q: QueryValues): Reply {
  const query = usageQueryFrom(q, [realmId]);
  const limit = intParam(q, 'limit', 100);
  const offset = intParam(q, 'offset', 0);
  const { total, items } = deps.pager.page(query, offset, limit);
  const fields = usageFieldsFrom(q);
  const env = envelope(total, limit, offset, items.length);
  const text = `{"total":${env.total},"limit":${env.limit},"count":${env.count},"nextOffset":${env.nextOffset},`
    + `"lastOffset":${env.lastOffset},"items":[${items.map((r) => recordJson(r, fields)).join(',')}]}`;
  return rawJsonReply(200, text);
}

export function getUsageCsv(deps: UsageDeps, realmId: string, q: QueryValues): Reply {
  const query = usageQueryFrom(q, [realmId]);
  const total = deps.pager.total(query);
  // Decision: past the cap the API answers 400 rather than a silently cut CSV, because a
  // spreadsheet that looks complete but is not is worse than an error that says what to do.
  if (total > CSV_MAX_RECORDS) {
    const message = `The query matches ${total} records; a CSV holds at most ${CSV_MAX_RECORDS}. Narrow the date range or add filters, or use the paged JSON or a report.`;
    throw new HttpError(400, message, {
      code: 'E_TOO_MANY_RECORDS',
      fields: [{ name: 'endDate', message: `the range matches ${total} records, more than ${CSV_MAX_RECORDS}; narrow it` }],
    });
  }
  const layout = csvLayout({ orgName: false, fields: usageFieldsFrom(q), timed: query.detailLevel !== 'summarized' });
  return { status: 200, body: { type: 'csv', chunks: csvChunks(layout, recordChunks(deps.dataset, query), CSV_MAX_RECORDS) } };
}
