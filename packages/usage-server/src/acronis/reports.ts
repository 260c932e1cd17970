// The Acronis reports: an in-memory store of reports and their stored outputs. A saved report's
// outputs are `in_progress` until the configured delay has passed and their gzip size is known,
// then `saved`; reports on the failure-trigger customer end `failed`.
import { randomUUID } from 'node:crypto';
import { contentTypeOf, gzipSize, outputChunks, type OutputContext } from './outputs.js';
import { seededUuid } from './tenants.js';

export interface ReportParameters {
  tenant_id: string;
  level: string;
  kind: string;
  formats?: string[];
  period?: { start: string; end: string };
  hide_zero_usage?: boolean;
  show_skus?: boolean;
}

export interface ReportBody {
  recipients: string[];
  result_action: 'save' | 'send';
  parameters: ReportParameters;
  schedule: { type: 'once' | 'monthly'; enabled?: boolean };
  generation_date?: string;
}

export interface AcronisReport extends ReportBody {
  id: string;
  version: number;
  schedule: { type: 'once' | 'monthly'; enabled: boolean };
}

export type StoredStatus = 'in_progress' | 'saved' | 'failed';

export interface StoredOutput {
  id: string;
  format: string;
  createdMs: number;
  size?: number;
  failed: boolean;
}

export interface ReportEntry {
  report: AcronisReport;
  stored: StoredOutput[];
  /** Exact rows of the outputs (test-mode `acronis-rows=`), else the server's default. */
  rows?: number;
  /** `yyyy-mm-dd` (UTC) of creation: outputs without a period are computed from it. */
  today: string;
}

/** Formats of a saved report that names none. **Inferred:** the machine format. */
export const DEFAULT_FORMATS = ['csv_v2_0'];

export class AcronisReportStore {
  private readonly entries = new Map<string, ReportEntry>();
  private closed = false;

  constructor(
    private readonly ctx: OutputContext,
    private readonly delayMs: number,
    private readonly failingTenantId: string,
    today: string,
  ) {
    this.seedHistory(today);
  }

  create(body: ReportBody, today: string, rows?: number, id: string = randomUUID(), backdateMs = 0): ReportEntry {
    const report: AcronisReport = {
      id, version: 1, result_action: body.result_action, recipients: [...body.recipients],
      parameters: structuredClone(body.parameters),
      schedule: { type: body.schedule.type, enabled: body.schedule.enabled ?? true },
      generation_date: body.generation_date ?? today,
    };
    const entry: ReportEntry = { report, stored: [], today, ...(rows !== undefined ? { rows } : {}) };
    if (report.result_action === 'save') {
      const failed = report.parameters.tenant_id === this.failingTenantId;
      const createdMs = Date.now() - backdateMs;
      for (const format of report.parameters.formats ?? DEFAULT_FORMATS) {
        const stored: StoredOutput = { id: randomUUID(), format, createdMs, failed };
        entry.stored.push(stored);
        if (!failed) void this.measure(entry, stored);
      }
    }
    this.entries.set(id, entry);
    return entry;
  }

  get(id: string): ReportEntry | undefined {
    return this.entries.get(id);
  }

  /** Replaces a report's settings (not its stored outputs) and bumps its version. */
  update(entry: ReportEntry, body: ReportBody): AcronisReport {
    const r = entry.report;
    r.recipients = [...body.recipients];
    r.result_action = body.result_action;
    r.parameters = structuredClone(body.parameters);
    r.schedule = { type: body.schedule.type, enabled: body.schedule.enabled ?? true };
    if (body.generation_date) r.generation_date = body.generation_date;
    r.version++;
    return r;
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  /** Ids of the reports on a tenant, oldest first. */
  idsOf(tenantId: string): string[] {
    return [...this.entries.values()].filter((e) => e.report.parameters.tenant_id === tenantId).map((e) => e.report.id);
  }

  status(stored: StoredOutput): StoredStatus {
    if (Date.now() - stored.createdMs < this.delayMs) return 'in_progress';
    if (stored.failed) return 'failed';
    return stored.size === undefined ? 'in_progress' : 'saved';
  }

  view(stored: StoredOutput): { id: string; report_format: string; created_at: string; size: number; status: StoredStatus } {
    const status = this.status(stored);
    return {
      id: stored.id, report_format: stored.format, created_at: new Date(stored.createdMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      size: status === 'saved' ? stored.size ?? 0 : 0, status,
    };
  }

  chunks(entry: ReportEntry, stored: StoredOutput): Iterable<string> {
    return outputChunks(this.ctx, entry.report, stored.format, entry.today, entry.rows);
  }

  contentType(stored: StoredOutput): string {
    return contentTypeOf(stored.format);
  }

  close(): void {
    this.closed = true;
  }

  private async measure(entry: ReportEntry, stored: StoredOutput): Promise<void> {
    // Wait a tick so the creating request is answered first.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const gone = () => this.closed || !this.entries.has(entry.report.id);
    try {
      const size = await gzipSize(this.chunks(entry, stored), gone);
      if (!gone()) stored.size = size;
    } catch {
      stored.failed = true;
    }
  }

  /** A monthly scheduled report of the partner, already saved, and an e-mailed one of a customer. */
  private seedHistory(today: string): void {
    const seed = this.ctx.seed;
    const partner = this.ctx.tree.partner.id;
    const firstCustomer = this.ctx.tree.childrenOf(partner).find((t) => t.kind === 'customer');
    this.create({
      recipients: [], result_action: 'save', schedule: { type: 'monthly', enabled: true },
      parameters: { tenant_id: partner, level: 'all_customers', kind: 'usage_summary', formats: ['csv_v2_0', 'json_v2_0'], hide_zero_usage: false },
    }, today, undefined, seededUuid(seed, 'report/monthly'), 86_400_000);
    if (firstCustomer) {
      this.create({
        recipients: [seededUuid(seed, 'user/billing')], result_action: 'send', schedule: { type: 'once', enabled: true },
        parameters: { tenant_id: firstCustomer.id, level: 'itself', kind: 'usage_daily', formats: ['csv', 'html'] },
      }, today, undefined, seededUuid(seed, 'report/once'), 86_400_000);
    }
  }
}
