// The HERE usage section of Get data: range presets, filters, detail level, group by, fields, Insert.

import { apiDateTime, presetRange, rangeProblem, type DateRange, type RangePreset } from '../flows/dates.js';
import { insertUsage, type FlowDeps } from '../flows/pull.js';
import { withDayDetail } from '../flows/size.js';
import { toParams, type UsageFilterForm } from '../flows/usage-form.js';
import { FIELD_CHOICES, GROUP_BY_CHOICES, type Choice } from '@meterbook/table-model';
import type { QueryParams } from '../workbook/query-store.js';
import type { Activity } from './activity.js';
import { byId, el, fmtInt, input } from './dom.js';


export class UsageView {
  private pending: QueryParams | undefined;

  constructor(private readonly deps: () => (FlowDeps & { realmId: string }) | undefined, private readonly activity: Activity, private readonly after: () => void, private readonly toReport: (p: QueryParams) => void) {
    // Labelled in the words the table's headers use (the table model's choices); the API's names stay the values.
    const boxes = (host: string, choices: readonly Choice[], group: string) => {
      for (const c of choices) byId(host).append(el('label', { class: 'inline' }, el('input', { type: 'checkbox', name: group, value: c.value }), c.label));
    };
    boxes('group-by', GROUP_BY_CHOICES, 'groupBy');
    boxes('fields', FIELD_CHOICES, 'usageFields');
    const today = apiDateTime(new Date()).slice(0, 10);
    input('to').value = today;
    input('from').value = apiDateTime(new Date(Date.now() - 29 * 86_400_000)).slice(0, 10);
    byId<HTMLSelectElement>('preset').addEventListener('change', (e) => { byId('custom-range').hidden = (e.target as HTMLSelectElement).value !== 'custom'; });
    byId('usage-form').addEventListener('submit', (ev) => { ev.preventDefault(); void this.insert(false); });
    byId('insert-anyway').addEventListener('click', () => void this.insert(true, this.pending));
    byId('use-report').addEventListener('click', () => { byId('size-warning').hidden = true; if (this.pending) this.toReport(this.pending); });
    // Reports do not take hour detail: an hourly pull is offered the same range by day.
    byId('use-day-detail').addEventListener('click', () => {
      if (!this.pending) return;
      byId<HTMLSelectElement>('detail').value = 'day';
      void this.insert(false, withDayDetail(this.pending));
    });
  }

  /** The form as query parameters, or undefined (with a message) when the range is unusable. */
  params(): QueryParams | undefined {
    const preset = byId<HTMLSelectElement>('preset').value as RangePreset;
    let range;
    try { range = presetRange(preset, new Date(), { from: input('from').value, to: input('to').value }); } catch (e) { this.activity.say((e as Error).message, 'error'); return undefined; }
    this.showNotice(range);
    const problem = rangeProblem(range);
    if (problem) { this.activity.say(problem, 'error'); return undefined; }
    const checked = (name: string) => [...document.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((i) => i.value);
    const form: UsageFilterForm = {
      featureId: input('f-feature').value, appId: input('f-app').value, projectHrn: input('f-project').value,
      billingTag: input('f-tag').value, category: input('f-category').value, channelId: byId<HTMLSelectElement>('f-channel').value,
      billingSubscriptionId: input('f-subs').value, detailLevel: byId<HTMLSelectElement>('detail').value,
      groupBy: checked('groupBy').join(','), usageFields: checked('usageFields'),
    };
    return toParams(range, form);
  }

  /** A range the date helper had to adjust (say, an end in the future) comes with a notice. */
  private showNotice(range: DateRange): void {
    const notice = 'notice' in range && typeof range.notice === 'string' ? range.notice : '';
    const box = byId('range-notice');
    box.textContent = notice;
    box.hidden = notice === '';
  }

  private async insert(allowSlow: boolean, given?: QueryParams): Promise<void> {
    const deps = this.deps();
    if (!deps) { this.activity.say('Connect first.', 'error'); return; }
    const params = given ?? this.params();
    if (!params) return;
    byId('size-warning').hidden = true;
    const result = await this.activity.run('Counting records', (signal, report) => insertUsage(deps, deps.realmId, params, { signal, onProgress: report, allowSlow }));
    if (!result) return;
    if (result.kind === 'tooBig') {
      this.pending = params;
      byId('size-text').textContent = result.verdict.message ?? '';
      byId('insert-anyway').hidden = result.verdict.tooBigForSheet;
      byId('use-report').hidden = result.verdict.offer !== 'report';
      byId('use-day-detail').hidden = result.verdict.offer !== 'dayDetail';
      byId('size-warning').hidden = false;
      byId(result.verdict.offer === 'dayDetail' ? 'use-day-detail' : result.verdict.offer === 'report' ? 'use-report' : 'detail').focus();
      return;
    }
    this.activity.say(`Inserted ${fmtInt(result.records)} rows as table ${result.meta.tableName} on sheet ${result.meta.sheetName}.`, 'ok');
    this.after();
  }
}
