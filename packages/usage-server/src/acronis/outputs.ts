// What a report's stored output holds: the rows of its tenants and period, in its format, as text
// chunks, and the gzip size of those chunks (measured in the background with node:zlib).
import { createGzip } from 'node:zlib';
import type { AcronisReport } from './reports.js';
import type { TenantTree } from './tenants.js';
import { csvChunks, dayNumber, dayText, htmlChunks, jsonChunks, usageRows, type OutputSpec } from './usage.js';

export interface OutputContext {
  tree: TenantTree;
  seed: number;
  /** Default exact row count of every output (benchmarks), when set. */
  rows?: number;
}

/** The days a report covers: its period, else month-to-date (current usage) or the previous month. */
export function reportDays(report: AcronisReport, today: string): { startDay: number; endDay: number } {
  const period = report.parameters.period;
  if (period && report.parameters.kind !== 'usage_current') return { startDay: dayNumber(period.start), endDay: dayNumber(period.end) };
  const genDay = dayNumber(report.generation_date ?? today);
  const gen = dayText(genDay);
  const firstOfMonth = dayNumber(`${gen.slice(0, 8)}01`);
  if (report.parameters.kind === 'usage_current') return { startDay: firstOfMonth, endDay: genDay };
  const lastMonthEnd = firstOfMonth - 1;
  return { startDay: dayNumber(`${dayText(lastMonthEnd).slice(0, 8)}01`), endDay: lastMonthEnd };
}

export function outputSpec(ctx: OutputContext, report: AcronisReport, today: string, rows?: number): OutputSpec {
  const days = reportDays(report, today);
  const target = rows ?? ctx.rows;
  return {
    seed: ctx.seed, kind: report.parameters.kind, ...days,
    hideZero: report.parameters.hide_zero_usage === true, showSkus: report.parameters.show_skus === true,
    ...(target !== undefined ? { rows: target } : {}),
    ownerId: ctx.tree.partner.id,
  };
}

/** The output's text, chunk by chunk. */
export function outputChunks(ctx: OutputContext, report: AcronisReport, format: string, today: string, rows?: number): Iterable<string> {
  const spec = outputSpec(ctx, report, today, rows);
  const tenants = ctx.tree.forLevel(report.parameters.tenant_id, report.parameters.level);
  const data = usageRows(spec, tenants, report.parameters.tenant_id);
  if (format === 'html') return htmlChunks(spec, data);
  if (format === 'json_v1' || format === 'json_v2_0') {
    const params = { ...report.parameters, period: { start: dayText(spec.startDay), end: dayText(spec.endDay) }, report_id: report.id };
    return jsonChunks(spec, params, data);
  }
  return csvChunks(spec, data);
}

export const contentTypeOf = (format: string): string =>
  format === 'html' ? 'text/html; charset=utf-8' : format.startsWith('json') ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8';

export const fileNameOf = (format: string): string =>
  `report.${format === 'html' ? 'html' : format.startsWith('json') ? 'json' : 'csv'}`;

/** Gzip bytes of the chunks, counted without keeping them; stops early when `cancelled()`. */
export async function gzipSize(chunks: Iterable<string>, cancelled: () => boolean): Promise<number> {
  const gzip = createGzip();
  let size = 0;
  gzip.on('data', (b: Buffer) => {
    size += b.length;
  });
  const ended = new Promise<void>((resolve, reject) => {
    gzip.once('end', resolve);
    gzip.once('error', reject);
  });
  for (const chunk of chunks) {
    if (cancelled()) {
      gzip.destroy();
      return 0;
    }
    if (!gzip.write(chunk)) await new Promise<void>((resolve) => gzip.once('drain', resolve));
    // Row generation is CPU work: let requests through between chunks.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  gzip.end();
  await ended;
  return size;
}
