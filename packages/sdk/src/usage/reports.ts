// client.reports: create, list, status, wait, and stream the output.
import { DeadlineExceeded } from '../core/abort.js';
import { httpUrl } from '../core/validation.js';
import { createApiError, ValidationError } from '../core/errors.js';
import { LazyList } from '../core/lazy-list.js';
import { pollUntil, type PollOptions } from '../core/poll.js';
import { jsonBody } from '../core/transport.js';
import type { components } from '../generated/usage-v2.gen.js';
import { callUsage, type UsageContext } from './context.js';
import { pagedList } from './paging.js';
import { buildRequest } from './params.js';
import { toReport } from './records.js';
import type { CallOptions, Page, Report, ReportCreateParams, ReportRef, UsageCsvRow, WalkOptions } from './types.js';

type Schemas = components['schemas'];

export interface ReportListParams {
  realmId: string;
  limit?: number;
  offset?: number;
  sort?: 'asc' | 'desc';
}

export type ReportWaitOptions = PollOptions<Report>;

export interface ReportCalls {
  /** Starts a report; it is `inProgress` until `waitUntilDone` sees it completed. Not retried unless it surely was not received. */
  create(params: ReportCreateParams, options?: CallOptions): Promise<ReportRef>;
  /** One page of the realm's reports, newest first unless `sort: 'asc'`. */
  list(params: ReportListParams, options?: CallOptions): Promise<Page<Report>>;
  /** Every report of the realm, in server order. */
  all(params: Omit<ReportListParams, 'offset' | 'limit'>, options?: WalkOptions): LazyList<Report>;
  /** One report's status. */
  get(params: { realmId: string; reportId: string }, options?: CallOptions): Promise<Report>;
  /** Polls until the report is completed; rejects with ReportFailedError, TimeoutError or AbortedError. */
  waitUntilDone(ref: { realmId: string; id: string } | { realmId: string; reportId: string }, options?: ReportWaitOptions): Promise<Report>;
  /** The rows of a completed report's CSV, streamed and typed. Takes the report or its `resultHref`. */
  download(report: Report | string, options?: CallOptions): LazyList<UsageCsvRow>;
}

export function createReportCalls(context: UsageContext): ReportCalls {
  const { transport } = context;

  async function get(params: { realmId: string; reportId: string }, options: CallOptions = {}): Promise<Report> {
    const response = await callUsage(context, 'get', '/usage/realms/{realmId}/reports/{reportId}', 'getUsageReport', params, options);
    return context.read('getUsageReport', response, () => toReport(jsonBody<Schemas['Report']>(response), params.realmId, response.headers.get('x-correlation-id') ?? undefined));
  }

  async function list(params: ReportListParams, options: CallOptions & { page?: number } = {}): Promise<Page<Report>> {
    const response = await callUsage(context, 'get', '/usage/realms/{realmId}/reports', 'listUsageReports', params, options);
    const body = jsonBody<Schemas['ReportPage']>(response);
    const correlationId = response.headers.get('x-correlation-id') ?? undefined;
    return context.read('listUsageReports', response, () => ({ ...body, items: body.items.map((item) => toReport(item, params.realmId)), correlationId }), options.page);
  }

  /** The absolute URL of a report's output; relative links resolve against the API's base URL. */
  function outputUrl(report: Report | string): string {
    const href = typeof report === 'string' ? report : report.resultHref;
    if (typeof report !== 'string' && (report.status !== 'completed' || !href)) {
      throw new ValidationError('download', [{ field: 'report', message: `Report ${report.id} is ${report.status}, so it has no output yet: wait with reports.waitUntilDone first.` }]);
    }
    const base = new URL(`${transport.baseUrl}/`);
    const basePath = base.pathname.replace(/\/$/, '');
    // A path of the API ("/usage/...") resolves under the base URL's /v2, not the host's root.
    const underBase = typeof href === 'string' && href.startsWith('/') && !href.startsWith('//') && !href.startsWith(`${basePath}/`);
    const url = httpUrl(underBase ? `${transport.baseUrl}${href}` : href, base);
    if (url === undefined) {
      throw new ValidationError('download', [{ field: 'resultHref', message: `The report link must be an http(s) URL or a path of the API (got ${JSON.stringify(String(href).slice(0, 80))}).` }]);
    }
    return url.toString();
  }

  return {
    async create(params, options = {}) {
      const response = await callUsage(context, 'post', '/usage/realms/{realmId}/reports', 'createUsageReport', params, options);
      const created = jsonBody<Schemas['ReportCreated']>(response);
      const ref: ReportRef = { realmId: params.realmId, id: created.id, status: created.status };
      const location = response.headers.get('location');
      if (location) ref.statusUrl = location;
      const correlationId = response.headers.get('x-correlation-id');
      if (correlationId) ref.correlationId = correlationId;
      return ref;
    },
    list: (params, options) => list(params, options),
    all: (params, options) => pagedList(transport.api, 'listUsageReports', list, params, options),
    get,
    async waitUntilDone(ref, options = {}) {
      const reportId = 'id' in ref ? ref.id : ref.reportId;
      buildRequest('getUsageReport', { realmId: ref.realmId, reportId });
      const fail = (kind: 'report_failed' | 'timeout' | 'aborted', reason: string, report?: Report) =>
        createApiError({ kind, api: transport.api, operation: 'waitUntilDone', reason, correlationId: report?.correlationId });
      let last: Report | undefined;
      let report: Report;
      try {
        report = await pollUntil(
          async (signal) => (last = await get({ realmId: ref.realmId, reportId }, { signal })),
          (r) => r.status !== 'inProgress',
          options,
        );
      } catch (error) {
        if (error instanceof DeadlineExceeded) throw fail('timeout', `report ${reportId} was still ${last?.status ?? 'unknown'} after ${error.ms} ms. It may still complete: wait again later.`, last);
        if (options.signal?.aborted && !(error instanceof Error && 'kind' in error)) throw fail('aborted', `waiting for report ${reportId} was cancelled.`, last);
        throw error;
      }
      if (report.status === 'failed') throw fail('report_failed', `report ${reportId} failed${report.failureReason ? `: ${report.failureReason}` : ' (the server gave no reason)'}.`, report);
      return report;
    },
    download(report, options = {}) {
      const url = outputUrl(report);
      return LazyList.ofBatches(async function* () {
        // The CSV reader comes on the first download, not with the client: a bundler then keeps it
        // out of an app's first load (most screens never download a report).
        const [{ csvRowBatches }, { csvRowReader }] = await Promise.all([import('../core/csv-download.js'), import('./report-rows.js')]);
        const response = await transport.send({ method: 'GET', url, headers: { accept: 'text/csv' } }, {
          operation: 'getUsageReportOutput',
          idempotent: true,
          expect: 'stream',
          signal: options.signal,
          requestId: options.requestId,
        });
        yield* csvRowBatches({ api: transport.api, operation: 'getUsageReportOutput', response, rowReader: csvRowReader, signal: options.signal });
      });
    },
  };
}
