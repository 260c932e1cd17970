// The Tables tab: every Meterbook table in the workbook with what it holds, its status (last
// refresh, or why it was not refreshed) and its actions; Refresh all (across sources) and Refresh
// selected. A table that would grow into the user's cells asks first, here in the pane.

import type { GrowthQuestion } from '../flows/growth.js';
import { NotOurTableError, refreshTable, type RefreshDeps } from '../flows/refresh.js';
import { depsFor, refreshAllSources, type RefreshAllSummary, type RefreshItem } from '../flows/refresh-all.js';
import { markSummariesOfMissingTables } from '../flows/summarize.js';
import type { QueryStore, StoredQuery } from '../workbook/query-store.js';
import type { TableWriter } from '../workbook/table-writer.js';
import { historyStatusWords, timeWords } from '@meterbook/table-model';
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

/** A history table's status: when, what its windows did, or the last error (its rows kept). */
export function historyLine(q: StoredQuery): RowStatus | undefined {
  const st = q.history?.status;
  if (!st) return undefined;
  if (st.error) return { ok: false, text: `Last refresh failed: ${st.error} The table keeps its rows from ${timeWords(new Date(q.pulledAt))}.` };
  const first = st.kept === 0 && st.dropped === 0 && st.rowsRemoved === 0;
  return { ok: true, text: `${first ? 'Pulled' : 'Refreshed'} ${timeWords(new Date(st.at))} · ${historyStatusWords(st)}` };
}

const sourceOf = (q: StoredQuery): string => (q.kind === 'acronis-report' ? `Acronis report · ${q.tenantName ?? q.realmId}` : q.kind === 'usage' ? `HERE usage · ${q.realmId}` : `HERE report · ${q.realmId}`);
// The same words for a time as the table's caption ("1 Dec 2026 18:49 UTC").
const utc = (iso: string): string => timeWords(new Date(iso));

export class TablesTab {
  /** Every row's actions, Refresh first; more (Summarize, Cost) come in through the constructor. */
  readonly actions: TableAction[];
  private readonly status = new Map<string, RowStatus>();

  constructor(private readonly writer: TableWriter, private readonly store: QueryStore, private readonly deps: () => RefreshDeps[], private readonly activity: Activity, moreActions: TableAction[] = []) {
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
      const said = this.status.get(q.tableName);
      // A history says what its windows did; a run that did not reach it (no connection) says why.
      const st = said && !said.ok ? said : historyLine(q) ?? said;
      const buttons = this.actions.filter((a) => a.appliesTo?.(q) ?? true).map((a) => {
        const b = el('button', { type: 'button', class: 'small', 'data-action': a.id, 'aria-label': `${a.label} ${q.tableName}` }, a.label);
        b.addEventListener('click', () => void a.run(q.tableName));
        return b;
      });
      list.append(el('li', { 'data-table': q.tableName },
        el('strong', {}, q.tableName),
        el('span', { class: 'meta' }, `${sourceOf(q)}${q.history ? ' · history' : ''} · sheet ${meta.sheetName} · ${fmtInt(meta.rowCount)} rows`),
        el('span', { class: `table-status${st && !st.ok ? ' failed' : ''}`, 'data-status': '' }, st?.text ?? `Pulled ${utc(q.pulledAt)}`),
        el('span', { class: 'actions' }, ...buttons)));
    }
    if (!list.firstChild) list.append(el('li', { class: 'empty' }, 'No Meterbook tables yet. Insert one from the Get data tab.'));
    if (had?.table && had.action) list.querySelector<HTMLElement>(`li[data-table="${CSS.escape(had.table)}"] [data-action="${CSS.escape(had.action)}"]`)?.focus();
  }

  /** The connection a table refreshes through, or a message saying which one to make. */
  private async need(name: string): Promise<RefreshDeps | undefined> {
    const q = await this.store.get(name);
    const deps = q ? depsFor(q, this.deps()) : undefined;
    if (q && !deps) this.activity.say(`Connect first: ${name} came from ${q.kind === 'acronis-report' ? 'Acronis' : 'the HERE Usage API'} at ${q.baseUrl} (Connection tab).`, 'error');
    return deps;
  }

  /**
   * Asks in the pane whether to insert sheet rows for a table's growth. Enter or the button says
   * yes; "Leave", or Esc (which cancels the whole task), says no.
   */
  private confirmGrowth(q: GrowthQuestion, signal: AbortSignal): Promise<boolean> {
    const box = byId('growth-confirm');
    const yes = byId('growth-insert');
    const no = byId('growth-keep');
    byId('growth-text').textContent = `${q.tableName} has ${fmtInt(q.rows)} more rows, and ${q.address} below it holds your cells. Insert ${fmtInt(q.rows)} sheet rows so your cells move down? Nothing is overwritten either way.`;
    yes.textContent = `Insert ${fmtInt(q.rows)} rows`;
    box.hidden = false;
    yes.focus();
    return new Promise((resolve) => {
      const done = (answer: boolean) => {
        box.hidden = true;
        yes.removeEventListener('click', onYes);
        no.removeEventListener('click', onNo);
        signal.removeEventListener('abort', onNo);
        resolve(answer);
      };
      const onYes = () => done(true);
      const onNo = () => done(false);
      yes.addEventListener('click', onYes);
      no.addEventListener('click', onNo);
      signal.addEventListener('abort', onNo);
    });
  }

  private async refreshOne(name: string): Promise<void> {
    const deps = await this.need(name);
    if (!deps) return;
    const meta = await this.activity.run(`Refreshing ${name}`, (signal, report) => refreshTable(deps, name, { signal, onProgress: report, confirmGrowth: (q) => this.confirmGrowth(q, signal) }));
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
    const sources = this.deps();
    const summary = await this.activity.run('Refreshing all tables', (signal, report) =>
      refreshAllSources({ writer: this.writer, store: this.store, sources }, { signal, onProgress: report, onTable: (n) => report(`Refreshing ${n}…`), confirmGrowth: (q) => this.confirmGrowth(q, signal) }));
    if (summary) this.summarize(summary);
    await markSummariesOfMissingTables({ writer: this.writer, store: this.store }).catch(() => []);
    await this.render();
  }

  /** One line for the run, and the tables that were not refreshed in a list that opens. */
  private summarize({ line, items }: RefreshAllSummary): void {
    const at = utc(new Date().toISOString());
    // Each row already names its table: its status says the rest.
    const said = (r: RefreshItem): string => (r.message.startsWith(r.tableName) ? r.message.slice(r.tableName.length).replace(/^:?\s*/, '') : r.message);
    for (const r of items) this.status.set(r.tableName, r.status === 'refreshed' ? { ok: true, text: `Refreshed ${at} · ${said(r)}` } : { ok: false, text: `Not refreshed: ${said(r)}` });
    const rest = items.filter((r) => r.status !== 'refreshed');
    const box = byId('refresh-summary');
    clear(box);
    box.hidden = rest.length === 0;
    if (items.length === 0) { this.activity.say(line); return; }
    if (rest.length === 0) { this.activity.say(`${line}.`, 'ok'); return; }
    const failed = rest.filter((r) => r.status === 'failed').length;
    this.activity.say(`${line}: see the list below.`, rest.length === items.length && failed > 0 ? 'error' : 'warn');
    const list = rest.map((r) => el('li', { 'data-status': r.status }, el('strong', {}, r.tableName), `: ${said(r)}`));
    box.append(el('details', { class: 'not-refreshed' }, el('summary', {}, `${fmtInt(rest.length)} not refreshed`), el('ul', {}, ...list)));
  }
}
