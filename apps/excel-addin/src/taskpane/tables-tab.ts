// The Tables tab: every Meterbook table in the workbook with what it holds, its status (last
// refresh, or why it was not refreshed) and its actions; Refresh all and Refresh selected.

import { NotOurTableError, refreshAll, refreshTable, type RefreshDeps, type RefreshOutcome } from '../flows/refresh.js';
import type { QueryStore, StoredQuery } from '../workbook/query-store.js';
import type { TableWriter } from '../workbook/table-writer.js';
import type { Activity } from './activity.js';
import { byId, clear, el, fmtInt } from './dom.js';

/** One button on a table's row. */
export interface TableAction {
  /** The row's button carries it as `data-action`. */
  id: string;
  label: string;
  /** Only for the tables it fits (all when absent). */
  appliesTo?: (q: StoredQuery) => boolean;
  run: (tableName: string) => Promise<void>;
}

interface RowStatus { ok: boolean; text: string }

const sourceOf = (q: StoredQuery): string => (q.kind === 'acronis-report' ? `Acronis report · ${q.tenantName ?? q.realmId}` : q.kind === 'usage' ? `HERE usage · ${q.realmId}` : `HERE report · ${q.realmId}`);
const utc = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

export class TablesTab {
  /** Every row's actions, Refresh first; more (Summarize, Cost) come in through the constructor. */
  readonly actions: TableAction[];
  private readonly status = new Map<string, RowStatus>();

  constructor(private readonly writer: TableWriter, private readonly store: QueryStore, private readonly deps: () => RefreshDeps | undefined, private readonly activity: Activity, moreActions: TableAction[] = []) {
    this.actions = [{ id: 'refresh', label: 'Refresh', run: (name) => this.refreshOne(name) }, ...moreActions];
    byId('refresh-selected').addEventListener('click', () => void this.refreshSelected());
    byId('refresh-all').addEventListener('click', () => void this.refreshAll());
  }

  async render(): Promise<void> {
    const list = byId('table-list');
    // The list is rebuilt: a row button that had focus gets it back on its new self.
    const active = document.activeElement;
    const had = active instanceof HTMLElement && list.contains(active) ? { table: active.closest('li')?.dataset.table, action: active.dataset.action } : undefined;
    clear(list);
    for (const q of await this.store.list()) {
      const meta = await this.writer.findTable(q.tableName);
      if (!meta) continue;
      const st = this.status.get(q.tableName);
      const buttons = this.actions.filter((a) => a.appliesTo?.(q) ?? true).map((a) => {
        const b = el('button', { type: 'button', class: 'small', 'data-action': a.id, 'aria-label': `${a.label} ${q.tableName}` }, a.label);
        b.addEventListener('click', () => void a.run(q.tableName));
        return b;
      });
      list.append(el('li', { 'data-table': q.tableName },
        el('strong', {}, q.tableName),
        el('span', { class: 'meta' }, `${sourceOf(q)} · sheet ${meta.sheetName} · ${fmtInt(meta.rowCount)} rows`),
        el('span', { class: `table-status${st && !st.ok ? ' failed' : ''}`, 'data-status': '' }, st?.text ?? `Pulled ${utc(q.pulledAt)}`),
        el('span', { class: 'actions' }, ...buttons)));
    }
    if (!list.firstChild) list.append(el('li', { class: 'empty' }, 'No Meterbook tables yet. Insert one from the Get data tab.'));
    if (had?.table && had.action) list.querySelector<HTMLElement>(`li[data-table="${CSS.escape(had.table)}"] [data-action="${CSS.escape(had.action)}"]`)?.focus();
  }

  private need(): RefreshDeps | undefined {
    const deps = this.deps();
    if (!deps) this.activity.say('Connect first: refresh needs the source the table came from (Connection tab).', 'error');
    return deps;
  }

  private async refreshOne(name: string): Promise<void> {
    const deps = this.need();
    if (!deps) return;
    const meta = await this.activity.run(`Refreshing ${name}`, (signal, report) => refreshTable(deps, name, { signal, onProgress: report }));
    if (meta) {
      this.status.set(name, { ok: true, text: `Refreshed ${utc(new Date().toISOString())} · ${fmtInt(meta.rowCount)} rows` });
      this.activity.say(`Refreshed ${name}: ${fmtInt(meta.rowCount)} rows.`, 'ok');
    }
    await this.render();
  }

  private async refreshSelected(): Promise<void> {
    const name = await this.writer.selectedTableName();
    if (!name || !(await this.store.get(name))) { this.activity.say(new NotOurTableError(name).message, 'error'); return; }
    await this.refreshOne(name);
  }

  private async refreshAll(): Promise<void> {
    const deps = this.need();
    if (!deps) return;
    const results = await this.activity.run('Refreshing all tables', (signal, report) =>
      refreshAll(deps, { signal, onProgress: report, describe: (e) => this.activity.describe(e).summary, onTable: (n) => report(`Refreshing ${n}…`) }));
    if (results) this.summarize(results);
    await this.render();
  }

  /** One line for the run, and the tables that were not refreshed in a list that opens. */
  private summarize(results: RefreshOutcome[]): void {
    const at = utc(new Date().toISOString());
    for (const r of results) this.status.set(r.tableName, r.ok ? { ok: true, text: `Refreshed ${at} · ${r.message}` } : { ok: false, text: `Not refreshed: ${r.message}` });
    const failed = results.filter((r) => !r.ok);
    const box = byId('refresh-summary');
    clear(box);
    box.hidden = failed.length === 0;
    if (results.length === 0) { this.activity.say('No Meterbook tables to refresh.'); return; }
    const line = `Refreshed ${fmtInt(results.length - failed.length)} of ${fmtInt(results.length)} tables.`;
    if (failed.length === 0) { this.activity.say(line, 'ok'); return; }
    this.activity.say(`${line} ${fmtInt(failed.length)} not refreshed: see the list below.`, failed.length === results.length ? 'error' : 'warn');
    const items = failed.map((r) => el('li', {}, el('strong', {}, r.tableName), `: ${r.message}`));
    box.append(el('details', { class: 'not-refreshed' }, el('summary', {}, `${fmtInt(failed.length)} not refreshed`), el('ul', {}, ...items)));
  }
}
