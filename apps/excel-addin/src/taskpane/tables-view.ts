// "Tables in this workbook": what each of our tables remembers, Refresh selected and Refresh all.

import { NotOurTableError, refreshAll, refreshTable, type RefreshDeps } from '../flows/refresh.js';
import type { QueryStore } from '../workbook/query-store.js';
import type { TableWriter } from '../workbook/table-writer.js';
import type { Activity } from './activity.js';
import { byId, clear, el, fmtInt } from './dom.js';

export class TablesView {
  constructor(private readonly writer: TableWriter, private readonly store: QueryStore, private readonly deps: () => RefreshDeps | undefined, private readonly activity: Activity) {
    byId('refresh-selected').addEventListener('click', () => void this.refreshSelected());
    byId('refresh-all').addEventListener('click', () => void this.refreshAll());
  }

  async render(): Promise<void> {
    const list = byId('table-list');
    clear(list);
    for (const q of await this.store.list()) {
      const meta = await this.writer.findTable(q.tableName);
      if (!meta) continue;
      list.append(el('li', { 'data-table': q.tableName },
        el('strong', {}, q.tableName), ` on ${meta.sheetName} · ${q.kind === 'acronis-report' ? `Acronis report · ${q.tenantName ?? q.realmId}` : q.kind} · ${fmtInt(meta.rowCount)} rows · pulled ${q.pulledAt.slice(0, 16).replace('T', ' ')} UTC`));
    }
    if (!list.firstChild) list.append(el('li', {}, 'No Meterbook tables yet.'));
  }

  private async refreshSelected(): Promise<void> {
    const deps = this.deps();
    if (!deps) { this.activity.say('Connect first.', 'error'); return; }
    const name = await this.writer.selectedTableName();
    if (!name || !(await this.store.get(name))) { this.activity.say(new NotOurTableError(name).message, 'error'); return; }
    const meta = await this.activity.run(`Refreshing ${name}`, (signal, report) => refreshTable(deps, name, { signal, onProgress: report }));
    if (meta) this.activity.say(`Refreshed ${name}: ${fmtInt(meta.rowCount)} rows.`, 'ok');
    await this.render();
  }

  private async refreshAll(): Promise<void> {
    const deps = this.deps();
    if (!deps) { this.activity.say('Connect first.', 'error'); return; }
    const results = await this.activity.run('Refreshing all tables', (signal, report) =>
      refreshAll(deps, { signal, onProgress: report, describe: this.activity.describe, onTable: (n) => report(`Refreshing ${n}…`) }));
    if (results) {
      const failed = results.filter((r) => !r.ok);
      const text = results.map((r) => `${r.tableName}: ${r.message}`).join(' · ') || 'No Meterbook tables to refresh.';
      this.activity.say(failed.length ? `Some tables were not refreshed. ${text}` : `Refreshed. ${text}`, failed.length ? 'error' : 'ok');
    }
    await this.render();
  }
}
