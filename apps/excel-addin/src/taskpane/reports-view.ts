// The Reports section: the realm's reports (paged, newest first), create one with the usage
// form's filters, poll it, and insert a completed one. Failed reports say why.

import type { Report } from '@meterbook/sdk';
import { periodWords } from '@meterbook/table-model';
import type { FlowDeps } from '../flows/pull.js';
import { createReport, insertReport, listReports, waitForReport } from '../flows/report.js';
import { splitList } from '../flows/usage-form.js';
import type { QueryParams } from '../workbook/query-store.js';
import type { Activity } from './activity.js';
import { byId, clear, el, fmtDate, fmtInt, input } from './dom.js';

type Deps = FlowDeps & { realmId: string };

export class ReportsView {
  private page = 0;
  private lastPage = 0;

  constructor(private readonly deps: () => Deps | undefined, private readonly activity: Activity, private readonly params: () => QueryParams | undefined, private readonly after: () => void) {
    byId('report-form').addEventListener('submit', (ev) => { ev.preventDefault(); const p = this.params(); if (p) void this.create(p); });
    byId('reports-reload').addEventListener('click', () => void this.load(0));
    byId('reports-prev').addEventListener('click', () => void this.load(this.page - 1));
    byId('reports-next').addEventListener('click', () => void this.load(this.page + 1));
  }

  async create(params: QueryParams): Promise<void> {
    const d = this.deps();
    if (!d) { this.activity.say('Connect first.', 'error'); return; }
    const report = await this.activity.run('Creating the report', async (signal, progress) => {
      const ref = await createReport(d.client, d.realmId, params, splitList(input('subaccounts').value), signal);
      progress(`Report ${ref.id} is being generated…`);
      return waitForReport(d.client, ref, { signal, onPoll: (r, n) => progress(`Report ${r.id}: ${r.status} (check ${n})`) });
    });
    if (report) this.activity.say(`Report ${report.id} is completed. Use Insert in the list to write it into the workbook.`, 'ok');
    await this.activity.keepingMessage(() => this.load(0));
  }

  async load(page: number): Promise<void> {
    const d = this.deps();
    if (!d) { this.activity.say('Connect first.', 'error'); return; }
    const result = await this.activity.run('Loading reports', (signal) => listReports(d.client, d.realmId, Math.max(0, page), signal));
    if (!result) return;
    this.page = Math.max(0, page);
    this.lastPage = result.lastOffset ?? (result.items.length < result.limit ? this.page : this.page + 1);
    // Shown only when there is a page to go to (a disabled Fluent button reads as low contrast).
    byId('reports-prev').hidden = this.page === 0;
    byId('reports-next').hidden = this.page >= this.lastPage || result.items.length === 0;
    const body = byId('report-table').querySelector('tbody');
    if (!body) return;
    clear(body);
    for (const r of result.items) body.append(this.row(r));
    byId('report-table').hidden = false;
    if (result.items.length === 0) this.activity.say('This realm has no reports yet.');
  }

  private row(r: Report): HTMLTableRowElement {
    const p = r.parameters;
    // The API's end is exclusive: said as the last day included, as the captions say it.
    const period = p?.startDate && p.endDate ? periodWords(p.startDate, p.endDate) : '';
    let action: Node | string = '';
    if (r.status === 'completed') {
      const b = el('button', { type: 'button', 'aria-label': `Insert report ${r.id}`, 'data-report': r.id }, 'Insert');
      b.addEventListener('click', () => void this.insert(r));
      action = b;
    } else if (r.status === 'failed') {
      action = r.failureReason ? `Failed: ${r.failureReason}` : 'Failed (no reason given)';
    }
    const td = (label: string, ...c: (Node | string)[]) => el('td', { 'data-label': label }, ...c);
    return el('tr', { 'data-report-row': r.id }, td('Report', r.id), td('Status', r.status), td('Created', fmtDate(r.created)), td('Period', period), td('Subaccounts', (p?.subAccounts ?? []).join(', ') || 'this org'), td('', action));
  }

  private async insert(r: Report): Promise<void> {
    const d = this.deps();
    if (!d) return;
    const meta = await this.activity.run(`Downloading report ${r.id}`, (signal, progress) => insertReport(d, d.realmId, r, { signal, onProgress: progress }));
    if (meta) { this.activity.say(`Inserted report ${r.id}: ${fmtInt(meta.rowCount)} rows as ${meta.tableName} on ${meta.sheetName}.`, 'ok'); this.after(); }
  }
}
