// The "Workbook settings" disclosure at the foot of the Tables tab: refresh when the workbook
// opens (with what the last opening did), the month the fiscal year starts, and the settle period.
// Each change is saved in the workbook at once; a bad value is refused beside its field.

import { FIRST_OPENING_NOTE, onWorkbookOpen, setRefreshOnOpen, type OpenRefreshRecord, type SetStartup } from '../flows/refresh-on-open.js';
import type { RefreshAllDeps } from '../flows/refresh-all.js';
import {
  DEFAULT_SETTLE_DAYS, MAX_SETTLE_DAYS, MONTH_NAMES,
  getFiscalYearStartMonth, getRefreshOnOpen, getSettleDays, setFiscalYearStartMonth, setSettleDays, settleDaysProblem,
} from '../flows/workbook-settings.js';
import type { WorkbookSettings } from '../workbook/table-writer.js';
import type { Activity } from './activity.js';
import { byId, clear, el, fmtDate, fmtInt } from './dom.js';

export class WorkbookSettingsView {
  private readonly box: HTMLDetailsElement;
  private readonly toggle: HTMLInputElement;
  private readonly month: HTMLSelectElement;
  private readonly settle: HTMLInputElement;
  private readonly settleError: HTMLElement;
  private readonly saved: HTMLElement;
  private readonly lastOpen: HTMLElement;

  /** `startup` is Office's setter in the shared runtime, undefined in the preview. */
  constructor(private readonly settings: WorkbookSettings, private readonly startup: SetStartup | undefined, private readonly activity: Activity) {
    this.toggle = el('input', { id: 'refresh-on-open', type: 'checkbox', role: 'switch', 'aria-describedby': 'refresh-on-open-hint' });
    this.month = el('select', { id: 'fiscal-year-start' }, ...MONTH_NAMES.map((name, i) => el('option', { value: String(i + 1) }, name)));
    this.settle = el('input', { id: 'settle-days', type: 'number', min: '0', max: String(MAX_SETTLE_DAYS), step: '1', inputmode: 'numeric', 'aria-describedby': 'settle-days-hint settle-days-error' });
    this.settleError = el('p', { id: 'settle-days-error', class: 'field-error', hidden: '' });
    this.saved = el('p', { id: 'workbook-settings-saved', class: 'status', role: 'status' });
    this.lastOpen = el('div', { id: 'refresh-on-open-last', class: 'status', role: 'status' });
    const where = startup ? '' : ' In this preview, reloading the page counts as opening the workbook.';
    this.box = el('details', { id: 'workbook-settings' },
      el('summary', {}, 'Workbook settings'),
      el('p', { class: 'hint' }, 'Saved in this workbook, for everyone who opens it.'),
      el('label', { class: 'inline' }, this.toggle, 'Refresh when this workbook opens'),
      el('p', { id: 'refresh-on-open-hint', class: 'hint' }, `${FIRST_OPENING_NOTE} It uses the connection kept on this computer.${where}`),
      this.lastOpen,
      el('label', { for: 'fiscal-year-start' }, 'Fiscal year starts in'),
      this.month,
      el('label', { for: 'settle-days' }, 'Treat a month as closed after N days'),
      this.settle,
      el('p', { id: 'settle-days-hint', class: 'hint' }, `0 to ${MAX_SETTLE_DAYS}, default ${DEFAULT_SETTLE_DAYS}: history tables pull a month again until this many days after it ends.`),
      this.settleError,
      this.saved);
    byId('panel-tables').append(this.box);
    this.toggle.addEventListener('change', () => void this.saveToggle());
    this.month.addEventListener('change', () => void this.save(() => setFiscalYearStartMonth(settings, Number(this.month.value)), `The fiscal year starts in ${MONTH_NAMES[Number(this.month.value) - 1] ?? ''}.`));
    this.settle.addEventListener('change', () => void this.saveSettle());
    // No form here: Enter in the field saves it, as leaving the field does.
    this.settle.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') { ev.preventDefault(); void this.saveSettle(); } });
  }

  /** Shows what the workbook holds. */
  async load(): Promise<void> {
    const [on, month, days] = await Promise.all([getRefreshOnOpen(this.settings), getFiscalYearStartMonth(this.settings), getSettleDays(this.settings)]);
    this.toggle.checked = on;
    this.month.value = String(month);
    this.settle.value = String(days);
  }

  /** The on-open run (the workbook just opened): refreshes when the setting is on, then says how it went. */
  async runOnOpen(deps: RefreshAllDeps, afterRefresh: () => Promise<void>): Promise<void> {
    let finished = true;
    const record = await onWorkbookOpen({
      settings: this.settings,
      refresh: deps,
      describe: (e) => this.activity.describe(e).summary,
      run: async (task) => {
        const out = await this.activity.run('Refreshing the tables: the workbook opened', (signal, report) => task({ signal, onProgress: report }));
        finished = out !== undefined;
        return out;
      },
    });
    if (!record) return;
    this.showOpenResult(record);
    await afterRefresh();
    // A run that did not finish has already said why (Activity); the rest is said here.
    if (finished) this.activity.say(record.ok ? record.message : `${record.message} See Workbook settings in the Tables tab.`, record.ok ? 'ok' : 'warn');
  }

  showOpenResult(r: OpenRefreshRecord): void {
    clear(this.lastOpen);
    this.lastOpen.classList.toggle('failed', !r.ok);
    this.lastOpen.append(el('span', {}, `Last opening (${fmtDate(new Date(r.at))} UTC): ${r.message}`));
    if (r.failures.length) this.lastOpen.append(el('ul', {}, ...r.failures.map((f) => el('li', {}, el('strong', {}, f.tableName), `: ${f.message}`))));
    if (!r.ok) this.box.open = true;
  }

  private async saveToggle(): Promise<void> {
    const on = this.toggle.checked;
    const ok = await this.save(() => setRefreshOnOpen(this.settings, this.startup, on), on ? `Refresh on open is on. ${FIRST_OPENING_NOTE}` : 'Refresh on open is off.');
    if (!ok) this.toggle.checked = !on;
  }

  private async saveSettle(): Promise<void> {
    const problem = settleDaysProblem(this.settle.value);
    this.settle.setAttribute('aria-invalid', problem ? 'true' : 'false');
    this.settleError.hidden = !problem;
    this.settleError.textContent = problem ?? '';
    if (problem) { this.saved.textContent = ''; return; }
    const days = Number(this.settle.value.trim());
    await this.save(() => setSettleDays(this.settings, days), `A month counts as closed ${fmtInt(days)} day${days === 1 ? '' : 's'} after it ends.`);
  }

  private async save(write: () => Promise<void>, said: string): Promise<boolean> {
    try {
      await write();
      this.saved.textContent = `Saved in this workbook. ${said}`;
      return true;
    } catch (e) {
      this.saved.textContent = '';
      this.activity.say(this.activity.describe(e), 'error');
      return false;
    }
  }
}
