// The HERE usage section of Get data: range presets (each with its dates in words), filters,
// detail level, group by, fields, "Keep as a history", Insert.

import { apiDateTime } from '../flows/dates.js';
import { historyTakes, insertUsage, type FlowDeps } from '../flows/pull.js';
import { FORM_PRESETS, defaultPreset, formRange, historyByDefault, presetText, type FormPreset } from '../flows/range-presets.js';
import { withDayDetail } from '../flows/size.js';
import { toParams, type UsageFilterForm } from '../flows/usage-form.js';
import { FIELD_CHOICES, GROUP_BY_CHOICES, type Choice } from '@meterbook/table-model';
import { getFiscalYearStartMonth, getSettleDays } from '../flows/workbook-settings.js';
import type { QueryParams, StoredRangeRule } from '../workbook/query-store.js';
import type { WorkbookSettings } from '../workbook/table-writer.js';
import type { Activity } from './activity.js';
import { byId, clear, el, fmtInt, input } from './dom.js';


/** The form's values: the query parameters, and the rule when kept as a history. */
interface FormValues { params: QueryParams; history?: StoredRangeRule }

export class UsageView {
  private pending: FormValues | undefined;
  private fiscalYearStartMonth = 1;
  /** Set once the user ticks or unticks "Keep as a history": the default no longer follows the range. */
  private historyChosen = false;

  constructor(private readonly deps: () => (FlowDeps & { realmId: string }) | undefined, private readonly activity: Activity, private readonly after: () => void, private readonly toReport: (p: QueryParams) => void, private readonly settings?: WorkbookSettings) {
    // Labelled in the words the table's headers use (the table model's choices); the API's names stay the values.
    const boxes = (host: string, choices: readonly Choice[], group: string) => {
      for (const c of choices) byId(host).append(el('label', { class: 'inline' }, el('input', { type: 'checkbox', name: group, value: c.value }), c.label));
    };
    boxes('group-by', GROUP_BY_CHOICES, 'groupBy');
    boxes('fields', FIELD_CHOICES, 'usageFields');
    const today = apiDateTime(new Date()).slice(0, 10);
    input('to').value = today;
    input('from').value = apiDateTime(new Date(Date.now() - 29 * 86_400_000)).slice(0, 10);
    const preset = byId<HTMLSelectElement>('preset');
    preset.addEventListener('change', () => { byId('custom-range').hidden = preset.value !== 'custom'; this.showRange(); });
    // The fiscal year's first month may have changed in Workbook settings since the form was built.
    preset.addEventListener('focus', () => void this.loadPresets());
    for (const id of ['from', 'to', 'detail']) byId(id).addEventListener('change', () => this.showRange());
    byId('keep-history').addEventListener('change', () => { this.historyChosen = true; });
    void this.loadPresets(true);
    byId('usage-form').addEventListener('submit', (ev) => { ev.preventDefault(); void this.insert(false); });
    byId('insert-anyway').addEventListener('click', () => void this.insert(true, this.pending));
    byId('use-report').addEventListener('click', () => { byId('size-warning').hidden = true; if (this.pending) this.toReport(this.pending.params); });
    // Reports do not take hour detail: an hourly pull is offered the same range by day.
    byId('use-day-detail').addEventListener('click', () => {
      if (!this.pending) return;
      byId<HTMLSelectElement>('detail').value = 'day';
      void this.insert(false, { ...this.pending, params: withDayDetail(this.pending.params) });
    });
  }

  /** The preset options in words at this moment (the month so far, the fiscal year's first month). */
  private async loadPresets(first = false): Promise<void> {
    const now = new Date();
    const settle = this.settings ? await getSettleDays(this.settings).catch(() => 5) : 5;
    if (this.settings) this.fiscalYearStartMonth = await getFiscalYearStartMonth(this.settings).catch(() => 1);
    const select = byId<HTMLSelectElement>('preset');
    const chosen = first ? defaultPreset(now, settle) : (select.value as FormPreset);
    clear(select);
    for (const id of FORM_PRESETS) select.append(el('option', { value: id }, presetText(id, now, this.fiscalYearStartMonth)));
    select.value = chosen;
    byId('custom-range').hidden = chosen !== 'custom';
    this.showRange();
  }

  /** The chosen range at `now`, or why it cannot be used. */
  private range(now = new Date()) {
    return formRange({ id: byId<HTMLSelectElement>('preset').value as FormPreset, now, fiscalYearStartMonth: this.fiscalYearStartMonth, from: input('from').value, to: input('to').value });
  }

  /** The dates in words under the preset, the notice of a range moved to end now, the history default. */
  private showRange(): void {
    const r = this.range();
    const custom = byId<HTMLSelectElement>('preset').value === 'custom';
    byId('range-words').textContent = r.ok ? r.range.label : custom ? '' : r.message;
    this.showNotice(r.ok ? r.range.notice : undefined);
    const detail = byId<HTMLSelectElement>('detail').value;
    const box = input('keep-history');
    const takes = historyTakes({ detailLevel: detail });
    box.disabled = !takes;
    if (!takes) box.checked = false;
    else if (!this.historyChosen) box.checked = r.ok && historyByDefault(r.range, detail);
    byId('keep-history-hint').textContent = takes
      ? 'Closed months stay as they are; refresh pulls the open month and new ones again.'
      : 'A history needs Hour, Day or Month detail.';
  }

  /** The form as query parameters, or undefined (with a message) when the range is unusable. */
  params(): QueryParams | undefined {
    return this.values()?.params;
  }

  private values(): FormValues | undefined {
    const r = this.range();
    if (!r.ok) {
      this.showNotice(undefined);
      this.activity.say(r.message, 'error');
      if (r.field) input(r.field === 'start' ? 'from' : 'to').focus();
      return undefined;
    }
    this.showNotice(r.range.notice);
    const checked = (name: string) => [...document.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((i) => i.value);
    const form: UsageFilterForm = {
      featureId: input('f-feature').value, appId: input('f-app').value, projectHrn: input('f-project').value,
      billingTag: input('f-tag').value, category: input('f-category').value, channelId: byId<HTMLSelectElement>('f-channel').value,
      billingSubscriptionId: input('f-subs').value, detailLevel: byId<HTMLSelectElement>('detail').value,
      groupBy: checked('groupBy').join(','), usageFields: checked('usageFields'),
    };
    const params = toParams(r.range.params, form);
    const keep = input('keep-history').checked && historyTakes(params);
    if (input('keep-history').checked && !keep) { this.activity.say('A history needs the Date column: tick Date among the fields, or untick "Keep as a history".', 'error'); return undefined; }
    return keep ? { params, history: r.range.rule } : { params };
  }

  /** A range the date helper had to adjust (say, an end in the future) comes with a notice. */
  private showNotice(notice: string | undefined): void {
    const box = byId('range-notice');
    box.textContent = notice ?? '';
    box.hidden = !notice;
  }

  private async insert(allowSlow: boolean, given?: FormValues): Promise<void> {
    const deps = this.deps();
    if (!deps) { this.activity.say('Connect first.', 'error'); return; }
    const values = given ?? this.values();
    if (!values) return;
    byId('size-warning').hidden = true;
    const result = await this.activity.run('Counting records', (signal, report) => insertUsage(deps, deps.realmId, values.params, { signal, onProgress: report, allowSlow, ...(values.history ? { history: values.history } : {}) }));
    if (!result) return;
    if (result.kind === 'tooBig') {
      this.pending = values;
      byId('size-text').textContent = result.verdict.message ?? '';
      byId('insert-anyway').hidden = result.verdict.tooBigForSheet;
      byId('use-report').hidden = result.verdict.offer !== 'report';
      byId('use-day-detail').hidden = result.verdict.offer !== 'dayDetail';
      byId('size-warning').hidden = false;
      byId(result.verdict.offer === 'dayDetail' ? 'use-day-detail' : result.verdict.offer === 'report' ? 'use-report' : 'detail').focus();
      return;
    }
    const kept = values.history ? ' Kept as a history: refresh re-pulls only open months.' : '';
    this.activity.say(`Inserted ${fmtInt(result.records)} rows as table ${result.meta.tableName} on sheet ${result.meta.sheetName}.${kept}`, 'ok');
    this.after();
  }
}
