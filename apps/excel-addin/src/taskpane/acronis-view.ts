// The Acronis section of Get data: the tenant (from tenants.list()), create a saved report for a period and
// level and watch it to `saved`, the tenant's reports with Insert and Delete (asks first).

import type { AcronisKind, AcronisLevel, AcronisReport, AcronisTenant } from '@meterbook/sdk/acronis';
import { periodWords } from '@meterbook/table-model';
import { acronisPeriod, createAcronisReport, deleteAcronisReport, insertAcronisReport, listAcronisReports, waitForAcronisReport, type AcronisDeps } from '../flows/acronis-report.js';
import { presetRange, type RangePreset } from '../flows/dates.js';
import type { Activity } from './activity.js';
import { byId, clear, el, fmtInt, input } from './dom.js';

const select = (id: string): HTMLSelectElement => byId<HTMLSelectElement>(id);
const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** An Acronis period (both days included, yyyy-mm-dd) in the words of the captions: `12 Nov 2026 – 2 Dec 2026`. */
const acronisPeriodWords = (start: string, end: string): string => {
  const from = Date.parse(`${start}T00:00:00Z`);
  const to = Date.parse(`${end}T00:00:00Z`);
  return Number.isNaN(from) || Number.isNaN(to) ? `${start} to ${end}` : periodWords(new Date(from), new Date(to + 86_400_000));
};
/** A report's kind or level in the words its form option uses (the API's name when no option has it). */
const optionWords = (id: string, value: string): string => [...select(id).options].find((o) => o.value === value)?.text ?? value;

export class AcronisView {
  private tenants: AcronisTenant[] = [];
  /** Told the tenant's name whenever the choice changes (for the connection line). */
  onTenant: (name: string) => void = () => undefined;

  constructor(private readonly deps: () => AcronisDeps | undefined, private readonly activity: Activity, private readonly after: () => void) {
    select('acronis-preset').addEventListener('change', () => this.applyPreset());
    for (const id of ['acronis-from', 'acronis-to']) input(id).addEventListener('input', () => { select('acronis-preset').value = 'custom'; });
    this.applyPreset();
    select('acronis-kind').addEventListener('change', () => this.showPeriod());
    select('acronis-tenant').addEventListener('change', () => { byId('acronis-table').hidden = true; this.onTenant(this.tenant()?.name ?? ''); });
    byId('acronis-form').addEventListener('submit', (ev) => { ev.preventDefault(); void this.create(); });
    byId('acronis-reload').addEventListener('click', () => void this.load());
  }

  /** A preset fills the two dates (the end day included); typing a date makes it Custom. */
  private applyPreset(): void {
    const preset = select('acronis-preset').value as RangePreset;
    if (preset === 'custom') return;
    const range = presetRange(preset, new Date());
    input('acronis-from').value = range.startDate.slice(0, 10);
    input('acronis-to').value = utcDay(Date.parse(`${range.endDate}Z`) - 86_400_000);
  }

  private showPeriod(): void {
    const current = select('acronis-kind').value === 'usage_current';
    byId('acronis-period').hidden = current;
    byId('acronis-period-hint').textContent = current ? 'Current usage is month to date: it takes no period.' : 'Up to today (UTC); a later end is moved to today.';
  }

  /** After connecting: the tenants this API client sees (its own first). */
  async connected(): Promise<void> {
    const d = this.deps();
    if (!d) return;
    const tenants = await this.activity.run('Loading tenants', (signal) => d.acronis.tenants.list({}, { signal }).toArray());
    if (!tenants) return;
    this.tenants = tenants;
    const box = select('acronis-tenant');
    clear(box);
    for (const t of tenants) box.append(el('option', { value: t.id }, `${t.name} (${t.kind})`));
    this.onTenant(this.tenant()?.name ?? '');
    this.activity.say(`Connected to Acronis: ${fmtInt(tenants.length)} tenants.`, 'ok');
  }

  private tenant(): { id: string; name: string } | undefined {
    const id = select('acronis-tenant').value;
    const t = this.tenants.find((x) => x.id === id);
    return t ? { id: t.id, name: t.name } : undefined;
  }

  private ready(): { d: AcronisDeps; tenant: { id: string; name: string } } | undefined {
    const d = this.deps();
    const tenant = this.tenant();
    if (!d) { this.activity.say('Connect to Acronis first.', 'error'); return undefined; }
    if (!tenant) { this.activity.say('Pick a tenant first.', 'error'); return undefined; }
    return { d, tenant };
  }

  private async create(): Promise<void> {
    const r = this.ready();
    if (!r) return;
    const request = {
      tenantId: r.tenant.id, tenantName: r.tenant.name,
      kind: select('acronis-kind').value as AcronisKind, level: select('acronis-level').value as AcronisLevel,
      start: input('acronis-from').value, end: input('acronis-to').value,
    };
    const now = new Date();
    const report = await this.activity.run('Creating the Acronis report', async (signal, progress) => {
      // Show the period that is really asked for: an end after today is moved to today.
      const { period, capped } = acronisPeriod(request.kind, request.start, request.end, now);
      if (capped && period) input('acronis-to').value = period.end;
      const created = await createAcronisReport(r.d.acronis, request, now, signal);
      progress(`Report ${created.id} is being generated…`);
      await waitForAcronisReport(r.d.acronis, created, { signal, onProgress: progress });
      return created;
    });
    if (report) this.activity.say(`Report ${report.id} is saved. Use Insert in the list to write it into the workbook.`, 'ok');
    await this.activity.keepingMessage(() => this.load());
  }

  async load(): Promise<void> {
    const r = this.ready();
    if (!r) return;
    const reports = await this.activity.run('Loading reports', (signal) => listAcronisReports(r.d.acronis, r.tenant.id, signal));
    if (!reports) return;
    const body = byId('acronis-table').querySelector('tbody');
    if (!body) return;
    clear(body);
    // Newest first: the API lists them oldest first.
    for (const report of [...reports].reverse()) body.append(this.row(report, r.tenant.name));
    byId('acronis-table').hidden = false;
    if (reports.length === 0) this.activity.say('This tenant has no reports yet.');
  }

  private row(r: AcronisReport, tenantName: string): HTMLTableRowElement {
    const p = r.parameters;
    const period = p.period ? acronisPeriodWords(p.period.start, p.period.end) : p.kind === 'usage_current' ? 'month to date' : 'previous month';
    const schedule = `${r.schedule.type}${r.schedule.enabled === false ? ' (disabled)' : ''}`;
    const actions = el('td', { 'data-label': '' });
    this.showActions(actions, r, tenantName);
    const td = (label: string, text: string) => el('td', { 'data-label': label }, text);
    return el('tr', { 'data-acronis-report': r.id },
      td('Report', r.id), td('Kind', optionWords('acronis-kind', p.kind)), td('Level', optionWords('acronis-level', p.level)), td('Period', period), td('Schedule', schedule),
      td('Version', String(r.version)), td('Generated', r.generation_date ?? ''), actions);
  }

  private showActions(cell: HTMLElement, r: AcronisReport, tenantName: string): void {
    clear(cell);
    if (r.result_action === 'save') {
      const insert = el('button', { type: 'button', 'aria-label': `Insert report ${r.id}`, 'data-insert': r.id }, 'Insert');
      insert.addEventListener('click', () => void this.insert(r, tenantName));
      cell.append(insert);
    } else {
      cell.append(el('span', {}, 'E-mailed, not saved'));
    }
    const del = el('button', { type: 'button', 'aria-label': `Delete report ${r.id}`, 'data-delete': r.id }, 'Delete');
    del.addEventListener('click', () => this.confirmDelete(cell, r, tenantName));
    cell.append(del);
  }

  /** Asks in place (Office add-ins cannot use window.confirm); focus goes to the safe choice. */
  private confirmDelete(cell: HTMLElement, r: AcronisReport, tenantName: string): void {
    clear(cell);
    const question = el('span', { id: `ask-${r.id}` }, `Delete report ${r.id} (version ${r.version}) from Acronis?`);
    const yes = el('button', { type: 'button', 'data-confirm-delete': r.id, 'aria-describedby': `ask-${r.id}` }, 'Delete');
    const no = el('button', { type: 'button', 'aria-describedby': `ask-${r.id}` }, 'Keep');
    yes.addEventListener('click', () => void this.delete(r));
    no.addEventListener('click', () => { this.showActions(cell, r, tenantName); cell.querySelector<HTMLButtonElement>('[data-delete]')?.focus(); });
    cell.append(el('span', { role: 'group', 'aria-label': 'Confirm delete' }, question, yes, no));
    no.focus();
  }

  private async delete(r: AcronisReport): Promise<void> {
    const d = this.deps();
    if (!d) return;
    const done = await this.activity.run(`Deleting report ${r.id}`, async (signal) => { await deleteAcronisReport(d.acronis, r, signal); return true; });
    if (done) this.activity.say(`Deleted report ${r.id}.`, 'ok');
    await this.activity.keepingMessage(() => this.load());
  }

  private async insert(r: AcronisReport, tenantName: string): Promise<void> {
    const d = this.deps();
    if (!d) return;
    const meta = await this.activity.run(`Downloading report ${r.id}`, (signal, progress) => insertAcronisReport(d, r, tenantName, { signal, onProgress: progress }));
    if (meta) { this.activity.say(`Inserted Acronis report ${r.id}: ${fmtInt(meta.rows)} rows as ${meta.tableName} on ${meta.sheetName}.`, 'ok'); this.after(); }
  }
}
