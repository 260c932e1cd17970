// client.reports for Acronis: create, fetch, list a tenant's, update, delete (with version),
// wait until an output is saved, and stream its rows.
import { type ApiContext } from '../core/api-context.js';
import { DeadlineExceeded } from '../core/abort.js';
import { ApiError, createApiError, ValidationError } from '../core/errors.js';
import { LazyList } from '../core/lazy-list.js';
import { mapInOrder } from '../core/ordered-pool.js';
import { jsonBody, type CallContext } from '../core/transport.js';
import { pollUntil, type PollOptions } from '../core/poll.js';
import { check } from './check.js';
import type { paths } from '../generated/acronis-account-v2.gen.js';
import type { AcronisFormat, AcronisReport, AcronisReportCreateParams, AcronisReportRequest, AcronisStoredReport, AcronisUsageRow } from './types.js';

type CallOptions = { signal?: AbortSignal };
type Context = ApiContext<paths>;

export interface AcronisReportCalls {
  /** Creates a report; defaults: `result_action: save`, `formats: ['csv_v2_0']`, `schedule: { type: 'once' }`, no recipients. */
  create(params: AcronisReportCreateParams, options?: CallOptions): Promise<AcronisReport>;
  /** One report, with its current `version`. */
  get(reportId: string, options?: CallOptions): Promise<AcronisReport>;
  /** Every report of a tenant: its ids, then each report fetched (4 at a time), in the tenant's order. */
  list(tenantId: string, options?: CallOptions & { concurrency?: number }): LazyList<AcronisReport>;
  /** Changes a scheduled report; the answer carries the new version. */
  update(report: AcronisReport, changes: Partial<Pick<AcronisReportRequest, 'recipients' | 'schedule' | 'parameters' | 'result_action'>>, options?: CallOptions): Promise<AcronisReport>;
  /** Deletes a report at its version; a stale version is a ConflictError. */
  delete(report: Pick<AcronisReport, 'id' | 'version'>, options?: CallOptions): Promise<void>;
  /** The report's stored outputs, one per format. */
  stored(reportId: string, options?: CallOptions): Promise<AcronisStoredReport[]>;
  /** Polls the stored outputs (every 1.5 s by default) until `format` is saved; rejects when it failed. */
  waitUntilSaved(report: Pick<AcronisReport, 'id'>, format?: AcronisFormat, options?: PollOptions<AcronisStoredReport | undefined>): Promise<AcronisStoredReport>;
  /** The rows of a saved CSV output, gunzipped and parsed as they stream. */
  download(report: Pick<AcronisReport, 'id'>, format?: AcronisFormat, options?: CallOptions): LazyList<AcronisUsageRow>;
}

const csvFormats: readonly AcronisFormat[] = ['csv_v2_0', 'csv'];

export function createAcronisReportCalls(context: Context): AcronisReportCalls {
  const { transport } = context;
  // What the transport is told of one call (its context).
  const about = (operation: string, idempotent: boolean, options: CallOptions = {}, expect: 'json' | 'stream' = 'json'): CallContext => ({ operation, idempotent, expect, signal: options.signal });

  async function get(reportId: string, options: CallOptions = {}): Promise<AcronisReport> {
    check('getReport', { path: { report_id: reportId } });
    const response = await context.call('get', '/reports/{report_id}', { params: { path: { report_id: reportId } } }, about('getReport', true, options));
    return jsonBody<AcronisReport>(response);
  }

  async function stored(reportId: string, options: CallOptions = {}): Promise<AcronisStoredReport[]> {
    check('listStoredReports', { path: { report_id: reportId } });
    const response = await context.call('get', '/reports/{report_id}/stored', { params: { path: { report_id: reportId } } }, about('listStoredReports', true, options));
    return jsonBody<{ items: AcronisStoredReport[] }>(response).items;
  }

  const failure = (kind: 'report_failed' | 'timeout' | 'aborted', operation: string, reason: string): ApiError => createApiError({ kind, api: transport.api, operation, reason });

  return {
    async create(params, options = {}) {
      const body: AcronisReportRequest = {
        recipients: params.recipients ?? [],
        result_action: params.resultAction ?? 'save',
        parameters: {
          tenant_id: params.tenantId,
          level: params.level,
          kind: params.kind,
          formats: params.formats ?? ['csv_v2_0'],
          ...(params.period === undefined ? {} : { period: params.period }),
          ...(params.hideZeroUsage === undefined ? {} : { hide_zero_usage: params.hideZeroUsage }),
          ...(params.showSkus === undefined ? {} : { show_skus: params.showSkus }),
        },
        schedule: params.schedule ?? { type: 'once' },
      };
      check('createReport', { body });
      // Not retried: a second try could create a second report.
      const response = await context.call('post', '/reports', { body }, about('createReport', false, options));
      return jsonBody<AcronisReport>(response);
    },
    get,
    list(tenantId, options = {}) {
      check('listTenantReports', { path: { tenant_id: tenantId } });
      return new LazyList(async function* () {
        const response = await context.call('get', '/tenants/{tenant_id}/reports', { params: { path: { tenant_id: tenantId } } }, about('listTenantReports', true, options));
        const ids = jsonBody<{ items: string[] }>(response).items;
        yield* mapInOrder(ids, options.concurrency ?? 4, (id) => get(id, options));
      });
    },
    async update(report, changes, options = {}) {
      const body: AcronisReportRequest = {
        recipients: changes.recipients ?? report.recipients,
        result_action: changes.result_action ?? report.result_action,
        parameters: changes.parameters ?? report.parameters,
        schedule: changes.schedule ?? report.schedule,
      };
      check('updateReport', { path: { report_id: report.id }, body });
      const response = await context.call('put', '/reports/{report_id}', { params: { path: { report_id: report.id } }, body }, about('updateReport', true, options));
      return jsonBody<AcronisReport>(response);
    },
    async delete(report, options = {}) {
      check('deleteReport', { path: { report_id: report.id }, query: { version: report.version } });
      try {
        await context.call('delete', '/reports/{report_id}', { params: { path: { report_id: report.id }, query: { version: report.version } } }, about('deleteReport', false, options));
      } catch (error) {
        // Acronis says "Version mismatch" with its code 1001; whatever the status, it is a conflict.
        if (error instanceof ApiError && error.code === '1001' && error.kind !== 'conflict') {
          throw createApiError({ ...error, kind: 'conflict', reason: `report ${report.id} changed since version ${report.version} was read: fetch it again, then delete.`, cause: error });
        }
        throw error;
      }
    },
    stored,
    async waitUntilSaved(report, format = 'csv_v2_0', options = {}) {
      check('listStoredReports', { path: { report_id: report.id } });
      try {
        const item = await pollUntil(
          async (signal) => (await stored(report.id, { signal })).find((s) => s.report_format === format),
          (s) => s !== undefined && s.status !== 'in_progress',
          { intervalMs: 1_500, maxIntervalMs: 5_000, ...options },
        );
        if (item?.status === 'failed') throw failure('report_failed', 'waitUntilSaved', `the ${format} output of report ${report.id} failed to generate.`);
        return item as AcronisStoredReport;
      } catch (error) {
        if (error instanceof DeadlineExceeded) throw failure('timeout', 'waitUntilSaved', `the ${format} output of report ${report.id} was not saved within ${error.ms} ms.`);
        if (options.signal?.aborted && !(error instanceof ApiError)) throw failure('aborted', 'waitUntilSaved', `waiting for report ${report.id} was cancelled.`);
        throw error;
      }
    },
    download(report, format = 'csv_v2_0', options = {}) {
      if (!csvFormats.includes(format)) {
        throw new ValidationError('download', [{ field: 'format', message: `Rows can be read from csv_v2_0 or csv outputs, not ${format}.` }]);
      }
      check('listStoredReports', { path: { report_id: report.id } });
      return LazyList.ofBatches(async function* () {
        // The CSV reader and gunzip come on the first download, not with the client (as for the Usage API's reports).
        const [{ csvRowBatches }, { gunzipIfCompressed }, { rowReader }] = await Promise.all([import('../core/csv-download.js'), import('../core/gzip.js'), import('./rows.js')]);
        const item = (await stored(report.id, options)).find((s) => s.report_format === format && s.status === 'saved');
        if (item === undefined) throw new ValidationError('download', [{ field: 'format', message: `Report ${report.id} has no saved ${format} output yet: wait with reports.waitUntilSaved first.` }]);
        const response = await context.call('get', '/reports/{report_id}/stored/{stored_id}', { params: { path: { report_id: report.id, stored_id: item.id } } }, about('downloadStoredReport', true, options, 'stream'));
        yield* csvRowBatches({ api: transport.api, operation: 'downloadStoredReport', response, rowReader, signal: options.signal, unpack: gunzipIfCompressed });
      });
    },
  };
}
